#include <catch2/catch.hpp>

#include "engine/render/render.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;

TEST_CASE("CREATE AGGREGATE quotes names and writes every option set", "[render][aggregates]") {
    Aggregate a;
    a.name = {"app", "sum \"it\""};
    a.arguments = {{ArgumentMode::in, "x", "integer", std::nullopt}};
    a.state_function = {"app", "step"};
    a.state_type = "bigint";
    a.final = FinalStep{{"app", "finish"}, true, FinalModify::read_write};
    a.combine_function = QualifiedName{"pg_catalog", "int8pl"};
    a.initial_condition = "it's";
    a.moving = MovingMode{{"app", "step"}, {"app", "unstep"}, "bigint", 16, std::nullopt, "0"};
    a.sort_operator = QualifiedName{"pg_catalog", ">"};
    a.parallel = ParallelSafety::safe;
    auto sql = render_sql(CreateAggregate{a});
    REQUIRE(sql.size() == 1);
    CHECK(sql[0] ==
          "CREATE AGGREGATE \"app\".\"sum \"\"it\"\"\"(\"x\" integer) (\n"
          "    SFUNC = \"app\".\"step\",\n"
          "    STYPE = bigint,\n"
          "    FINALFUNC = \"app\".\"finish\",\n"
          "    FINALFUNC_EXTRA,\n"
          "    FINALFUNC_MODIFY = READ_WRITE,\n"
          "    COMBINEFUNC = \"pg_catalog\".\"int8pl\",\n"
          "    INITCOND = 'it''s',\n"
          "    MSFUNC = \"app\".\"step\",\n"
          "    MINVFUNC = \"app\".\"unstep\",\n"
          "    MSTYPE = bigint,\n"
          "    MSSPACE = 16,\n"
          "    MINITCOND = '0',\n"
          "    SORTOP = OPERATOR(\"pg_catalog\".>),\n"
          "    PARALLEL = SAFE\n"
          ")");
    CHECK(render_sql(ReplaceAggregate{a, a})[0].starts_with("CREATE OR REPLACE AGGREGATE "));
}

TEST_CASE("an aggregate over * is written agg(*) where it is named", "[render][aggregates]") {
    Aggregate a;
    a.name = {"public", "tally"};
    a.state_function = {"pg_catalog", "int8inc"};
    a.state_type = "bigint";
    a.initial_condition = "0";
    CHECK(render_sql(CreateAggregate{a})[0].starts_with("CREATE AGGREGATE \"public\".\"tally\"(*) ("));
    CHECK(render_sql(DropAggregate{a}) == std::vector<std::string>{"DROP AGGREGATE \"public\".\"tally\"(*)"});
    CHECK(render_sql(SetComment{a.id(), "x"}) ==
          std::vector<std::string>{"COMMENT ON AGGREGATE \"public\".\"tally\"(*) IS 'x'"});
}

TEST_CASE("an ordered-set aggregate is created with ORDER BY and dropped by one argument list",
          "[render][aggregates]") {
    Aggregate a;
    a.name = {"app", "pct"};
    a.arguments = {{ArgumentMode::in, "f", "double precision", std::nullopt},
                   {ArgumentMode::in, "", "double precision", std::nullopt}};
    a.kind = AggregateKind::ordered_set;
    a.direct_arguments = 1;
    a.state_function = {"app", "step"};
    a.state_type = "double precision[]";
    auto sql = render_sql(CreateAggregate{a});
    REQUIRE(sql.size() == 1);
    CHECK(sql[0].starts_with(R"(CREATE AGGREGATE "app"."pct"("f" double precision ORDER BY double precision) ()"));
    CHECK(render_sql(DropAggregate{a}) ==
          std::vector<std::string>{R"(DROP AGGREGATE "app"."pct"(double precision, double precision))"});

    // No direct argument; hypothetical.
    a.direct_arguments = 0;
    a.kind = AggregateKind::hypothetical;
    sql = render_sql(CreateAggregate{a});
    CHECK(sql[0].starts_with(R"(CREATE AGGREGATE "app"."pct"(ORDER BY "f" double precision, double precision) ()"));
    CHECK(sql[0].ends_with("    HYPOTHETICAL\n)"));

    // (VARIADIC "any" ORDER BY VARIADIC "any"): one stored argument for both.
    a.kind = AggregateKind::ordered_set;
    a.arguments = {{ArgumentMode::variadic, "", "\"any\"", std::nullopt}};
    a.direct_arguments = 1;
    sql = render_sql(CreateAggregate{a});
    CHECK(sql[0].starts_with(R"(CREATE AGGREGATE "app"."pct"(VARIADIC "any" ORDER BY VARIADIC "any") ()"));
}
