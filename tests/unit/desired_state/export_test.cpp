#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "desired-state/file_names.hpp"
#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;
namespace fs = std::filesystem;

namespace {

catalog::Column column(std::string name, std::string type, bool not_null = false) {
    catalog::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.not_null = not_null;
    return c;
}

catalog::IndexKey key_column(std::string name) {
    return {std::move(name), {}, {}, {}, false, false};
}

// Looks like what the introspector reads: canonical type text, every
// sequence option filled in, enum types as format_type() prints them.
catalog::Model canonical_model() {
    catalog::Model model;
    model.schemas = {{"public", "standard public schema"}, {"Weird \"Schema\"", std::nullopt}};
    model.enums = {{{"public", "ConversationStatus"}, {"ACTIVE", "it's closed", "名前"}, "lifecycle"},
                   {{"Weird \"Schema\"", "mood"}, {"ok"}, std::nullopt}};

    catalog::Table users;
    users.name = {"public", "users"};
    users.columns = {column("id", "bigint", true), column("email", "text", true)};
    users.columns[0].identity =
        catalog::Identity{catalog::IdentityKind::always, {std::nullopt, 1, 1, 1, 9223372036854775807LL, 1, false}};
    users.constraints.push_back(
        {"users_pkey", catalog::ConstraintKind::primary_key, {"id"}, "", {}, false, false, false, std::nullopt});
    users.indexes.push_back({"users_lower_email",
                             true,
                             true,
                             "btree",
                             {{std::nullopt, "lower(email)", std::nullopt, std::nullopt, false, false}},
                             {},
                             std::nullopt,
                             "case-insensitive"});

    catalog::Table jobs;
    jobs.name = {"public", "jobs"};
    jobs.comment = "work to do";
    auto id = column("id", "integer", true);
    id.serial = catalog::Serial::serial;
    auto big = column("big", "bigint", true);
    big.serial = catalog::Serial::bigserial;
    auto status = column("status", "public.\"ConversationStatus\"", true);
    status.default_expr = "'ACTIVE'::\"ConversationStatus\"";
    status.comment = "where it is";
    auto history = column("history", "public.\"ConversationStatus\"[]");
    auto total = column("total", "numeric(12,2)");
    total.generated = "(price * (qty)::numeric)";
    auto code = column("code", "text");
    code.collation = "pg_catalog.\"C\"";
    auto owner = column("owner", "bigint");
    auto external = column("auth_user", "uuid");
    auto identity = column("seq", "smallint", true);
    identity.identity =
        catalog::Identity{catalog::IdentityKind::by_default, {std::nullopt, 5, -1, -100, 100, 10, true}};
    // Kept from before a rename: not jobs_seq_seq.
    identity.identity->sequence_name = "Old \"seq\"";
    jobs.columns = {id,
                    big,
                    status,
                    history,
                    total,
                    code,
                    owner,
                    external,
                    identity,
                    column("price", "numeric"),
                    column("qty", "integer"),
                    column("data", "jsonb"),
                    column("mood", "\"Weird \"\"Schema\"\"\".mood")};

    catalog::Constraint pk{"jobs_pk", catalog::ConstraintKind::primary_key, {"id"}, "", {}, false, true, true, "pk"};
    catalog::Constraint unique{
        "jobs_code_key", catalog::ConstraintKind::unique, {"code", "owner"}, "", {}, true, false, false,
        "one per owner"};
    catalog::Constraint check{
        "jobs_total_check", catalog::ConstraintKind::check, {}, "(total >= (0)::numeric)", {}, false, false, false,
        "no refunds"};
    catalog::Constraint fk{"jobs_owner_fkey",
                           catalog::ConstraintKind::foreign_key,
                           {"owner"},
                           "",
                           catalog::ForeignKey{{"public", "users"},
                                               {"id"},
                                               catalog::ReferentialAction::cascade,
                                               catalog::ReferentialAction::set_null,
                                               catalog::MatchType::full},
                           false,
                           true,
                           false,
                           std::nullopt};
    catalog::Constraint external_fk{"jobs_auth_user_fkey",
                                    catalog::ConstraintKind::foreign_key,
                                    {"auth_user"},
                                    "",
                                    catalog::ForeignKey{{"auth", "users"}, {"id"}},
                                    false,
                                    false,
                                    false,
                                    "platform"};
    jobs.constraints = {pk, unique, check, fk, external_fk};

    catalog::Index plain{"jobs_owner_idx", false,       false, "btree", {key_column("owner"), key_column("code")}, {},
                         std::nullopt,     std::nullopt};
    catalog::Index fancy{"jobs_fancy_idx", true, false, "btree", {}, {"price"}, "(owner IS NOT NULL)", "fancy"};
    fancy.keys = {{"code", std::nullopt, "text_pattern_ops", "pg_catalog.\"C\"", false, false},
                  {std::nullopt, "lower(code)", std::nullopt, std::nullopt, true, false},
                  {"owner", std::nullopt, std::nullopt, std::nullopt, true, true},
                  {"qty", std::nullopt, std::nullopt, std::nullopt, false, true}};
    catalog::Index gin{
        "jobs_data_idx", false,       false, "gin", {{"data", std::nullopt, "jsonb_path_ops", {}, false, false}}, {},
        std::nullopt,    std::nullopt};
    jobs.indexes = {plain, fancy, gin};

    model.tables = {users, jobs};
    // Names that need quoting, escaping or encoding everywhere.
    for (std::string name : {"a\"b", "名前", "x'; DROP TABLE t; --", "Mixed Case", "..", "sl/ash"}) {
        catalog::Table weird;
        weird.name = {"Weird \"Schema\"", name};
        weird.columns = {column(name, "text", true), column("Ünïcode \"col\"", "\"Weird \"\"Schema\"\"\".mood")};
        weird.constraints.push_back(
            {name + "_pkey", catalog::ConstraintKind::primary_key, {name}, "", {}, false, false, false, std::nullopt});
        model.tables.push_back(weird);
    }
    model.normalize();
    return model;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) files[entry.path().lexically_relative(dir).generic_string()] = read(entry.path());
    }
    return files;
}

}  // namespace

TEST_CASE("export then load gives back the model", "[desired_state][export]") {
    TempManifests m;
    auto model = canonical_model();
    write_manifests(model, m.dir());
    auto loaded = m.load();
    // A schema exported without a comment loads as "leave its comment
    // alone", which plans the same against the database it came from.
    for (auto& schema : loaded.model.schemas) {
        if (!schema.comment && schema.keep_comment) schema.keep_comment = false;
    }
    CHECK(loaded.model.schemas == model.schemas);
    CHECK(loaded.model.enums == model.enums);
    REQUIRE(loaded.model.tables.size() == model.tables.size());
    for (std::size_t i = 0; i < model.tables.size(); ++i) {
        INFO(catalog::display(model.tables[i].name));
        CHECK(loaded.model.tables[i] == model.tables[i]);
    }
    CHECK(loaded.model == model);
    CHECK(external_references(loaded.model) ==
          std::map<catalog::QualifiedName, std::vector<std::string>>{{{"auth", "users"}, {"id"}}});
}

TEST_CASE("export writes a materialized view's storage parameters, and they load back", "[desired_state][export]") {
    TempManifests m;
    catalog::Model model;
    model.schemas = {{"public", std::nullopt}};
    catalog::View mv;
    mv.name = {"public", "mv"};
    mv.materialized = true;
    mv.definition = " SELECT 1 AS n";
    mv.storage = {"autovacuum_enabled=false", "fillfactor=50"};
    model.views = {mv};
    write_manifests(model, m.dir());
    std::ifstream in(m.dir() / "public" / "mv.json");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find(R"("storage_parameters": {"autovacuum_enabled": "false", "fillfactor": "50"})") !=
          std::string::npos);
    auto loaded = m.load();
    REQUIRE(loaded.model.views.size() == 1);
    CHECK(loaded.model.views[0].storage == mv.storage);
}

TEST_CASE("export is deterministic and leaves unchanged files alone", "[desired_state][export]") {
    TempManifests first, second;
    auto model = canonical_model();
    write_manifests(model, first.dir());
    auto shuffled = model;
    std::reverse(shuffled.tables.begin(), shuffled.tables.end());
    write_manifests(shuffled, second.dir());
    auto files = snapshot(first.dir());
    CHECK(files == snapshot(second.dir()));
    CHECK(files.count("schemas.json"));
    CHECK(files.count("public/jobs.json"));
    CHECK(files.count("Weird%20%22Schema%22/a%22b.json"));
    CHECK(files.count("Weird%20%22Schema%22/%E5%90%8D%E5%89%8D.json"));
    CHECK(files.count("Weird%20%22Schema%22/x%27%3B%20DROP%20TABLE%20t%3B%20--.json"));
    CHECK(files.count("Weird%20%22Schema%22/%2E..json"));
    CHECK(files.count("Weird%20%22Schema%22/sl%2Fash.json"));

    auto jobs = first.dir() / "public" / "jobs.json";
    auto old_time = fs::last_write_time(jobs) - std::chrono::hours(1);
    fs::last_write_time(jobs, old_time);
    write_manifests(model, first.dir());
    CHECK(fs::last_write_time(jobs) == old_time);
    CHECK(snapshot(first.dir()) == files);  // no temporary files left behind
}

TEST_CASE("re-export removes manifests of tables that are gone", "[desired_state][export]") {
    TempManifests m;
    auto model = canonical_model();
    write_manifests(model, m.dir());
    m.write("README.md", "kept");
    m.write(".editor/settings.json", "{}");
    std::erase_if(model.tables, [](const catalog::Table& t) { return t.name.schema != "public"; });
    write_manifests(model, m.dir());
    auto files = snapshot(m.dir());
    std::vector<std::string> names;
    for (const auto& [name, text] : files) names.push_back(name);
    CHECK(names == std::vector<std::string>{".editor/settings.json", "README.md", "public/jobs.json",
                                            "public/users.json", "schemas.json"});
    CHECK_FALSE(fs::exists(m.dir() / "Weird%20%22Schema%22"));
}

TEST_CASE("exported files read like hand-written ones", "[desired_state][export]") {
    TempManifests m;
    catalog::Model model;
    model.schemas = {{"public", std::nullopt}};
    catalog::Table table;
    table.name = {"public", "jobs"};
    auto id = column("id", "integer", true);
    id.serial = catalog::Serial::serial;
    auto name = column("name", "character varying(20)", true);
    name.default_expr = "'x'::character varying";
    table.columns = {id, name, column("note", "text")};
    table.constraints.push_back(
        {"jobs_pkey", catalog::ConstraintKind::primary_key, {"id"}, "", {}, false, false, false, std::nullopt});
    table.indexes.push_back({"jobs_name_idx", false, false, "btree", {key_column("name")}, {}, std::nullopt, {}});
    table.indexes.push_back({"jobs_note_idx",
                             false,
                             false,
                             "btree",
                             {{"note", std::nullopt, std::nullopt, std::nullopt, true, true}},
                             {},
                             std::nullopt,
                             {}});
    model.tables = {table};
    write_manifests(model, m.dir());
    CHECK(read(m.dir() / "schemas.json") == R"J({
  "$schema": "https://reconcile.dev/schema/manifest-v1.json",
  "schemas": {"public": {}}
}
)J");
    CHECK(read(m.dir() / "public" / "jobs.json") == R"J({
  "$schema": "https://reconcile.dev/schema/manifest-v1.json",
  "schema": "public",
  "table": "jobs",
  "columns": [
    {"name": "id", "type": "serial"},
    {
      "name": "name",
      "type": "character varying(20)",
      "not_null": true,
      "default": "'x'::character varying"
    },
    {"name": "note", "type": "text"}
  ],
  "primary_key": {"columns": ["id"]},
  "indexes": {
    "jobs_name_idx": {"columns": ["name"]},
    "jobs_note_idx": {"keys": [{"column": "note", "order": "desc"}]}
  }
}
)J");
}

TEST_CASE("exported JSON spreads a value over lines only when its line would pass 100 bytes",
          "[desired_state][export]") {
    TempManifests m;
    catalog::Model model;
    catalog::Table table;
    table.name = {"public", "wide"};
    for (int i = 0; i < 12; ++i) table.columns.push_back(column("column_" + std::to_string(i), "integer"));
    catalog::Constraint key{"wide_pkey", catalog::ConstraintKind::primary_key, {}, "", {}, false, false, false, {}};
    for (const auto& c : table.columns) key.columns.push_back(c.name);
    table.constraints.push_back(key);
    model.tables = {table};
    write_manifests(model, m.dir());
    auto text = read(m.dir() / "public" / "wide.json");
    CHECK(text.find(R"(    {"name": "column_0", "type": "integer"},)") != std::string::npos);
    // 12 names do not fit on one line: one per line, and no line is longer.
    CHECK(text.find("  \"primary_key\": {\n    \"columns\": [\n      \"column_0\",\n") != std::string::npos);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 100);
}

TEST_CASE("file names keep safe characters and percent-encode the rest", "[desired_state][export]") {
    using detail::encode_file_name;
    CHECK(encode_file_name("jobs") == "jobs");
    CHECK(encode_file_name("Jobs_2024-v1.old") == "Jobs_2024-v1.old");
    CHECK(encode_file_name("a\"b") == "a%22b");
    CHECK(encode_file_name("a b/c\\d") == "a%20b%2Fc%5Cd");
    CHECK(encode_file_name("é") == "%C3%A9");
    CHECK(encode_file_name("%") == "%25");
    CHECK(encode_file_name(".hidden") == "%2Ehidden");
    CHECK(encode_file_name("..") == "%2E.");
    CHECK(detail::table_file_path({"a\"b", "x'y"}).generic_string() == "a%22b/x%27y.json");
    CHECK(detail::table_file_path({"schemas.json", "t"}).generic_string() == "schemas%2Ejson/t.json");
}

TEST_CASE("external references list foreign-key targets outside the claimed schemas", "[desired_state][export]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}}})J");
    m.write("a.json", R"J({"table": "a", "columns": [{"name": "u", "type": "uuid"}, {"name": "o", "type": "int"}],
        "foreign_keys": {"a_u": {"columns": ["u"], "references": {"schema": "auth", "table": "users", "columns": ["id"]}},
                         "a_o": {"columns": ["u", "o"], "references": {"schema": "auth", "table": "users", "columns": ["id", "org"]}},
                         "a_x": {"columns": ["o"], "references": {"schema": "billing", "table": "orgs", "columns": ["n"]}}}})J");
    auto manifests = m.load();
    CHECK(external_references(manifests.model) ==
          std::map<catalog::QualifiedName, std::vector<std::string>>{{{"auth", "users"}, {"id", "org"}},
                                                                     {{"billing", "orgs"}, {"n"}}});
}
