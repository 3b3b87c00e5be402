#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

TEST_CASE("CREATE VIEW: options, check option on its own line, manifest column names", "[render][view]") {
    View v;
    v.name = {"app", "Active \"Users\""};
    v.definition = "SELECT id FROM app.users -- trailing comment";
    v.columns = {{"key", ""}};
    v.security_barrier = true;
    v.security_invoker = true;
    v.check_option = CheckOption::cascaded;
    CHECK(render_sql(CreateView{v, false}) ==
          Statements{
              "CREATE VIEW \"app\".\"Active \"\"Users\"\"\" (\"key\") WITH (security_barrier=true, "
              "security_invoker=true) AS\nSELECT id FROM app.users -- trailing comment\nWITH CASCADED CHECK OPTION"});
    // Read back from the server, the columns carry types and the query
    // names them itself.
    v.columns = {{"key", "bigint"}};
    v.security_barrier = v.security_invoker = false;
    v.check_option = CheckOption::none;
    CHECK(render_sql(ReplaceView{v, v}) == Statements{"CREATE OR REPLACE VIEW \"app\".\"Active \"\"Users\"\"\" "
                                                      "AS\nSELECT id FROM app.users -- trailing comment"});
    CHECK(render_sql(DropView{v}) == Statements{"DROP VIEW \"app\".\"Active \"\"Users\"\"\""});
}

TEST_CASE("materialized views: WITH [NO] DATA, drop, comment", "[render][view]") {
    View v;
    v.name = {"public", "totals"};
    v.materialized = true;
    v.definition = " SELECT count(*) AS n\n   FROM public.users";
    CHECK(render_sql(CreateView{v, true}) == Statements{"CREATE MATERIALIZED VIEW \"public\".\"totals\" AS\n SELECT "
                                                        "count(*) AS n\n   FROM public.users\nWITH DATA"});
    v.with_no_data = true;
    CHECK(render_sql(CreateView{v, false}).front().ends_with("\nWITH NO DATA"));
    CHECK(render_sql(DropView{v}) == Statements{"DROP MATERIALIZED VIEW \"public\".\"totals\""});
    CHECK(render_sql(SetComment{v.id(), "x"}) ==
          Statements{"COMMENT ON MATERIALIZED VIEW \"public\".\"totals\" IS 'x'"});
    CHECK(render_sql(SetComment{object_id(ObjectKind::view, v.name), std::nullopt}) ==
          Statements{"COMMENT ON VIEW \"public\".\"totals\" IS NULL"});
}

TEST_CASE("materialized views: storage parameters WITH on create, SET and RESET in place", "[render][view]") {
    View v;
    v.name = {"public", "Totals"};
    v.materialized = true;
    v.definition = " SELECT 1 AS n";
    v.storage = {"autovacuum_enabled=false", "fillfactor=50"};
    CHECK(render_sql(CreateView{v, true}) ==
          Statements{"CREATE MATERIALIZED VIEW \"public\".\"Totals\" WITH (autovacuum_enabled='false', "
                     "fillfactor='50') AS\n SELECT 1 AS n\nWITH DATA"});
    CHECK(render_sql(SetViewStorage{v.name, {"autovacuum_enabled=false", "fillfactor=50"}, {"fillfactor=70"}}) ==
          Statements{R"(ALTER MATERIALIZED VIEW "public"."Totals" SET (fillfactor='70'), RESET (autovacuum_enabled))"});
    CHECK(render_sql(SetViewStorage{v.name, {}, {"toast.autovacuum_enabled=off"}}) ==
          Statements{R"(ALTER MATERIALIZED VIEW "public"."Totals" SET (toast.autovacuum_enabled='off'))"});
    // A value is a literal, never spliced.
    CHECK(render_sql(SetViewStorage{v.name, {}, {"fillfactor=1'); DROP TABLE x; --"}}) ==
          Statements{R"(ALTER MATERIALIZED VIEW "public"."Totals" SET (fillfactor='1''); DROP TABLE x; --'))"});
    v.storage = {"Bad Name=1"};
    CHECK_THROWS_AS(render_sql(CreateView{v, false}), std::invalid_argument);
}
