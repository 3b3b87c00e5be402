#include <catch2/catch.hpp>

#include "builders.hpp"
#include "engine/plan/planner.hpp"

using namespace test;

namespace {

Table parent() {
    return table("public", "measurement").column("id", "integer", true).column("taken", "date", true);
}

Table child(std::vector<QualifiedName> parents) {
    Table t = table("public", "a_measurement_2020").check("taken_2020", "(taken >= '2020-01-01'::date)");
    t.inherits = std::move(parents);
    return t;
}

}  // namespace

TEST_CASE("inheritance: a child is created after its parent and dropped before it", "[plan][inheritance]") {
    auto created = make_plan(run_diff(model({}), model({parent(), child({qn("public", "measurement")})})),
                             PlanOptions{AllowDestructive::no});
    CHECK(labels(created) ==
          std::vector<std::string>{"create_table public.measurement", "create_table public.a_measurement_2020"});
    auto dropped = make_plan(run_diff(model({parent(), child({qn("public", "measurement")})}), model({}), Prune::yes),
                             PlanOptions{AllowDestructive::yes});
    CHECK(labels(dropped) ==
          std::vector<std::string>{"drop_table public.a_measurement_2020", "drop_table public.measurement"});
}

TEST_CASE("inheritance: INHERIT keeps the columns the parent brings; NO INHERIT adds none", "[plan][inheritance]") {
    // A standalone table with the parent's columns becomes its child.
    Table standalone = child({});
    standalone.columns = Table(parent()).columns;
    auto diff = run_diff(model({parent(), standalone}), model({parent(), child({qn("public", "measurement")})}));
    CHECK(labels(diff) == std::vector<std::string>{"inherit public.a_measurement_2020"});

    // And back: its columns stay, now its own.
    diff = run_diff(model({parent(), child({qn("public", "measurement")})}), model({parent(), standalone}));
    CHECK(labels(diff) == std::vector<std::string>{"no_inherit public.a_measurement_2020"});
}

namespace {

Table note(std::string note_class_default) {
    return table("public", "note").column(with_default(col("note_class", "integer"), std::move(note_class_default)));
}

Table asset_note(std::optional<std::string> own_default) {
    Table t = table("public", "asset_note");
    t.inherits = {qn("public", "note")};
    if (own_default) t.inherited_columns.push_back({"note_class", std::move(own_default), false, std::nullopt});
    return t;
}

}  // namespace

TEST_CASE("inheritance: a child's own default is set after it exists, and again after its parent's change",
          "[plan][inheritance]") {
    auto created =
        make_plan(run_diff(model({}), model({note("1"), asset_note("4")})), PlanOptions{AllowDestructive::no});
    CHECK(labels(created) == std::vector<std::string>{"create_table public.note", "create_table public.asset_note",
                                                      "alter_column public.asset_note.note_class"});
    CHECK(step(created, "alter_column public.asset_note.note_class").hazards.empty());

    // Unchanged: nothing to do.
    CHECK(run_diff(model({note("1"), asset_note("4")}), model({note("1"), asset_note("4")})).changes.empty());

    // The parent's SET DEFAULT reaches the child: its own is set again after.
    auto parent_changed = make_plan(run_diff(model({note("1"), asset_note("4")}), model({note("2"), asset_note("4")})),
                                    PlanOptions{AllowDestructive::no});
    CHECK(labels(parent_changed) ==
          std::vector<std::string>{"alter_column public.note.note_class", "alter_column public.asset_note.note_class"});

    // Without its own any more: the parent's default, which a new child gets.
    auto dropped = run_diff(model({note("1"), asset_note("4")}), model({note("1"), asset_note(std::nullopt)}));
    REQUIRE(dropped.changes.size() == 1);
    const auto& alter = std::get<AlterColumn>(dropped.changes[0]);
    CHECK(alter.to.default_expr == "1");
    CHECK(alter.inherited_from == std::vector<QualifiedName>{qn("public", "note")});
}
