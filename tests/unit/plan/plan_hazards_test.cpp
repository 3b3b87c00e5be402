#include <catch2/catch.hpp>
#include <set>

#include "builders.hpp"

using namespace test;
using H = Hazard;

namespace {

const QualifiedName T = qn("public", "t");

// Hazards and refusal of a single change planned alone (optionally beside
// the creation of its table).
Step only_step(Change change, AllowDestructive allow = AllowDestructive::no) {
    DiffResult diff;
    diff.changes.push_back(std::move(change));
    Plan plan = make_plan(diff, PlanOptions{allow});
    REQUIRE(plan.steps.size() == 1);
    return plan.steps[0];
}

Step step_on_new_table(Change change) {
    DiffResult diff;
    diff.changes.push_back(CreateTable{table("public", "t").column("id", "integer")});
    diff.changes.push_back(CreateTable{table("public", "other").column("id", "integer")});
    diff.changes.push_back(change);
    Plan plan = make_plan(diff, {});
    for (const auto& s : plan.steps) {
        if (s.change.index() == change.index()) return s;
    }
    FAIL("step missing");
    return {};
}

AlterColumn type_change(std::string from, std::string to) {
    return AlterColumn{T, col("c", std::move(from)), col("c", std::move(to)), ColumnAttribute::type};
}

Constraint constraint(ConstraintKind kind) {
    Constraint c;
    c.name = "k";
    c.kind = kind;
    c.columns = {"id"};
    if (kind == ConstraintKind::foreign_key) c.references = ForeignKey{qn("public", "other"), {"id"}};
    return c;
}

}  // namespace

TEST_CASE("every hazard has a stable code and a one-sentence reason", "[plan][hazards]") {
    std::set<std::string> codes;
    for (auto hazard : all_hazards) {
        auto code = hazard_code(hazard);
        codes.insert(code);
        CHECK(hazard_from_code(code) == hazard);
        auto reason = hazard_reason(hazard);
        CHECK(!reason.empty());
        CHECK(reason.back() == '.');
        CHECK(std::count(reason.begin(), reason.end(), '.') == 1);
    }
    CHECK(codes == std::set<std::string>{"DELETES_DATA", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "ACQUIRES_SHARE_LOCK",
                                         "TABLE_REWRITE", "FULL_TABLE_SCAN", "INDEX_BUILD", "INDEX_DROPPED",
                                         "NOT_TRANSACTIONAL", "AUTHZ_UPDATE", "CORRECTNESS",
                                         "REPOPULATES_MATERIALIZED_VIEW"});
    CHECK_FALSE(hazard_from_code("TABLE_SCAN").has_value());
}

TEST_CASE("hazards: tables and columns", "[plan][hazards]") {
    CHECK(only_step(CreateTable{table("public", "t").column("id", "integer")}).hazards.empty());
    CHECK(only_step(DropTable{table("public", "t")}).hazards ==
          hazards({H::deletes_data, H::acquires_access_exclusive_lock}));
    CHECK(only_step(DropColumn{T, col("c", "text")}).hazards ==
          hazards({H::deletes_data, H::acquires_access_exclusive_lock}));

    CHECK(only_step(AddColumn{T, col("c", "text")}).hazards == hazards({H::acquires_access_exclusive_lock}));
    CHECK(only_step(AddColumn{T, with_default(col("c", "text", true), "'x'::text")}).hazards ==
          hazards({H::acquires_access_exclusive_lock}));
    CHECK(only_step(AddColumn{T, with_default(col("c", "uuid"), "gen_random_uuid()")}).hazards ==
          hazards({H::acquires_access_exclusive_lock, H::table_rewrite}));
    CHECK(only_step(AddColumn{T, col("c", "text", true)}).hazards ==
          hazards({H::acquires_access_exclusive_lock, H::correctness}));
    Column identity = col("c", "bigint", true);
    identity.identity = Identity{};
    CHECK(only_step(AddColumn{T, identity}).hazards == hazards({H::acquires_access_exclusive_lock, H::table_rewrite}));
}

TEST_CASE("hazards: ALTER COLUMN", "[plan][hazards]") {
    const auto lock = H::acquires_access_exclusive_lock;
    SECTION("widening without rewrite") {
        CHECK(only_step(type_change("character varying(10)", "character varying(20)")).hazards == hazards({lock}));
        CHECK(only_step(type_change("character varying(10)", "text")).hazards == hazards({lock}));
        CHECK(only_step(type_change("numeric(10,2)", "numeric(12,2)")).hazards == hazards({lock}));
        CHECK(only_step(type_change("numeric(10,2)", "numeric")).hazards == hazards({lock}));
        CHECK(only_step(type_change("timestamp(3) with time zone", "timestamp with time zone")).hazards ==
              hazards({lock}));
    }
    SECTION("widening with rewrite") {
        CHECK(only_step(type_change("integer", "bigint")).hazards == hazards({lock, H::table_rewrite}));
        CHECK(only_step(type_change("smallint", "integer")).hazards == hazards({lock, H::table_rewrite}));
        CHECK(only_step(type_change("real", "double precision")).hazards == hazards({lock, H::table_rewrite}));
        CHECK(only_step(type_change("numeric(10,2)", "numeric(14,4)")).hazards == hazards({lock, H::table_rewrite}));
        AlterColumn with_using = type_change("character varying(10)", "text");
        with_using.to.using_expr = "upper(c)";
        CHECK(only_step(with_using).hazards == hazards({lock, H::table_rewrite}));
        CHECK_FALSE(only_step(with_using).refused);
    }
    SECTION("narrowing: data at risk, refused") {
        auto narrowing = hazards({lock, H::table_rewrite, H::correctness, H::deletes_data});
        for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
                 {"bigint", "integer"},
                 {"text", "integer"},
                 {"character varying(20)", "character varying(10)"},
                 {"timestamp with time zone", "timestamp(3) with time zone"},
                 {"numeric(12,2)", "numeric(10,2)"},
                 {"timestamp without time zone", "timestamp with time zone"}}) {
            INFO(from << " -> " << to);
            Step s = only_step(type_change(from, to));
            CHECK(s.hazards == narrowing);
            REQUIRE(s.refused);
            CHECK_THAT(*s.refused, Catch::Contains("public.t.c") && Catch::Contains("--allow-destructive"));
            CHECK_FALSE(only_step(type_change(from, to), AllowDestructive::yes).refused);
        }
    }
    SECTION("other attributes") {
        Column nullable = col("c", "text"), required = col("c", "text", true);
        CHECK(only_step(AlterColumn{T, nullable, required, ColumnAttribute::not_null}).hazards ==
              hazards({lock, H::full_table_scan, H::correctness}));
        CHECK(only_step(AlterColumn{T, required, nullable, ColumnAttribute::not_null}).hazards == hazards({lock}));
        CHECK(only_step(AlterColumn{T, nullable, with_default(nullable, "'x'"), ColumnAttribute::default_value})
                  .hazards == hazards({lock}));
        Column identity = required;
        identity.identity = Identity{};
        CHECK(only_step(AlterColumn{T, required, identity, ColumnAttribute::identity}).hazards == hazards({lock}));
    }
}

TEST_CASE("hazards: constraints and indexes", "[plan][hazards]") {
    const auto lock = H::acquires_access_exclusive_lock;
    CHECK(only_step(AddConstraint{T, constraint(ConstraintKind::primary_key)}).hazards ==
          hazards({lock, H::index_build, H::full_table_scan, H::correctness}));
    CHECK(only_step(AddConstraint{T, constraint(ConstraintKind::unique)}).hazards ==
          hazards({lock, H::index_build, H::correctness}));
    CHECK(only_step(AddConstraint{T, constraint(ConstraintKind::check)}).hazards ==
          hazards({lock, H::full_table_scan, H::correctness}));
    CHECK(only_step(AddConstraint{T, constraint(ConstraintKind::foreign_key)}).hazards ==
          hazards({H::acquires_share_lock, H::full_table_scan, H::correctness}));
    CHECK(only_step(DropConstraint{T, constraint(ConstraintKind::check)}).hazards == hazards({lock}));
    // An exclusion constraint builds (and owns) a GiST or other index.
    CHECK(only_step(AddConstraint{T, constraint(ConstraintKind::exclusion)}).hazards ==
          hazards({lock, H::index_build, H::correctness}));
    CHECK(only_step(DropConstraint{T, constraint(ConstraintKind::exclusion)}).hazards ==
          hazards({lock, H::index_dropped}));
    CHECK(only_step(ReplaceConstraint{T, constraint(ConstraintKind::exclusion), constraint(ConstraintKind::exclusion)})
              .hazards == hazards({lock, H::index_build, H::correctness, H::index_dropped}));
    // A key's index goes with it.
    CHECK(only_step(DropConstraint{T, constraint(ConstraintKind::unique)}).hazards ==
          hazards({lock, H::index_dropped}));
    CHECK(
        only_step(ReplaceConstraint{T, constraint(ConstraintKind::check), constraint(ConstraintKind::check)}).hazards ==
        hazards({lock, H::full_table_scan, H::correctness}));

    Index index;
    index.name = "i";
    index.keys.push_back(IndexKey{"id", std::nullopt, std::nullopt, std::nullopt});
    CHECK(only_step(CreateIndex{T, index}).hazards == hazards({H::acquires_share_lock, H::index_build}));
    CHECK(only_step(DropIndex{T, index}).hazards == hazards({lock, H::index_dropped}));
    CHECK(only_step(ReplaceIndex{T, index, index}).hazards ==
          hazards({lock, H::acquires_share_lock, H::index_build, H::index_dropped}));
}

TEST_CASE("hazards: nothing to lock or scan on a table created in the same plan", "[plan][hazards]") {
    CHECK(step_on_new_table(AddConstraint{T, constraint(ConstraintKind::check)}).hazards.empty());
    CHECK(step_on_new_table(AddConstraint{T, constraint(ConstraintKind::unique)}).hazards.empty());
    // Both tables new: nothing at all.
    CHECK(step_on_new_table(AddConstraint{T, constraint(ConstraintKind::foreign_key)}).hazards.empty());
    // Referencing an existing table still locks that table against writes.
    Constraint fk = constraint(ConstraintKind::foreign_key);
    fk.references->table = qn("public", "existing");
    CHECK(step_on_new_table(AddConstraint{T, fk}).hazards == hazards({H::acquires_share_lock}));
    Index index;
    index.name = "i";
    CHECK(step_on_new_table(CreateIndex{T, index}).hazards.empty());
    CHECK(step_on_new_table(AddColumn{T, col("c", "text", true)}).hazards.empty());
    CHECK(step_on_new_table(SetComment{table_id(T), std::string("x")}).hazards.empty());
    CHECK(step_on_new_table(SetReplicaIdentity{T, reconcile::catalog::ReplicaIdentity::full, ""}).hazards.empty());
    CHECK(only_step(SetReplicaIdentity{T, reconcile::catalog::ReplicaIdentity::full, ""}).hazards ==
          hazards({H::acquires_access_exclusive_lock}));
}

// Found on PostgREST's fixtures applied to an empty database: apply refused
// an INSTEAD OF trigger on a view it had just created (ACQUIRES_SHARE_LOCK)
// and a grant on a new table's serial sequence (AUTHZ_UPDATE).
TEST_CASE("hazards: a new view's trigger and a new serial sequence's grant carry none", "[plan][hazards]") {
    DiffResult diff;
    View view;
    view.name = qn("public", "v");
    view.definition = "SELECT 1 AS one";
    diff.changes.push_back(CreateView{view});
    Trigger trigger;
    trigger.name = "tr";
    trigger.function = qn("public", "f");
    diff.changes.push_back(CreateTrigger{view.name, trigger, ObjectKind::view});
    Column id = col("id", "integer", true);
    id.serial = Serial::serial;
    id.default_expr = "nextval('public.t_id_seq'::regclass)";
    diff.changes.push_back(CreateTable{table("public", "t").column(id)});
    auto sequence = object_id(ObjectKind::sequence, qn("public", "t_id_seq"));
    diff.changes.push_back(GrantPrivileges{sequence, "reader", {"USAGE"}});
    Plan plan = make_plan(diff, {});
    CHECK(step(plan, "create_trigger public.v.tr").hazards.empty());
    CHECK(step(plan, "grant public.t_id_seq").hazards.empty());
    // On an existing view, the trigger takes its lock.
    CHECK(only_step(CreateTrigger{view.name, trigger, ObjectKind::view}).hazards == hazards({H::acquires_share_lock}));
}

TEST_CASE("hazards: types, schemas, comments", "[plan][hazards]") {
    CHECK(only_step(CreateSchema{Schema{"s", std::nullopt}}).hazards.empty());
    CHECK(only_step(CreateEnum{enum_type("public", "e", {"a"})}).hazards.empty());
    // It commits on its own, before the transaction.
    CHECK(only_step(AddEnumValue{qn("public", "e"), "b", std::nullopt, std::nullopt}).hazards ==
          hazards({H::not_transactional}));
    CHECK(only_step(SetComment{table_id(T), std::nullopt}).hazards.empty());
    CHECK(only_step(DropEnum{enum_type("public", "e", {"a"})}).hazards == hazards({H::acquires_access_exclusive_lock}));
    CHECK(only_step(DropSchema{Schema{"s", std::nullopt}}).hazards ==
          hazards({H::deletes_data, H::acquires_access_exclusive_lock}));
}

TEST_CASE("refusals: destructive steps need --allow-destructive", "[plan][refusal]") {
    auto refusal = [](Change change, AllowDestructive allow) { return only_step(std::move(change), allow).refused; };
    const auto no = AllowDestructive::no;
    const auto yes = AllowDestructive::yes;

    auto drop_table = refusal(DropTable{table("public", "jobs")}, no);
    REQUIRE(drop_table);
    CHECK(*drop_table == "drops table public.jobs and all its rows; pass --allow-destructive");
    auto drop_column = refusal(DropColumn{qn("public", "jobs"), col("phone", "text")}, no);
    REQUIRE(drop_column);
    CHECK(*drop_column == "drops column public.jobs.phone and its data; pass --allow-destructive");
    CHECK(refusal(DropSchema{Schema{"s", std::nullopt}}, no));
    CHECK(refusal(DropEnum{enum_type("public", "e", {"a"})}, no));

    CHECK_FALSE(refusal(DropTable{table("public", "jobs")}, yes));
    CHECK_FALSE(refusal(DropColumn{qn("public", "jobs"), col("phone", "text")}, yes));
    CHECK_FALSE(refusal(DropSchema{Schema{"s", std::nullopt}}, yes));
    CHECK_FALSE(refusal(AddColumn{T, col("c", "text", true)}, no));
    CHECK_FALSE(refusal(DropConstraint{T, constraint(ConstraintKind::check)}, no));
    CHECK_FALSE(refusal(type_change("integer", "bigint"), no));
}

TEST_CASE("refusals: a re-created generated column says why", "[plan][refusal]") {
    Column g1 = col("total", "numeric"), g2 = col("total", "numeric");
    g1.generated = "(price * 2)";
    g2.generated = "(price * 3)";
    Plan plan = make_plan(run_diff(model({table("public", "t").column("price", "numeric").column(g1)}),
                                   model({table("public", "t").column("price", "numeric").column(g2)})),
                          {});
    CHECK(plan.has_refused_steps());
    const Step& drop = step(plan, "drop_column public.t.total");
    REQUIRE(drop.refused);
    CHECK_THAT(*drop.refused, Catch::Contains("re-create") && Catch::Contains("generation expression"));
    CHECK_FALSE(step(plan, "add_column public.t.total").refused);
    CHECK(std::all_of(plan.steps.begin(), plan.steps.end(),
                      [](const Step& s) { return s.transactional == Transactional::yes; }));
}

TEST_CASE("a table's allow_hazards covers its own steps only, never DELETES_DATA", "[plan][hazards]") {
    Plan plan;
    auto add_step = [&](Change change, std::vector<Hazard> hazards) {
        Step step;
        step.change = std::move(change);
        step.hazards = std::move(hazards);
        plan.steps.push_back(std::move(step));
    };
    AlterColumn events;
    events.table = {"public", "events"};
    events.to.name = "n";
    AlterColumn orders = events;
    orders.table = {"public", "orders"};
    DropColumn dropped;
    dropped.table = {"public", "events"};
    dropped.column.name = "old";
    add_step(events, {Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite});
    add_step(orders, {Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite});
    add_step(dropped, {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock});

    reconcile::catalog::Model want;
    reconcile::catalog::Table events_table;
    events_table.name = {"public", "events"};
    events_table.allowed_hazards = {"TABLE_REWRITE", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK", "DELETES_DATA", "NOT_A_CODE"};
    want.tables.push_back(events_table);
    allow_declared_hazards(plan, want);
    CHECK(plan.steps[0].allowed_by_manifest ==
          std::vector<Hazard>{Hazard::acquires_access_exclusive_lock, Hazard::table_rewrite});
    CHECK(plan.steps[1].allowed_by_manifest.empty());
    CHECK(plan.steps[2].allowed_by_manifest == std::vector<Hazard>{Hazard::acquires_access_exclusive_lock});

    auto missing = unallowed_hazards(plan, {});
    REQUIRE(missing.size() == 3);
    CHECK(missing[0].hazard == Hazard::deletes_data);
    CHECK(missing[0].steps == std::vector<std::size_t>{3});
    CHECK(missing[1].hazard == Hazard::acquires_access_exclusive_lock);
    CHECK(missing[1].steps == std::vector<std::size_t>{2});
    CHECK(missing[2].hazard == Hazard::table_rewrite);
    CHECK(missing[2].steps == std::vector<std::size_t>{2});
    CHECK(unallowed_hazards(plan, {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock,
                                   Hazard::table_rewrite})
              .empty());
}
