#pragma once
// Saved plans. `plan -o plan.json` writes the JSON plan plus what
// `apply --plan plan.json` checks before running it: the tool's version, a
// digest of the manifest directory, and a fingerprint of what the database
// held, when the plan was made, for each object the plan touches. apply
// plans again and runs the saved steps, and only those, if every
// fingerprint still matches; drift elsewhere does not invalidate the plan
// (its own steps are left out), a touched object that moved does (refused,
// naming it).
//
// A fingerprint is of the object's manifest as export would write it from
// the live database (render_manifests), so it covers everything reconcile
// models of it: columns, indexes, triggers, policies, grants, owner,
// comments. Objects kept in schemas.json (enums, domains, sequences, types)
// share that file's fingerprint, so a change to any of them moves them all.
#include <filesystem>
#include <string>

#include "catalog/model/model.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::cli {

// Adds the "saved" section to plan_json (format_plan_json's output).
std::string with_saved_section(const std::string& plan_json, const engine::Plan& plan, const catalog::Model& have,
                               const std::filesystem::path& manifests);

// The steps of `fresh` (planned just now, against `have`) that the saved
// plan in `saved_file` holds, in order. Throws std::runtime_error, naming
// what differs, when the saved plan is not one to run: another version of
// reconcile, other manifests, a touched object that changed, or a saved
// step the database no longer needs.
engine::Plan saved_steps(const std::filesystem::path& saved_file, const engine::Plan& fresh,
                         const catalog::Model& have, const std::filesystem::path& manifests);

}  // namespace reconcile::cli
