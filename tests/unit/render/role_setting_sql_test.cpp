#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;
using Statements = std::vector<std::string>;

TEST_CASE("role settings: each list element its own literal, IN DATABASE the target's name", "[render][roles]") {
    CHECK(render_sql(SetRoleSetting{{"a\"pp", false, "search_path", {"$user", "it's", "public"}}, ""}) ==
          Statements{R"(ALTER ROLE "a""pp" SET "search_path" = '$user', 'it''s', 'public')"});
    CHECK(render_sql(SetRoleSetting{{"app", true, "myapp.tenant", {"x; RESET ALL"}}, "shop-prod"}) ==
          Statements{R"(ALTER ROLE "app" IN DATABASE "shop-prod" SET "myapp"."tenant" = 'x; RESET ALL')"});
    CHECK(render_sql(ResetRoleSetting{{"app", true, "work_mem", {"64MB"}}, "db"}) ==
          Statements{R"(ALTER ROLE "app" IN DATABASE "db" RESET "work_mem")"});
    CHECK(render_sql(ResetRoleSetting{{"app", false, "datestyle", {"ISO, DMY"}}, ""}) ==
          Statements{R"(ALTER ROLE "app" RESET "datestyle")"});
}
