#pragma once
// The password statements, shared by the renderer (what a plan shows) and
// the executor (what it runs, engine/apply/secrets.cpp).
#include <optional>
#include <string>
#include <string_view>

#include "catalog/model/role.hpp"

namespace reconcile::engine::render_detail {

// The per-role setting that records the rotation marker of the last
// password reconcile set (see catalog/model/role.hpp).
inline constexpr std::string_view rotation_setting = "reconcile.password_rotation";

// What a plan shows: PASSWORD :'VAR' for a password from the environment
// (psql's syntax for a variable, which `\getenv VAR VAR` fills), or the
// verifier, which the manifest already holds.
std::string password_statement(const std::string& role, const catalog::PasswordSource& source);
// ALTER ROLE ... SET reconcile.password_rotation = ..., or RESET.
std::string rotation_statement(const std::string& role, const std::optional<std::string>& rotation);
// "$VAR", or "the manifest's SCRAM verifier".
std::string password_origin(const catalog::PasswordSource& source);

}  // namespace reconcile::engine::render_detail
