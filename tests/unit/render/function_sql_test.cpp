#include <catch2/catch.hpp>

#include "engine/render/render.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;

namespace {

Function sample() {
    Function f;
    f.name = {"app", "touch \"it\""};
    f.arguments = {{ArgumentMode::in, "a'b", "integer", "1"}, {ArgumentMode::out, "total", "bigint", std::nullopt}};
    f.returns = "bigint";
    f.language = "plpgsql";
    f.body = "BEGIN RETURN $$x$$ || $body$; END";
    f.volatility = Volatility::stable;
    f.strict = true;
    f.security_definer = true;
    f.parallel = ParallelSafety::safe;
    f.cost = 5;
    f.config = {"search_path=app, \"My Schema\", pg_temp", "work_mem=64MB"};
    return f;
}

}  // namespace

TEST_CASE("CREATE FUNCTION quotes names, keeps the body whatever dollar quotes it holds", "[render][functions]") {
    auto sql = render_sql(CreateFunction{sample()});
    REQUIRE(sql.size() == 1);
    CHECK(sql[0] ==
          "CREATE FUNCTION \"app\".\"touch \"\"it\"\"\"(\"a'b\" integer DEFAULT 1, OUT \"total\" bigint)\n"
          "    RETURNS bigint\n"
          "    LANGUAGE plpgsql\n"
          "    STABLE\n"
          "    STRICT\n"
          "    PARALLEL SAFE\n"
          "    COST 5\n"
          "    SECURITY DEFINER\n"
          "    SET search_path TO 'app', 'My Schema', 'pg_temp'\n"
          "    SET work_mem TO '64MB'\n"
          "AS $body2$BEGIN RETURN $$x$$ || $body$; END$body2$");
}

TEST_CASE("a SQL-standard body is written as SQL; a body change is CREATE OR REPLACE", "[render][functions]") {
    Function f;
    f.name = {"public", "add"};
    f.arguments = {{ArgumentMode::in, "x", "integer", std::nullopt}};
    f.returns = "integer";
    f.language = "sql";
    f.body = "RETURN (x + 1)";
    f.sql_standard_body = true;
    CHECK(render_sql(ReplaceFunction{f, f}).front() ==
          "CREATE OR REPLACE FUNCTION \"public\".\"add\"(\"x\" integer)\n    RETURNS integer\n    LANGUAGE sql\n"
          "RETURN (x + 1)");
    CHECK(render_sql(DropFunction{f}).front() == "DROP FUNCTION \"public\".\"add\"(integer)");
    CHECK(render_sql(SetComment{f.id(), "x"}).front() == "COMMENT ON FUNCTION \"public\".\"add\"(integer) IS 'x'");
}

TEST_CASE("CREATE TRIGGER with every clause; enabled state and comment", "[render][triggers]") {
    Trigger t;
    t.name = "audit";
    t.timing = TriggerTiming::after;
    t.events.insert = true;
    t.events.update = true;
    t.events.update_of = {"status", "Amount"};
    t.when = "(old.status IS DISTINCT FROM new.status)";
    t.function = {"audit", "record"};
    t.arguments = {"orders", "it's"};
    t.constraint = true;
    t.deferrable = true;
    t.initially_deferred = true;
    CHECK(render_sql(CreateTrigger{{"public", "orders"}, t}).front() ==
          "CREATE CONSTRAINT TRIGGER \"audit\" AFTER INSERT OR UPDATE OF \"status\", \"Amount\" ON "
          "\"public\".\"orders\" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((old.status IS DISTINCT FROM "
          "new.status)) EXECUTE FUNCTION \"audit\".\"record\"('orders', 'it''s')");
    CHECK(render_sql(SetTriggerEnabled{{"public", "orders"}, "audit", TriggerEnabled::origin, TriggerEnabled::replica})
              .front() == "ALTER TABLE \"public\".\"orders\" ENABLE REPLICA TRIGGER \"audit\"");
    CHECK(render_sql(SetComment{member_id(ObjectKind::trigger, {"public", "orders"}, "audit"), std::nullopt})
              .front() == "COMMENT ON TRIGGER \"audit\" ON \"public\".\"orders\" IS NULL");
    CHECK(render_sql(ReplaceTrigger{{"public", "orders"}, t, t}).size() == 2);
}
