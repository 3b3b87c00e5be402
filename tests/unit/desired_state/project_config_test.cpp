#include "desired-state/project_config.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "temp_manifests.hpp"

using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

namespace {

std::vector<std::string> pointers_of_errors(const TempManifests& m, const std::string& text) {
    m.write("reconcile.json", text);
    try {
        load_project_config(m.dir() / "reconcile.json");
    } catch (const ManifestError& error) {
        std::vector<std::string> out;
        for (const auto& d : error.diagnostics) out.push_back(d.where.pointer);
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("project file: manifests relative to it, environments with policy", "[desired_state][project]") {
    TempManifests m;
    m.write("reconcile.json", R"({"$schema": "x", "manifests": "schema",
        "environments": {"staging": {"database": "$STAGING_URL", "prune": true},
                         "prod": {"database": "prod-main", "lock_timeout": "1s", "pooler": "transaction"}}})");
    auto config = load_project_config(m.dir() / "reconcile.json");
    REQUIRE(config.manifests);
    CHECK(*config.manifests == m.dir() / "schema");
    REQUIRE(config.environments.size() == 2);
    const auto& staging = config.environments.at("staging");
    CHECK(staging.prune == true);
    CHECK_FALSE(staging.allow_destructive);
    CHECK(config.environments.at("prod").lock_timeout == "1s");
    CHECK(config.environments.at("prod").pooler == "transaction");
    CHECK_FALSE(staging.pooler);

    CHECK(environment_conninfo(config.environments.at("prod")) == "service=prod-main");
    unsetenv("STAGING_URL");
    CHECK_THROWS_WITH(environment_conninfo(staging), Catch::Contains("$STAGING_URL is not set"));
    setenv("STAGING_URL", "postgresql://app@db/app", 1);
    CHECK(environment_conninfo(staging) == "postgresql://app@db/app");
    unsetenv("STAGING_URL");
}

TEST_CASE("project file: a connection string is refused, unknown keys are errors", "[desired_state][project]") {
    TempManifests m;
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {"database": "postgresql://u:pw@h/db"}}})") ==
          std::vector<std::string>{"/environments/a/database"});
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {"database": "host=db password=x"}}})") ==
          std::vector<std::string>{"/environments/a/database"});
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {"database": "$1X"}}})") ==
          std::vector<std::string>{"/environments/a/database"});
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {}}})") ==
          std::vector<std::string>{"/environments/a/database"});
    CHECK(pointers_of_errors(m, R"({"manifest": "schema"})") == std::vector<std::string>{"/manifest"});
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {"database": "s", "pooler": "statement"}}})") ==
          std::vector<std::string>{"/environments/a/pooler"});
    CHECK(pointers_of_errors(m, R"({"environments": {"a": {"database": "s", "prune": "yes"}}})") ==
          std::vector<std::string>{"/environments/a/prune"});
    CHECK(pointers_of_errors(m, "{").size() == 1);
}
