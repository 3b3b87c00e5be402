#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

TableBuilder base() {
    return table("public", "t").column("id", "integer", true).column("code", "text");
}

}  // namespace

TEST_CASE("constraints: add, drop, replace, comment", "[diff][constraint]") {
    SECTION("add and drop") {
        auto result =
            run_diff(model({base().check("old_check", "(id > 0)")}), model({base().unique("t_code_key", {"code"})}));
        CHECK(labels(result) ==
              std::vector<std::string>{"add_constraint public.t.t_code_key", "drop_constraint public.t.old_check"});
    }
    SECTION("different definition: replace") {
        auto result = run_diff(model({base().check("c", "(id > 0)")}), model({base().check("c", "(id > 1)")}));
        REQUIRE(of<ReplaceConstraint>(result).size() == 1);
        CHECK(of<ReplaceConstraint>(result)[0].from.expression == "(id > 0)");
        CHECK(of<ReplaceConstraint>(result)[0].to.expression == "(id > 1)");
        CHECK(result.changes.size() == 1);
    }
    SECTION("comment only: SetComment, no replace") {
        TableBuilder want = base().check("c", "(id > 0)");
        want.t.constraints[0].comment = "positive";
        auto result = run_diff(model({base().check("c", "(id > 0)")}), model({want}));
        CHECK(labels(result) == std::vector<std::string>{"set_comment public.t.c"});
        CHECK(of<SetComment>(result)[0].target.kind == ObjectKind::constraint);
    }
    SECTION("replaced with a comment: the comment is set again (DROP loses it)") {
        TableBuilder have = base().check("c", "(id > 0)");
        have.t.constraints[0].comment = "positive";
        TableBuilder want = base().check("c", "(id > 1)");
        want.t.constraints[0].comment = "positive";
        auto result = run_diff(model({have}), model({want}));
        CHECK(labels(result) == std::vector<std::string>{"replace_constraint public.t.c", "set_comment public.t.c"});
        CHECK_FALSE(of<ReplaceConstraint>(result)[0].to.comment);
    }
}

TEST_CASE("indexes: create, drop, replace, comment", "[diff][index]") {
    SECTION("create and drop") {
        auto result = run_diff(model({base().index("old_idx", {"code"})}), model({base().index("new_idx", {"code"})}));
        CHECK(labels(result) ==
              std::vector<std::string>{"create_index public.t.new_idx", "drop_index public.t.old_idx"});
    }
    SECTION("different definition: replace") {
        auto result = run_diff(model({base().index("i", {"code"})}), model({base().index("i", {"code"}, true)}));
        REQUIRE(of<ReplaceIndex>(result).size() == 1);
        CHECK(of<ReplaceIndex>(result)[0].to.unique);
    }
    SECTION("the live index is INVALID (a failed concurrent build): rebuilt, though declared the same") {
        TableBuilder have = base().index("i", {"code"});
        have.t.indexes[0].valid = false;
        auto result = run_diff(model({have}), model({base().index("i", {"code"})}));
        REQUIRE(of<ReplaceIndex>(result).size() == 1);
        CHECK_FALSE(of<ReplaceIndex>(result)[0].from.valid);
        CHECK(of<ReplaceIndex>(result)[0].to.valid);
    }
    SECTION("comment only") {
        TableBuilder want = base().index("i", {"code"});
        want.t.indexes[0].comment = "lookup";
        auto result = run_diff(model({base().index("i", {"code"})}), model({want}));
        CHECK(labels(result) == std::vector<std::string>{"set_comment public.t.i"});
        CHECK(of<SetComment>(result)[0].target.kind == ObjectKind::index);
    }
}

TEST_CASE("a replaced primary key re-creates the foreign keys that reference it", "[diff][constraint][fk]") {
    auto parent = [](std::vector<std::string> key) {
        return table("public", "parent")
            .column("id", "integer", true)
            .column("k", "integer", true)
            .pk("parent_pkey", key);
    };
    auto child = [](std::string on_delete_marker) {
        TableBuilder b =
            table("public", "child").column("pid", "integer").fk("child_fk", {"pid"}, qn("public", "parent"), {"id"});
        if (!on_delete_marker.empty()) b.t.constraints[0].references->on_delete = ReferentialAction::cascade;
        return b;
    };
    SECTION("unchanged foreign key: dropped and added around the key") {
        auto result = run_diff(model({parent({"id"}), child("")}), model({parent({"id", "k"}), child("")}));
        CHECK(labels(result) == std::vector<std::string>{"add_constraint public.child.child_fk",
                                                         "drop_constraint public.child.child_fk",
                                                         "replace_constraint public.parent.parent_pkey"});
    }
    SECTION("changed foreign key: its replace is split") {
        auto result = run_diff(model({parent({"id"}), child("")}), model({parent({"id", "k"}), child("cascade")}));
        CHECK(labels(result) == std::vector<std::string>{"add_constraint public.child.child_fk",
                                                         "drop_constraint public.child.child_fk",
                                                         "replace_constraint public.parent.parent_pkey"});
        CHECK(of<AddConstraint>(result)[0].constraint.references->on_delete == ReferentialAction::cascade);
    }
    SECTION("key unchanged: nothing") {
        CHECK(run_diff(model({parent({"id"}), child("")}), model({parent({"id"}), child("")})).changes.empty());
    }
}

TEST_CASE("enums: create, drop, comments", "[diff][enum]") {
    EnumType mood = enum_type("public", "mood", {"sad", "ok", "happy"});
    EnumType commented = mood;
    commented.comment = "feelings";
    SECTION("create carries no comment") {
        auto result = run_diff(model({}), model({}, {commented}));
        CHECK(labels(result) == std::vector<std::string>{"create_enum public.mood", "set_comment public.mood"});
        CHECK_FALSE(of<CreateEnum>(result)[0].type.comment);
    }
    SECTION("have-only: reported or dropped") {
        CHECK(run_diff(model({}, {mood}), model({})).not_in_manifests ==
              std::vector<ObjectId>{enum_id(qn("public", "mood"))});
        CHECK(labels(run_diff(model({}, {mood}), model({}), Prune::yes)) ==
              std::vector<std::string>{"drop_enum public.mood"});
    }
    SECTION("comment change") {
        CHECK(labels(run_diff(model({}, {mood}), model({}, {commented}))) ==
              std::vector<std::string>{"set_comment public.mood"});
    }
}

TEST_CASE("enums: new values are anchored so the final order is the desired one", "[diff][enum]") {
    auto adds = [](std::vector<std::string> have, std::vector<std::string> want) {
        auto result =
            run_diff(model({}, {enum_type("public", "mood", have)}), model({}, {enum_type("public", "mood", want)}));
        std::vector<std::string> out;
        for (const auto& add : of<AddEnumValue>(result)) {
            std::string where = add.before ? "before " + *add.before : add.after ? "after " + *add.after : "last";
            out.push_back(add.value + " " + where);
        }
        return out;
    };
    CHECK(adds({"b", "c"}, {"a", "b", "c"}) == std::vector<std::string>{"a before b"});
    CHECK(adds({"a", "c"}, {"a", "b", "c"}) == std::vector<std::string>{"b after a"});
    CHECK(adds({"a", "b"}, {"a", "b", "c"}) == std::vector<std::string>{"c last"});
    CHECK(adds({"c"}, {"a", "b", "c", "d", "e"}) ==
          std::vector<std::string>{"a before c", "b after a", "d last", "e last"});
    CHECK(adds({}, {"a", "b"}) == std::vector<std::string>{"a last", "b last"});
}

TEST_CASE("enums: removing or reordering values re-creates the type", "[diff][enum]") {
    auto attempt = [](std::vector<std::string> have, std::vector<std::string> want) {
        return run_diff(model({}, {enum_type("public", "Mood", have)}), model({}, {enum_type("public", "Mood", want)}));
    };
    for (auto result :
         {attempt({"a", "b"}, {"b"}), attempt({"a", "b"}, {"b", "a"}), attempt({"a", "b"}, {"b", "a", "c"})}) {
        CHECK(labels(result) == std::vector<std::string>{"rebuild_enum public.Mood"});
    }
    CHECK(of<RebuildEnum>(attempt({"a", "b"}, {"b", "a", "c"})).at(0).to.values ==
          std::vector<std::string>{"b", "a", "c"});
}

TEST_CASE("NOT VALID: a validated constraint satisfies it; a not-valid one is validated", "[diff][constraint]") {
    auto not_valid = [](TableBuilder b) {
        for (auto& c : b.t.constraints) c.not_valid = true;
        return b;
    };
    auto validated = base().check("c", "(id > 0)");
    CHECK(run_diff(model({validated}), model({not_valid(validated)})).changes.empty());

    auto result = run_diff(model({not_valid(validated)}), model({validated}));
    // Validated in place (SHARE UPDATE EXCLUSIVE), never dropped and re-added.
    CHECK(of<ReplaceConstraint>(result).empty());
    REQUIRE(of<ValidateConstraint>(result).size() == 1);
    CHECK(of<ValidateConstraint>(result)[0].constraint.name == "c");
    CHECK_FALSE(of<ValidateConstraint>(result)[0].constraint.not_valid);

    // A NOT VALID constraint whose definition also changes is replaced.
    auto changed = run_diff(model({not_valid(validated)}), model({base().check("c", "(id > 1)")}));
    CHECK(of<ValidateConstraint>(changed).empty());
    CHECK(of<ReplaceConstraint>(changed).size() == 1);

    // A new table's NOT VALID check is added after CREATE TABLE, where NOT VALID can be said.
    auto created = run_diff(model({}), model({not_valid(validated)}));
    REQUIRE(of<CreateTable>(created).size() == 1);
    CHECK(of<CreateTable>(created)[0].table.constraints.empty());
    REQUIRE(of<AddConstraint>(created).size() == 1);
    CHECK(of<AddConstraint>(created)[0].constraint.not_valid);
}
