// The privilege diff: exact for managed roles and stated PUBLIC, reported
// for other roles, owners implicit, column grants kept across a table revoke.
#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

Model with_table(Model model) {
    model.schemas.push_back({"public", {}});
    model.tables.push_back(table("public", "jobs").column("id", "integer").column("phone", "text").t);
    return model;
}

Role role(std::string name) {
    Role r;
    r.name = std::move(name);
    return r;
}

template <typename T>
std::vector<T> of_kind(const DiffResult& result) {
    std::vector<T> out;
    for (const auto& change : result.changes) {
        if (const auto* c = std::get_if<T>(&change)) out.push_back(*c);
    }
    return out;
}

const ObjectId jobs = table_id({"public", "jobs"});
const ObjectId phone = column_id({"public", "jobs"}, "phone");

}  // namespace

TEST_CASE("privileges of managed roles are exact, other roles are reported and left alone", "[diff][privileges]") {
    Model have = with_table({});
    have.roles = {role("reader"), role("alice"), role("owner")};
    have.owners = {{jobs, "owner"}};
    have.grants = {{jobs, "reader", "SELECT", false},
                   {jobs, "reader", "DELETE", false},
                   {jobs, "alice", "SELECT", false},
                   {jobs, public_grantee, "SELECT", false}};
    Model want = with_table({});
    want.roles = {role("reader")};
    want.grants = {
        {jobs, "reader", "SELECT", true}, {jobs, "reader", "INSERT", false}, {jobs, "owner", "SELECT", false}};
    have.normalize();
    want.normalize();

    auto result = diff(have, want, {});
    auto revokes = of_kind<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].grantee == "reader");
    CHECK(revokes[0].privileges == std::vector<std::string>{"DELETE"});
    auto grants = of_kind<GrantPrivileges>(result);
    REQUIRE(grants.size() == 2);
    CHECK(grants[0].privileges == std::vector<std::string>{"INSERT"});
    CHECK_FALSE(grants[0].grant_option);
    CHECK(grants[1].privileges == std::vector<std::string>{"SELECT"});
    CHECK(grants[1].grant_option);
    // alice is not managed: reported. PUBLIC is not stated: not touched,
    // and reported too (a table's PUBLIC holds nothing by default).
    REQUIRE(result.not_managed.size() == 2);
    CHECK(result.not_managed[0].detail == "(SELECT to PUBLIC, which the manifests do not state)");
    CHECK(result.not_managed[1].detail == "(SELECT to alice, role not managed)");
    // On a table that exists, every grant and revoke changes who may do what.
    for (const auto& step : make_plan(result, PlanOptions{AllowDestructive::yes}).steps) {
        CHECK(step.hazards == hazards({Hazard::authz_update}));
    }

    // Stating PUBLIC makes its grants exact too.
    want.public_stated = {jobs};
    auto stated = diff(have, want, {});
    auto public_revokes = of_kind<RevokePrivileges>(stated);
    CHECK(std::any_of(public_revokes.begin(), public_revokes.end(),
                      [](const auto& r) { return r.grantee == public_grantee; }));
}

TEST_CASE("what default privileges may give a table the plan creates, beyond its grants, is revoked after it",
          "[diff][privileges][default_privileges]") {
    Model have;
    have.schemas.push_back({"public", {}});
    have.roles = {role("reader")};
    have.default_grants = {{"admin", "public", DefaultObjects::tables, "reader", "INSERT", false},
                           {"admin", "public", DefaultObjects::tables, "reader", "SELECT", false},
                           {"admin", "", DefaultObjects::sequences, "reader", "USAGE", false},
                           {"admin", "other", DefaultObjects::tables, "reader", "DELETE", false}};
    Model want = with_table({});
    want.tables[0].columns[0].serial = Serial::serial;
    want.roles = {role("reader")};
    want.grants = {{jobs, "reader", "SELECT", false}};
    have.normalize();
    want.normalize();

    auto result = diff(have, want, {});
    auto revokes = of_kind<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 2);
    CHECK(revokes[0].target == object_id(ObjectKind::sequence, {"public", "jobs_id_seq"}));
    CHECK(revokes[0].privileges == std::vector<std::string>{"USAGE"});
    CHECK(revokes[1].target == jobs);
    CHECK(revokes[1].privileges == std::vector<std::string>{"INSERT"});  // not DELETE: another schema's
    // admin's default privileges are not declared by any manifest: listed.
    CHECK(result.not_managed.size() == 4);
    CHECK(result.not_managed[0].what == "default privileges");

    // On a table that exists, nothing is assumed: its ACL is read.
    Model existing = have;
    existing.tables = want.tables;
    existing.owners = {{jobs, "admin"}};
    existing.grants = {{jobs, "reader", "SELECT", false}};
    existing.normalize();
    CHECK(of_kind<RevokePrivileges>(diff(existing, want, {})).empty());
}

TEST_CASE("a managed role's grant on a serial column's sequence is exact without sequence_grants",
          "[diff][privileges]") {
    const ObjectId sequence = object_id(ObjectKind::sequence, {"public", "jobs_id_seq"});
    Model have = with_table({});
    have.tables[0].columns[0].serial = Serial::serial;
    have.roles = {role("reader")};
    have.owners = {{jobs, "owner"}};
    have.grants = {{sequence, "reader", "USAGE", false}};
    Model want = with_table({});
    want.tables[0].columns[0].serial = Serial::serial;
    want.roles = {role("reader")};
    have.normalize();
    want.normalize();

    auto revokes = of_kind<RevokePrivileges>(diff(have, want, {}));
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].target == sequence);
    CHECK(revokes[0].grantee == "reader");
}

TEST_CASE("PUBLIC's built-in USAGE revoked on a type whose manifest does not state PUBLIC is listed, not restored",
          "[diff][privileges]") {
    const ObjectId mood = enum_id({"public", "mood"});
    EnumType type;
    type.name = {"public", "mood"};
    Model have;
    have.schemas.push_back({"public", {}});
    have.enums = {type};
    have.owners = {{mood, "owner"}};
    Model want = have;
    want.owners.clear();
    have.normalize();
    want.normalize();

    auto result = diff(have, want, {});
    CHECK(of_kind<GrantPrivileges>(result).empty());
    REQUIRE(result.not_managed.size() == 1);
    CHECK(result.not_managed[0].detail == "(USAGE revoked from PUBLIC, which the manifests do not state)");

    // Holding it, nothing to say.
    have.grants = {{mood, public_grantee, "USAGE", false}};
    CHECK(diff(have, want, {}).not_managed.empty());
}

TEST_CASE("a column grant that stays is made again after a revoke on its table", "[diff][privileges]") {
    Model have = with_table({});
    have.roles = {role("writer")};
    have.grants = {{jobs, "writer", "UPDATE", false}, {phone, "writer", "UPDATE", false}};
    Model want = with_table({});
    want.roles = {role("writer")};
    want.grants = {{phone, "writer", "UPDATE", false}};
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    auto revokes = of_kind<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].target == jobs);
    auto grants = of_kind<GrantPrivileges>(result);
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].target == phone);
    // And the plan revokes first.
    auto plan = make_plan(std::move(result), {});
    REQUIRE(plan.steps.size() == 2);
    CHECK(std::holds_alternative<RevokePrivileges>(plan.steps[0].change));
}

TEST_CASE("roles: created before what grants to them, altered attributes, password only on rotation", "[diff][roles]") {
    Model have = with_table({});
    Role live = role("writer");
    live.applied_rotation = "1";
    have.roles = {live};
    Model want = with_table({});
    Role wanted = role("writer");
    wanted.login = true;
    wanted.password = PasswordSource{"W", std::nullopt, "1"};
    want.roles = {wanted, role("reader")};
    want.grants = {{jobs, "reader", "SELECT", false}};
    want.memberships = {{"writer", "reader", false, {}, {}}};
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    CHECK(of_kind<SetPassword>(result).empty());
    REQUIRE(of_kind<AlterRole>(result).size() == 1);
    REQUIRE(of_kind<CreateRole>(result).size() == 1);
    auto plan = make_plan(std::move(result), {});
    std::vector<std::string> kinds;
    for (const auto& step : plan.steps) kinds.push_back(kind_name(step.change));
    auto at = [&](const std::string& kind) { return std::find(kinds.begin(), kinds.end(), kind) - kinds.begin(); };
    CHECK(at("create_role") < at("grant"));
    CHECK(at("create_role") < at("grant_membership"));

    want.roles[1].password->rotation = "2";
    CHECK(of_kind<SetPassword>(diff(have, want, {})).size() == 1);
}

TEST_CASE("a created function loses PUBLIC's EXECUTE where PUBLIC is stated; a re-created one gets its grants back",
          "[diff][privileges]") {
    Function f;
    f.name = {"public", "bump"};
    f.arguments.push_back(Argument{ArgumentMode::in, "n", "integer", std::nullopt});
    f.returns = "integer";
    f.language = "sql";
    f.body = "SELECT n + 1";
    const ObjectId bump = f.id();

    Model want = with_table({});
    want.roles = {role("reader"), role("app_owner")};
    want.functions = {f};
    want.grants = {{bump, "reader", "EXECUTE", false}};
    want.public_stated = {bump};
    want.owners = {{bump, "app_owner"}};
    want.normalize();

    // Created: nothing live, yet PUBLIC will hold EXECUTE once it exists.
    auto created = diff(with_table({}), want, {});
    auto revokes = of_kind<RevokePrivileges>(created);
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].target == bump);
    CHECK(revokes[0].grantee == public_grantee);
    CHECK(revokes[0].privileges == std::vector<std::string>{"EXECUTE"});
    CHECK(of_kind<GrantPrivileges>(created).size() == 1);
    CHECK(of_kind<SetOwner>(created).size() == 1);
    // A new object has no data and no users yet: its owner and grants are
    // part of creating it, not an AUTHZ_UPDATE.
    // (Creating a role is one: roles are the cluster's.)
    Plan new_plan = make_plan(created, PlanOptions{AllowDestructive::yes});
    CHECK(step(new_plan, "grant public.bump(integer)").hazards.empty());
    CHECK(step(new_plan, "revoke public.bump(integer)").hazards.empty());
    CHECK(step(new_plan, "set_owner public.bump(integer)").hazards.empty());
    CHECK(step(new_plan, "create_role app_owner").hazards == hazards({Hazard::authz_update}));

    // Live and as declared: nothing to do.
    Model have = with_table({});
    have.roles = {role("reader"), role("app_owner")};
    have.functions = {f};
    have.owners = {{bump, "app_owner"}};
    have.grants = {{bump, "reader", "EXECUTE", false}};
    have.normalize();
    CHECK(diff(have, want, {}).changes.empty());

    // The result type changes: dropped and created, so the grant, the
    // revoke from PUBLIC and the owner are all needed again.
    want.functions[0].returns = "bigint";
    auto recreated = diff(have, want, {});
    CHECK(recreated.recreated.count(bump) == 1);
    CHECK(of_kind<DropFunction>(recreated).size() == 1);
    CHECK(of_kind<GrantPrivileges>(recreated).size() == 1);
    CHECK(of_kind<RevokePrivileges>(recreated).size() == 1);
    CHECK(of_kind<SetOwner>(recreated).size() == 1);
    // Created again, it served callers before: its grants are AUTHZ_UPDATE.
    Plan again = make_plan(recreated, PlanOptions{AllowDestructive::yes});
    CHECK(step(again, "grant public.bump(integer)").hazards == hazards({Hazard::authz_update}));
    CHECK(step(again, "set_owner public.bump(integer)").hazards == hazards({Hazard::authz_update}));
}

namespace {

OwnerPrivileges holds(const ObjectId& object, std::map<std::string, bool> held) {
    return OwnerPrivileges{object, std::move(held)};
}

template <typename T>
std::vector<T> of_owner(const DiffResult& result) {
    auto all = of_kind<T>(result);
    std::erase_if(all, [](const T& c) { return c.holder != Holder::owner; });
    return all;
}

Model owned_by(const std::string& owner, const std::string& extra_role = {}) {
    Model model = with_table({});
    model.roles = {role(owner)};
    if (!extra_role.empty()) model.roles.push_back(role(extra_role));
    model.owners = {{jobs, owner}};
    return model;
}

}  // namespace

TEST_CASE("an owner holding every privilege states nothing on either side", "[diff][privileges][owner]") {
    Model have = owned_by("auth");
    Model want = owned_by("auth");
    have.normalize();
    want.normalize();
    CHECK(diff(have, want, {}).changes.empty());
    // The same restriction on both sides: nothing either.
    have.owner_privileges = {holds(jobs, {{"INSERT", false}, {"SELECT", false}})};
    want.owner_privileges = have.owner_privileges;
    CHECK(diff(have, want, {}).changes.empty());
}

TEST_CASE("an owner that keeps only some of its privileges: REVOKE ALL, then GRANT what it keeps",
          "[diff][privileges][owner]") {
    Model have = owned_by("auth");
    Model want = owned_by("auth");
    want.owner_privileges = {holds(jobs, {{"INSERT", false}, {"SELECT", false}})};
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    auto revokes = of_owner<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].target == jobs);
    CHECK(revokes[0].grantee == "auth");
    CHECK(revokes[0].privileges == std::vector<std::string>{"ALL"});
    auto grants = of_owner<GrantPrivileges>(result);
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].privileges == std::vector<std::string>{"INSERT", "SELECT"});
    CHECK(result.changes.size() == 2);
    auto plan = make_plan(std::move(result), {});
    REQUIRE(plan.steps.size() == 2);
    CHECK(std::holds_alternative<RevokePrivileges>(plan.steps[0].change));
}

TEST_CASE("an owner's stated privileges are exact; without them it gets every privilege back",
          "[diff][privileges][owner]") {
    Model have = owned_by("auth");
    have.owner_privileges = {holds(jobs, {{"DELETE", false}, {"INSERT", false}, {"SELECT", true}})};
    Model want = owned_by("auth");
    want.owner_privileges = {holds(jobs, {{"INSERT", true}, {"SELECT", false}})};
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    auto revokes = of_owner<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 2);
    CHECK(revokes[0].privileges == std::vector<std::string>{"DELETE"});
    CHECK(revokes[0].what == RevokeWhat::privilege);
    CHECK(revokes[1].privileges == std::vector<std::string>{"SELECT"});
    CHECK(revokes[1].what == RevokeWhat::grant_option);
    auto grants = of_owner<GrantPrivileges>(result);
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].privileges == std::vector<std::string>{"INSERT"});
    CHECK(grants[0].grant_option);

    // Not stated in the manifest: the owner holds everything, grant options
    // beyond the default taken away.
    want.owner_privileges.clear();
    auto restored = diff(have, want, {});
    auto all = of_owner<GrantPrivileges>(restored);
    REQUIRE(all.size() == 1);
    CHECK(all[0].privileges == std::vector<std::string>{"ALL"});
    CHECK_FALSE(all[0].grant_option);
    auto options = of_owner<RevokePrivileges>(restored);
    REQUIRE(options.size() == 1);
    CHECK(options[0].what == RevokeWhat::grant_option);
    CHECK(options[0].privileges == std::vector<std::string>{"SELECT"});
}

TEST_CASE("a new owner takes the old owner's entry: the plan adjusts it after ALTER ... OWNER TO",
          "[diff][privileges][owner]") {
    // ALTER TABLE ... OWNER TO svc hands auth's SELECT-only entry to svc,
    // merged with svc's own UPDATE: svc then holds SELECT, UPDATE.
    Model have = owned_by("auth", "svc");
    have.owner_privileges = {holds(jobs, {{"SELECT", false}})};
    have.grants = {{jobs, "svc", "UPDATE", false}};
    Model want = owned_by("svc", "auth");
    want.owner_privileges = {holds(jobs, {{"INSERT", false}, {"SELECT", false}})};
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    auto revokes = of_owner<RevokePrivileges>(result);
    REQUIRE(revokes.size() == 1);
    CHECK(revokes[0].grantee == "svc");
    CHECK(revokes[0].privileges == std::vector<std::string>{"UPDATE"});
    auto grants = of_owner<GrantPrivileges>(result);
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].grantee == "svc");
    CHECK(grants[0].privileges == std::vector<std::string>{"INSERT"});
    auto plan = make_plan(std::move(result), {});
    std::vector<std::string> kinds;
    for (const auto& step : plan.steps) kinds.push_back(kind_name(step.change));
    CHECK(kinds == std::vector<std::string>{"set_owner", "revoke", "grant"});
}

TEST_CASE("a grant to the old owner follows the owner change, which would otherwise hand it over",
          "[diff][privileges][owner]") {
    Model have = owned_by("auth", "svc");
    Model want = owned_by("svc", "auth");
    want.grants = {{jobs, "auth", "SELECT", false}};
    have.normalize();
    want.normalize();
    auto plan = make_plan(diff(have, want, {}), {});
    std::vector<std::string> kinds;
    for (const auto& step : plan.steps) kinds.push_back(kind_name(step.change));
    CHECK(kinds == std::vector<std::string>{"set_owner", "grant"});
}

TEST_CASE("a created object whose owner keeps only some privileges: after its create and owner",
          "[diff][privileges][owner]") {
    Model have;
    have.schemas.push_back({"public", {}});
    have.owners = {{schema_id("public"), "auth"}};
    have.roles = {role("auth")};
    Model want = owned_by("auth");
    want.owner_privileges = {holds(jobs, {{"SELECT", false}})};
    have.normalize();
    want.normalize();
    auto plan = make_plan(diff(have, want, {}), {});
    std::vector<std::string> kinds;
    for (const auto& step : plan.steps) kinds.push_back(kind_name(step.change));
    CHECK(kinds == std::vector<std::string>{"create_table", "set_owner", "revoke", "grant"});
}

TEST_CASE("a live owner the manifests do not manage: its own restriction is reported, not changed",
          "[diff][privileges][owner]") {
    Model have = owned_by("platform");
    have.owner_privileges = {holds(jobs, {{"SELECT", false}})};
    Model want = with_table({});
    have.normalize();
    want.normalize();
    auto result = diff(have, want, {});
    CHECK(result.changes.empty());
    REQUIRE(result.not_managed.size() == 1);
    CHECK(result.not_managed[0].detail == "(owner platform holds only SELECT of its own privileges, role not managed)");
}
