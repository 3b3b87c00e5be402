#include "engine/render/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;

namespace {

Plan sample_plan() {
    Plan plan;
    Table jobs;
    jobs.name = {"public", "jobs"};
    jobs.columns = {Column{.name = "id", .type = "bigint", .not_null = true}};
    plan.steps.push_back(Step{CreateTable{jobs}, {Hazard::acquires_access_exclusive_lock}});
    plan.steps.push_back(Step{DropColumn{{"public", "jobs"}, Column{.name = "phone", .type = "text"}},
                              {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock},
                              Transactional::yes,
                              std::string("drops column public.jobs.phone and its data; pass --allow-destructive")});
    plan.steps.push_back(Step{
        CreateIndex{{"public", "jobs"}, Index{.name = "jobs_id_idx", .keys = {IndexKey{.column = std::string("id")}}}},
        {Hazard::index_build},
        Transactional::no});
    plan.not_in_manifests = {table_id({"public", "zeta"}), table_id({"public", "foo"})};
    plan.not_managed = {UnmanagedObject{"trigger", member_id(ObjectKind::trigger, {"public", "post_reactions"},
                                                             "post_reactions_permanent")},
                        UnmanagedObject{"function", routine_id(ObjectKind::function, {"public", "f"}, {"integer"})}};
    render_plan(plan);
    return plan;
}

}  // namespace

TEST_CASE("text plan format", "[render][report]") {
    CHECK(format_plan_text(sample_plan(), Unmanaged::list) ==
          "Plan: 3 steps (1 refused)\n"
          "\n"
          "1. create table public.jobs\n"
          "   hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK\n"
          "   CREATE TABLE \"public\".\"jobs\" (\n"
          "       \"id\" bigint NOT NULL\n"
          "   );\n"
          "\n"
          "2. drop column public.jobs.phone (deletes its data)\n"
          "   hazards: DELETES_DATA, ACQUIRES_ACCESS_EXCLUSIVE_LOCK\n"
          "   REFUSED: drops column public.jobs.phone and its data; pass --allow-destructive\n"
          "   ALTER TABLE \"public\".\"jobs\" DROP COLUMN \"phone\";\n"
          "\n"
          "3. create index public.jobs.jobs_id_idx (id)\n"
          "   hazards: INDEX_BUILD\n"
          "   non-transactional\n"
          "   CREATE INDEX \"jobs_id_idx\" ON \"public\".\"jobs\" (\"id\");\n"
          "\n"
          "Hazards (apply needs --allow-hazards with each code):\n"
          "  DELETES_DATA: rows or values are removed and cannot be recovered without a backup.\n"
          "  ACQUIRES_ACCESS_EXCLUSIVE_LOCK: every read and write of the table waits until the transaction ends.\n"
          "  INDEX_BUILD: building the index reads the whole table, taking time and I/O in proportion to its size.\n"
          "\n"
          "Not in manifests (use --prune to drop):\n"
          "  table public.foo\n"
          "  table public.zeta\n"
          "\n"
          "Not managed by reconcile (left alone):\n"
          "  function public.f(integer)\n"
          "  trigger public.post_reactions.post_reactions_permanent\n");
    CHECK(format_plan_text(Plan{}) == "No changes.\n");
}

TEST_CASE("sql plan format: transaction, refused steps commented out, non-transactional after", "[render][report]") {
    CHECK(format_plan_sql(sample_plan()) ==
          "-- reconcile plan: 3 steps\n"
          "-- 1 refused step is commented out below\n"
          "\\set ON_ERROR_STOP on\n"
          "\n"
          "-- Hazards:\n"
          "--   DELETES_DATA: rows or values are removed and cannot be recovered without a backup.\n"
          "--   ACQUIRES_ACCESS_EXCLUSIVE_LOCK: every read and write of the table waits until the transaction ends.\n"
          "--   INDEX_BUILD: building the index reads the whole table, taking time and I/O in proportion to its size.\n"
          "\n"
          "BEGIN;\n"
          "\n"
          "-- 1. create table public.jobs\n"
          "-- hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK\n"
          "CREATE TABLE \"public\".\"jobs\" (\n"
          "    \"id\" bigint NOT NULL\n"
          ");\n"
          "\n"
          "-- 2. drop column public.jobs.phone (deletes its data)\n"
          "-- hazards: DELETES_DATA, ACQUIRES_ACCESS_EXCLUSIVE_LOCK\n"
          "-- REFUSED: drops column public.jobs.phone and its data; pass --allow-destructive\n"
          "-- ALTER TABLE \"public\".\"jobs\" DROP COLUMN \"phone\";\n"
          "\n"
          "COMMIT;\n"
          "\n"
          "-- Runs on its own, committed before the steps after it.\n"
          "\n"
          "-- 3. create index public.jobs.jobs_id_idx (id)\n"
          "-- hazards: INDEX_BUILD\n"
          "CREATE INDEX \"jobs_id_idx\" ON \"public\".\"jobs\" (\"id\");\n");
    CHECK(format_plan_sql(Plan{}) == "-- reconcile plan: no changes\n");
}

TEST_CASE("sql plan format: every line of a refused multi-line statement is commented", "[render][report]") {
    Plan plan;
    Table t;
    t.name = {"public", "t"};
    t.columns = {Column{.name = "a", .type = "integer"}, Column{.name = "b", .type = "integer"}};
    plan.steps.push_back(Step{CreateTable{t}, {}, Transactional::yes, std::string("because\nreasons")});
    render_plan(plan);
    auto script = format_plan_sql(plan);
    CHECK(script.find("-- REFUSED: because\\nreasons\n") != std::string::npos);
    CHECK(script.find("-- CREATE TABLE \"public\".\"t\" (\n--     \"a\" integer,\n--     \"b\" integer\n-- );\n") !=
          std::string::npos);
    // No line outside comments and the transaction frame.
    std::size_t start = 0;
    while (start < script.size()) {
        auto end = script.find('\n', start);
        auto line = script.substr(start, end - start);
        CHECK((line.empty() || line.rfind("--", 0) == 0 || line == "BEGIN;" || line == "COMMIT;" ||
               line == "\\set ON_ERROR_STOP on"));
        start = end + 1;
    }
}

TEST_CASE("json plan format parses back with the documented fields", "[render][report]") {
    auto text = format_plan_json(sample_plan());
    REQUIRE(text.back() == '\n');
    auto json = nlohmann::json::parse(text);
    CHECK(json["format_version"] == 1);
    CHECK(json["summary"] == nlohmann::json{{"steps", 3}, {"refused", 1}, {"not_in_manifests", 2}, {"not_managed", 2}});
    REQUIRE(json["steps"].size() == 3);
    const auto& drop = json["steps"][1];
    CHECK(drop["number"] == 2);
    CHECK(drop["kind"] == "drop_column");
    CHECK(drop["object"] == nlohmann::json{{"kind", "column"},
                                           {"schema", "public"},
                                           {"name", "jobs"},
                                           {"member", "phone"},
                                           {"identity", "public.jobs.phone"}});
    CHECK(drop["description"] == "drop column public.jobs.phone (deletes its data)");
    CHECK(drop["sql"] == nlohmann::json::array({R"(ALTER TABLE "public"."jobs" DROP COLUMN "phone")"}));
    CHECK(drop["hazards"] == nlohmann::json::array({"DELETES_DATA", "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"}));
    CHECK(drop["transactional"] == true);
    CHECK(json["hazard_reasons"]["INDEX_BUILD"] ==
          "building the index reads the whole table, taking time and I/O in proportion to its size.");
    CHECK(json["hazard_reasons"].size() == 3);
    CHECK(drop["refused"] == "drops column public.jobs.phone and its data; pass --allow-destructive");
    const auto& create = json["steps"][0];
    CHECK_FALSE(create.contains("refused"));
    CHECK_FALSE(create["object"].contains("member"));
    CHECK(json["steps"][2]["transactional"] == false);
    CHECK(json["not_in_manifests"] ==
          nlohmann::json::parse(
              R"([{"kind":"table","identity":"public.foo"},{"kind":"table","identity":"public.zeta"}])"));
    CHECK(json["not_managed"][1] ==
          nlohmann::json{{"kind", "trigger"}, {"identity", "public.post_reactions.post_reactions_permanent"}});
    CHECK(json["possible_renames"] == nlohmann::json::array());
    // Key order is part of the format: stable and documented.
    CHECK(text.rfind("{\n  \"format_version\": 1,\n  \"summary\": {\n    \"steps\": 3,", 0) == 0);
}

TEST_CASE("json keeps hostile names intact and a schema object has no schema field", "[render][report]") {
    Plan plan;
    plan.steps.push_back(Step{CreateSchema{{"x'; DROP TABLE t; --\n\"名前\"", std::nullopt}}});
    render_plan(plan);
    auto json = nlohmann::json::parse(format_plan_json(plan));
    CHECK(json["steps"][0]["object"] == nlohmann::json{{"kind", "schema"},
                                                       {"name", "x'; DROP TABLE t; --\n\"名前\""},
                                                       {"identity", "x'; DROP TABLE t; --\n\"名前\""}});
    CHECK(json["steps"][0]["sql"][0] == "CREATE SCHEMA U&\"x'; DROP TABLE t; --\\000A\"\"名前\"\"\"");
    CHECK(json["steps"][0]["description"] == "create schema x'; DROP TABLE t; --\\n\"名前\"");
}

TEST_CASE("formats are deterministic whatever the order of the side lists", "[render][report]") {
    auto a = sample_plan();
    auto b = sample_plan();
    std::reverse(b.not_in_manifests.begin(), b.not_in_manifests.end());
    std::reverse(b.not_managed.begin(), b.not_managed.end());
    CHECK(format_plan_text(a) == format_plan_text(b));
    CHECK(format_plan_sql(a) == format_plan_sql(b));
    CHECK(format_plan_json(a) == format_plan_json(b));
    CHECK(format_drift_text(a) == format_drift_text(b));
    CHECK(format_drift_json(a) == format_drift_json(b));
}

TEST_CASE("drift text and json", "[render][report]") {
    CHECK(format_drift_text(sample_plan(), Unmanaged::list) ==
          "Drift: 5 differences\n"
          "  - create table public.jobs\n"
          "  - drop column public.jobs.phone (deletes its data)\n"
          "  - create index public.jobs.jobs_id_idx (id)\n"
          "  - extra table public.foo (not in manifests)\n"
          "  - extra table public.zeta (not in manifests)\n"
          "\n"
          "Not managed by reconcile (left alone):\n"
          "  function public.f(integer)\n"
          "  trigger public.post_reactions.post_reactions_permanent\n");

    Plan clean;
    clean.not_managed = {UnmanagedObject{"view", object_id(ObjectKind::view, {"public", "v"})}};
    CHECK(format_drift_text(clean, Unmanaged::list) ==
          "No drift.\n\nNot managed by reconcile (left alone):\n  view public.v\n");
    // By default one line of counts by kind, however many objects.
    CHECK(format_drift_text(clean) ==
          "No drift.\n\nNot managed by reconcile (left alone): 1 object (view 1; --verbose lists them)\n");
    CHECK(format_plan_text(sample_plan())
              .ends_with(
                  "Not managed by reconcile (left alone): 2 objects (function 1, trigger 1; --verbose lists them)\n"));
    auto clean_json = nlohmann::json::parse(format_drift_json(clean));
    CHECK(clean_json["drift"] == false);
    CHECK(clean_json["differences"].empty());
    CHECK(clean_json["not_managed"].size() == 1);

    Plan extra_only;
    extra_only.not_in_manifests = {table_id({"public", "foo"})};
    CHECK(nlohmann::json::parse(format_drift_json(extra_only))["drift"] == true);
    CHECK(format_drift_text(extra_only) == "Drift: 1 difference\n  - extra table public.foo (not in manifests)\n");

    auto json = nlohmann::json::parse(format_drift_json(sample_plan()));
    CHECK(json["format_version"] == 1);
    CHECK(json["drift"] == true);
    REQUIRE(json["differences"].size() == 3);
    CHECK(json["differences"][2] == nlohmann::json{{"kind", "create_index"},
                                                   {"object",
                                                    {{"kind", "index"},
                                                     {"schema", "public"},
                                                     {"name", "jobs"},
                                                     {"member", "jobs_id_idx"},
                                                     {"identity", "public.jobs.jobs_id_idx"}}},
                                                   {"description", "create index public.jobs.jobs_id_idx (id)"}});
    CHECK(json["not_in_manifests"].size() == 2);
}

TEST_CASE("possible renames are hints in every format", "[render][report][renames]") {
    Plan plan = sample_plan();
    plan.possible_renames = {{column_id({"public", "jobs"}, "phone"), column_id({"public", "jobs"}, "mobile")},
                             {table_id({"legacy", "jobs"}), table_id({"public", "work"})}};
    const std::string column_hint =
        R"(possible rename: column public.jobs.phone -> public.jobs.mobile: add "renamed_from": ["phone"] to )"
        R"(public.jobs.mobile to keep its data)";
    CHECK(format_plan_text(plan).find("Hints (not acted on; the plan above stands):\n  " + column_hint + "\n") !=
          std::string::npos);
    CHECK(format_plan_text(plan).find(R"("renamed_from": ["legacy.jobs"] to public.work)") != std::string::npos);
    auto json = nlohmann::json::parse(format_plan_json(plan));
    REQUIRE(json["possible_renames"].size() == 2);
    CHECK(json["possible_renames"][0]["hint"] == column_hint);
    CHECK(json["possible_renames"][1]["from"]["identity"] == "legacy.jobs");
    CHECK(format_plan_markdown(plan, {}).find("possible rename: column") != std::string::npos);
}
