#include <catch2/catch.hpp>

#include "engine/render/render.hpp"
#include "test_support.hpp"

using namespace reconcile::engine;
using Statements = std::vector<std::string>;

TEST_CASE("extensions: SQL quotes names and versions", "[render][extensions]") {
    Extension x{"uuid-ossp", "my schema", "1.1'", std::nullopt};
    CHECK(render_sql(CreateExtension{x}) ==
          Statements{R"(CREATE EXTENSION "uuid-ossp" WITH SCHEMA "my schema" VERSION '1.1''')"});
    CHECK(render_sql(DropExtension{x}) == Statements{R"(DROP EXTENSION "uuid-ossp")"});
    Extension moved = x;
    moved.schema = "ext";
    moved.version = "1.2";
    CHECK(render_sql(AlterExtension{x, moved}) == Statements{R"(ALTER EXTENSION "uuid-ossp" SET SCHEMA "ext")",
                                                             R"(ALTER EXTENSION "uuid-ossp" UPDATE TO '1.2')"});
    CHECK(render_sql(SetComment{reconcile::catalog::extension_id("uuid-ossp"), std::string("ids")}) ==
          Statements{R"(COMMENT ON EXTENSION "uuid-ossp" IS 'ids')"});
}
