#include "tests/integration/scenario_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "catalog/introspect/introspector.hpp"
#include "catalog/pg/connection.hpp"
#include "engine/diff/diff.hpp"
#include "engine/render/render.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/temp_cluster.hpp"

namespace reconcile::testing {

namespace {

std::string scenario_path(const std::string& scenario, const std::string& file) {
    return source_dir() + "/tests/scenarios/" + scenario + "/" + file;
}

}  // namespace

std::string load_scenario_file(const std::string& scenario, const std::string& file) {
    auto& cluster = TempCluster::shared();
    std::string name = scenario;
    std::replace(name.begin(), name.end(), '-', '_');
    std::string db = cluster.create_database(name);
    if (std::filesystem::exists(scenario_path(scenario, "platform.sql"))) {
        cluster.run_sql(db, read_file(scenario_path(scenario, "platform.sql")));
    }
    cluster.run_sql(db, read_file(scenario_path(scenario, file)));
    return db;
}

ScenarioDatabases load_scenario(const std::string& scenario) {
    return {load_scenario_file(scenario, "before.sql"), load_scenario_file(scenario, "after.sql")};
}

catalog::Model read_schemas(const std::string& dbname, const std::vector<std::string>& schemas) {
    auto conn = catalog::Connection::open(TempCluster::shared().conninfo(dbname));
    return catalog::introspect(conn, schemas);
}

std::string schema_differences(const catalog::Model& have, const catalog::Model& want) {
    auto by_name = [](catalog::Model model) {
        for (auto& table : model.tables) {
            std::sort(table.columns.begin(), table.columns.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
        }
        return model;
    };
    auto a = by_name(have), b = by_name(want);
    std::string out;
    for (const auto& change : engine::diff(a, b, {engine::Prune::yes}).changes) {
        out += engine::describe(change) + "\n";
    }
    if (a.unmanaged != b.unmanaged) out += "the objects reconcile does not manage differ\n";
    return out;
}

std::string export_and_check_empty_plan(const std::string& dbname) {
    auto& cluster = TempCluster::shared();
    std::string dir = make_temp_dir("reconcile-export");
    auto exported = run_reconcile({"export", "-d", cluster.conninfo(dbname), "-o", dir});
    INFO(exported.out << exported.err);
    REQUIRE(exported.exit_code == 0);
    auto plan = run_reconcile({"plan", "-m", dir, "-d", cluster.conninfo(dbname)});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(plan.out.find("No changes.") != std::string::npos);
    return dir;
}

CliResult apply_and_check_converged(const std::string& dir, const std::string& db, std::vector<std::string> extra) {
    extra.insert(extra.begin(), "--yes");
    auto applied = reconcile_on("apply", dir, db, std::move(extra));
    INFO(applied.out << applied.err);
    REQUIRE(applied.exit_code == 0);
    auto again = reconcile_on("plan", dir, db);
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "No changes."));
    return applied;
}

std::string check_rebuilds_from_export(const std::string& source, const std::string& dir) {
    auto& cluster = TempCluster::shared();
    std::string target = cluster.create_database(source + "_rebuilt");
    apply_and_check_converged(dir, target);
    if (cluster.has_pg_dump()) CHECK(cluster.dump_schema(target) == cluster.dump_schema(source));
    return target;
}

std::string query_column(const std::string& dbname, const std::string& sql) {
    auto conn = catalog::Connection::open(TempCluster::shared().conninfo(dbname));
    std::string out;
    auto result = conn.query(sql);
    for (auto row : result) {
        if (!out.empty()) out += "\n";
        out += row[0].value_or("NULL");
    }
    return out;
}

void write_manifest(const std::string& dir, const std::string& name, const std::string& text) {
    auto path = std::filesystem::path(dir) / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

CliResult reconcile_on(const std::string& command, const std::string& dir, const std::string& db,
                       std::vector<std::string> extra) {
    std::vector<std::string> args = {command, "-m", dir, "-d", TempCluster::shared().conninfo(db)};
    args.insert(args.end(), extra.begin(), extra.end());
    if (command == "apply" && std::find(extra.begin(), extra.end(), "--allow-hazards") == extra.end()) {
        args.insert(args.end(), {"--allow-hazards", "all"});
    }
    return run_reconcile(args);
}

}  // namespace reconcile::testing
