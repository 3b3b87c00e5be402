#pragma once
// Checks about roles that need the live side: before planning, that the
// roles the manifests only refer to exist and that the features they use
// exist on this server; after planning, that the connected role may do what
// the plan asks (create and alter roles, grant on each object), so that
// `plan` says so instead of apply failing halfway.
#include "catalog/model/model.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/plan/plan.hpp"

namespace reconcile::engine {

// Throws PlanError listing every problem: an external (or built-in pg_*)
// role that does not exist, a membership's INHERIT or SET option before
// PostgreSQL 16, the MAINTAIN privilege before 17.
void check_roles(const catalog::Model& want, const catalog::Model& have, int server_version);

// Throws PlanError when the connected role lacks a right a step needs. One
// query, and only when the plan has role, membership, grant or owner steps.
void check_rights(const Plan& plan, const catalog::Model& have, catalog::Connection& target);

}  // namespace reconcile::engine
