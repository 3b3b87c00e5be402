#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

namespace {

Policy own() {
    Policy p;
    p.name = "own \"rows\"";
    p.roles = {"authenticated", "Mixed'Case"};
    p.using_expr = "(owner = auth.uid())";
    return p;
}

const QualifiedName notes{"public", "notes"};

}  // namespace

TEST_CASE("CREATE POLICY: kind, command, quoted roles, PUBLIC as the keyword", "[render][policy]") {
    Policy p = own();
    CHECK(render_sql(CreatePolicy{notes, p}) ==
          Statements{R"(CREATE POLICY "own ""rows""" ON "public"."notes" FOR ALL TO "authenticated", "Mixed'Case" )"
                     R"(USING ((owner = auth.uid())))"});
    p.permissive = false;
    p.command = PolicyCommand::insert;
    p.roles = {"public"};
    p.using_expr.reset();
    p.check_expr = "true";
    CHECK(render_sql(CreatePolicy{notes, p}) ==
          Statements{R"(CREATE POLICY "own ""rows""" ON "public"."notes" AS RESTRICTIVE FOR INSERT TO PUBLIC )"
                     R"(WITH CHECK (true))"});
}

TEST_CASE("ALTER POLICY says only what changed; removing a clause re-creates", "[render][policy]") {
    Policy from = own();
    Policy to = from;
    to.roles = {"anon"};
    CHECK(render_sql(AlterPolicy{notes, from, to}) ==
          Statements{R"(ALTER POLICY "own ""rows""" ON "public"."notes" TO "anon")"});
    to = from;
    to.check_expr = "(owner IS NOT NULL)";
    CHECK(render_sql(AlterPolicy{notes, from, to}) ==
          Statements{R"(ALTER POLICY "own ""rows""" ON "public"."notes" WITH CHECK ((owner IS NOT NULL)))"});
    to = from;
    to.using_expr.reset();
    to.check_expr = "true";
    auto statements = render_sql(AlterPolicy{notes, from, to});
    REQUIRE(statements.size() == 2);
    CHECK(statements[0] == R"(DROP POLICY "own ""rows""" ON "public"."notes")");
    CHECK(statements[1].starts_with("CREATE POLICY"));
}

TEST_CASE("row level security flags and policy comments", "[render][policy]") {
    CHECK(render_sql(SetRowSecurity{notes, true, std::nullopt}) ==
          Statements{R"(ALTER TABLE "public"."notes" ENABLE ROW LEVEL SECURITY)"});
    CHECK(render_sql(SetRowSecurity{notes, false, false}) ==
          Statements{R"(ALTER TABLE "public"."notes" DISABLE ROW LEVEL SECURITY)",
                     R"(ALTER TABLE "public"."notes" NO FORCE ROW LEVEL SECURITY)"});
    CHECK(render_sql(SetComment{member_id(ObjectKind::policy, notes, "p"), "it's"}) ==
          Statements{R"(COMMENT ON POLICY "p" ON "public"."notes" IS 'it''s')"});
}
