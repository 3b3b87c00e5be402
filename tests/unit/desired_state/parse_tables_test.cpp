#include <algorithm>
#include <catch2/catch.hpp>

#include "temp_manifests.hpp"

using namespace reconcile;
using namespace reconcile::desired_state;
using reconcile::desired_state::testing::TempManifests;

namespace {

const catalog::Table& only_table(const Manifests& manifests) {
    REQUIRE(manifests.model.tables.size() == 1);
    return manifests.model.tables.front();
}

}  // namespace

TEST_CASE("a table file with every column feature", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"$schema": "x", "schemas": {"public": {"comment": "main"}}})J");
    m.write("jobs.json", R"J({
      "$schema": "https://reconcile.dev/schema/manifest-v1.json",
      "table": "jobs", "comment": "work to do",
      "columns": [
        {"name": "id", "type": "serial"},
        {"name": "status", "type": "varchar(20)", "not_null": true, "default": "'NEW'", "comment": "state"},
        {"name": "id2", "type": "bigint", "identity": {"generated": "always", "start": 10, "increment": 2,
                                                      "min_value": 1, "max_value": 1000, "cache": 5, "cycle": true}},
        {"name": "total", "type": "numeric(12,2)", "generated": "price * qty"},
        {"name": "code", "type": "text", "collation": "C"},
        {"name": "n", "type": "bigint", "using": "n::bigint"},
        {"name": "big", "type": "BIGSERIAL"},
        {"name": "small", "type": "serial2"}
      ]})J");
    auto manifests = m.load();
    const auto& table = only_table(manifests);
    CHECK(table.name == catalog::QualifiedName{"public", "jobs"});
    CHECK(table.comment == "work to do");
    REQUIRE(table.columns.size() == 8);

    const auto& id = table.columns[0];
    CHECK(id.type == "integer");
    CHECK(id.serial == catalog::Serial::serial);
    CHECK(id.not_null);
    CHECK_FALSE(id.default_expr);

    const auto& status = table.columns[1];
    CHECK(status.type == "varchar(20)");
    CHECK(status.not_null);
    CHECK(status.default_expr == "'NEW'");
    CHECK(status.comment == "state");

    const auto& id2 = table.columns[2];
    REQUIRE(id2.identity);
    CHECK(id2.not_null);  // implied
    CHECK(id2.identity->kind == catalog::IdentityKind::always);
    CHECK(id2.identity->sequence.start == 10);
    CHECK(id2.identity->sequence.increment == 2);
    CHECK(id2.identity->sequence.min_value == 1);
    CHECK(id2.identity->sequence.max_value == 1000);
    CHECK(id2.identity->sequence.cache == 5);
    CHECK(id2.identity->sequence.cycle == true);
    CHECK_FALSE(id2.identity->sequence.type);

    CHECK(table.columns[3].generated == "price * qty");
    CHECK(table.columns[4].collation == "C");
    CHECK(table.columns[5].using_expr == "n::bigint");
    CHECK(table.columns[6].type == "bigint");
    CHECK(table.columns[6].serial == catalog::Serial::bigserial);
    CHECK(table.columns[7].type == "smallint");
    CHECK(table.columns[7].serial == catalog::Serial::smallserial);

    REQUIRE(manifests.model.schemas.size() == 1);
    CHECK(manifests.model.schemas[0].comment == "main");
}

TEST_CASE("an identity's sequence name is kept only where it is not the default", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}}})J");
    m.write("jobs.json", R"J({"table": "private_jobs", "columns": [
        {"name": "id", "type": "bigint", "identity": {"generated": "always", "sequence_name": "jobs_id_seq"}},
        {"name": "n", "type": "bigint", "identity": {"generated": "always", "sequence_name": "private_jobs_n_seq"}}
      ]})J");
    auto manifests = m.load();
    const auto& table = only_table(manifests);
    REQUIRE(table.columns.size() == 2);
    REQUIRE(table.columns[0].identity);
    CHECK(table.columns[0].identity->sequence_name == "jobs_id_seq");
    // The default spelled out is the same as none, as the catalog reads it.
    REQUIRE(table.columns[1].identity);
    CHECK_FALSE(table.columns[1].identity->sequence_name);
}

TEST_CASE("constraints: primary key, unique, check, foreign key", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {}, "app": {}}})J");
    m.write("users.json",
            R"J({"table": "users", "columns": [{"name": "id", "type": "int"}, {"name": "email", "type": "text"}],
      "primary_key": {"columns": ["id"]}})J");
    m.write("app/jobs.json", R"J({"schema": "app", "table": "jobs",
      "columns": [{"name": "id", "type": "int"}, {"name": "user_id", "type": "int"}, {"name": "email", "type": "text"},
                  {"name": "status", "type": "text"}, {"name": "parent", "type": "int"}],
      "primary_key": {"name": "jobs_pk", "columns": ["id"], "comment": "pk"},
      "unique": {"jobs_email_key": {"columns": ["email"], "nulls_not_distinct": true, "deferrable": true,
                                    "initially_deferred": true, "comment": "one per email"}},
      "checks": {"chk_status": {"expression": "status IN ('a','b')", "comment": "known"}},
      "foreign_keys": {
        "jobs_user_id_fkey": {"columns": ["user_id"], "references": {"schema": "public", "table": "users", "columns": ["id"]},
                              "on_delete": "SET NULL", "on_update": "cascade", "match": "full", "deferrable": true},
        "jobs_parent_fkey": {"columns": ["parent"], "references": {"table": "jobs", "columns": ["id"]},
                             "on_delete": "set_default"}}})J");
    auto manifests = m.load();
    const auto* jobs = manifests.model.find_table({"app", "jobs"});
    REQUIRE(jobs);
    CHECK(jobs->columns[0].not_null);  // primary key columns are NOT NULL
    const auto* users = manifests.model.find_table({"public", "users"});
    REQUIRE(users);
    CHECK(users->primary_key()->name == "users_pkey");

    REQUIRE(jobs->constraints.size() == 5);
    // Sorted by name.
    CHECK(jobs->constraints[0].name == "chk_status");
    CHECK(jobs->constraints[0].kind == catalog::ConstraintKind::check);
    CHECK(jobs->constraints[0].expression == "status IN ('a','b')");
    CHECK(jobs->constraints[0].comment == "known");

    const auto* email = jobs->find_constraint("jobs_email_key");
    REQUIRE(email);
    CHECK(email->kind == catalog::ConstraintKind::unique);
    CHECK(email->nulls_not_distinct);
    CHECK(email->deferrable);
    CHECK(email->initially_deferred);

    const auto* pk = jobs->primary_key();
    REQUIRE(pk);
    CHECK(pk->name == "jobs_pk");
    CHECK(pk->comment == "pk");

    const auto* fk = jobs->find_constraint("jobs_user_id_fkey");
    REQUIRE(fk);
    REQUIRE(fk->references);
    CHECK(fk->references->table == catalog::QualifiedName{"public", "users"});
    CHECK(fk->references->on_delete == catalog::ReferentialAction::set_null);
    CHECK(fk->references->on_update == catalog::ReferentialAction::cascade);
    CHECK(fk->references->match == catalog::MatchType::full);
    CHECK(fk->deferrable);

    const auto* parent = jobs->find_constraint("jobs_parent_fkey");
    REQUIRE(parent);
    CHECK(parent->references->table == catalog::QualifiedName{"app", "jobs"});  // defaults to the table's schema
    CHECK(parent->references->on_delete == catalog::ReferentialAction::set_default);
    CHECK(parent->references->on_update == catalog::ReferentialAction::no_action);
}

TEST_CASE("indexes: shorthand and every key feature", "[desired_state][parse]") {
    TempManifests m;
    m.write_public();
    m.write("posts.json", R"J({"table": "posts",
      "columns": [{"name": "id", "type": "int"}, {"name": "phone", "type": "text"}, {"name": "data", "type": "jsonb"},
                  {"name": "email", "type": "text"}, {"name": "post_id", "type": "int"}, {"name": "x", "type": "int"}],
      "indexes": {
        "idx_phone": {"columns": ["phone"]},
        "idx_mixed": {"keys": ["phone", {"column": "data", "opclass": "jsonb_path_ops"},
                               {"expression": "lower(email)", "order": "desc", "collation": "C"},
                               {"column": "x", "order": "asc", "nulls": "first"},
                               {"column": "id", "order": "desc", "nulls": "last"}],
                      "method": "btree", "unique": true, "nulls_not_distinct": true, "include": ["x"],
                      "where": "post_id IS NOT NULL", "comment": "mixed"},
        "idx_gin": {"keys": [{"column": "data", "opclass": "jsonb_path_ops"}], "method": "gin"},
        "idx_vector": {"columns": ["data"], "method": "hnsw"}}})J");
    auto manifests = m.load();
    const auto& table = only_table(manifests);
    REQUIRE(table.indexes.size() == 4);
    const auto* phone = table.find_index("idx_phone");
    REQUIRE(phone);
    CHECK(phone->method == "btree");
    REQUIRE(phone->keys.size() == 1);
    CHECK(phone->keys[0] == catalog::IndexKey{"phone", {}, {}, {}, false, false});

    const auto* mixed = table.find_index("idx_mixed");
    REQUIRE(mixed);
    REQUIRE(mixed->keys.size() == 5);
    CHECK(mixed->keys[0].column == "phone");
    CHECK(mixed->keys[1].opclass == "jsonb_path_ops");
    CHECK(mixed->keys[2].expression == "lower(email)");
    CHECK(mixed->keys[2].descending);
    CHECK(mixed->keys[2].nulls_first);  // DESC defaults to NULLS FIRST
    CHECK(mixed->keys[2].collation == "C");
    CHECK_FALSE(mixed->keys[3].descending);
    CHECK(mixed->keys[3].nulls_first);
    CHECK(mixed->keys[4].descending);
    CHECK_FALSE(mixed->keys[4].nulls_first);
    CHECK(mixed->unique);
    CHECK(mixed->nulls_not_distinct);
    CHECK(mixed->include == std::vector<std::string>{"x"});
    CHECK(mixed->where == "post_id IS NOT NULL");
    CHECK(mixed->comment == "mixed");

    CHECK(table.find_index("idx_gin")->method == "gin");
    CHECK(table.find_index("idx_vector")->method == "hnsw");  // extension access methods pass through
}

TEST_CASE("enums and their friendly type names", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {
        "public": {"enums": {"ConversationStatus": {"values": ["ACTIVE", "CLOSED"], "comment": "lifecycle"}}},
        "app": {"enums": {"Mood": {"values": ["ok"]}, "ConversationStatus": {"values": ["x"]}}}}})J");
    m.write("conversations.json", R"J({"table": "conversations", "columns": [
        {"name": "a", "type": "ConversationStatus"},
        {"name": "b", "type": "public.ConversationStatus"},
        {"name": "c", "type": "ConversationStatus[]"},
        {"name": "d", "type": "app.Mood"},
        {"name": "e", "type": "public.\"ConversationStatus\""},
        {"name": "f", "type": "citext"},
        {"name": "g", "type": "timestamp(3) with time zone"},
        {"name": "h", "type": "other_schema.whatever"},
        {"name": "i", "type": "character varying(20)[]"}]})J");
    m.write("app/t.json", R"J({"schema": "app", "table": "t", "columns": [
        {"name": "own", "type": "ConversationStatus"},
        {"name": "fallback", "type": "Mood"}]})J");
    auto manifests = m.load();
    REQUIRE(manifests.model.enums.size() == 3);
    const auto* status = manifests.model.find_enum({"public", "ConversationStatus"});
    REQUIRE(status);
    CHECK(status->values == std::vector<std::string>{"ACTIVE", "CLOSED"});
    CHECK(status->comment == "lifecycle");

    const auto* table = manifests.model.find_table({"public", "conversations"});
    REQUIRE(table);
    CHECK(table->columns[0].type == R"("public"."ConversationStatus")");
    CHECK(table->columns[1].type == R"("public"."ConversationStatus")");
    CHECK(table->columns[2].type == R"J("public"."ConversationStatus"[])J");
    CHECK(table->columns[3].type == R"("app"."Mood")");
    CHECK(table->columns[4].type == R"(public."ConversationStatus")");  // already SQL: passed through
    CHECK(table->columns[5].type == "citext");
    CHECK(table->columns[6].type == "timestamp(3) with time zone");
    CHECK(table->columns[7].type == "other_schema.whatever");
    CHECK(table->columns[8].type == "character varying(20)[]");

    const auto* own = manifests.model.find_table({"app", "t"});
    REQUIRE(own);
    CHECK(own->columns[0].type == R"("app"."ConversationStatus")");  // the table's own schema first
    CHECK(own->columns[1].type == R"("app"."Mood")");
}

TEST_CASE("files are read recursively in path order; hidden ones are skipped", "[desired_state][parse]") {
    TempManifests m;
    m.write_public();
    m.write("b/z.json", R"J({"table": "z", "columns": [{"name": "id", "type": "int"}]})J");
    m.write("a.json", R"J({"table": "a", "columns": [{"name": "id", "type": "int"}]})J");
    m.write(".vscode/settings.json", R"J({"editor.tabSize": 2})J");
    m.write("notes.txt", "not a manifest");
    auto manifests = m.load();
    REQUIRE(manifests.model.tables.size() == 2);
    CHECK(manifests.model.tables[0].name.name == "a");
    CHECK(manifests.model.tables[1].name.name == "z");
}

TEST_CASE("sources point at every declared object", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"public": {"enums": {"E": {"values": ["a"]}}}}})J");
    m.write("jobs.json", R"J({"table": "jobs", "columns": [{"name": "id", "type": "int"}, {"name": "e", "type": "E"}],
      "primary_key": {"columns": ["id"]}, "checks": {"c/1": {"expression": "id > 0"}},
      "indexes": {"i": {"columns": ["e"]}}})J");
    auto manifests = m.load();
    catalog::QualifiedName jobs{"public", "jobs"};
    auto at = [&](const catalog::ObjectId& object) {
        auto where = manifests.where(object);
        REQUIRE(!where.file.empty());
        return where.file + " " + where.pointer;
    };
    using namespace catalog;
    CHECK(at(schema_id("public")) == m.file("schemas.json") + " /schemas/public");
    CHECK(at(enum_id({"public", "E"})) == m.file("schemas.json") + " /schemas/public/enums/E");
    CHECK(at(table_id(jobs)) == m.file("jobs.json") + " /table");
    CHECK(at(column_id(jobs, "e")) == m.file("jobs.json") + " /columns/1");
    CHECK(at(constraint_id(jobs, "jobs_pkey")) == m.file("jobs.json") + " /primary_key");
    CHECK(at(constraint_id(jobs, "c/1")) == m.file("jobs.json") + " /checks/c~11");
    CHECK(at(index_id(jobs, "i")) == m.file("jobs.json") + " /indexes/i");
    // Not declared: nothing to point at.
    CHECK(manifests.where(column_id(jobs, "missing")).file.empty());
    // Keys of different objects never collide, whatever the names hold.
    CHECK(table_id({"a.b", "c"}) != table_id({"a", "b.c"}));
}

TEST_CASE("storage parameters on tables and indexes read as sorted name=value", "[desired_state][parse]") {
    TempManifests m;
    m.write_public();
    m.write("t.json", R"J({"table": "t", "storage_parameters": {"fillfactor": 70, "autovacuum_enabled": false,
                            "toast.autovacuum_enabled": "off"},
      "columns": [{"name": "a", "type": "int"}],
      "indexes": {"t_a_idx": {"columns": ["a"], "storage_parameters": {"fillfactor": 50}}}})J");
    auto manifests = m.load();
    const auto& table = only_table(manifests);
    CHECK(table.storage ==
          std::vector<std::string>{"autovacuum_enabled=false", "fillfactor=70", "toast.autovacuum_enabled=off"});
    REQUIRE(table.indexes.size() == 1);
    CHECK(table.indexes[0].storage == std::vector<std::string>{"fillfactor=50"});
}

TEST_CASE("a schema's comment: left out keeps the live one, null asks for none", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"a": {}, "b": {"comment": null}, "c": {"comment": "x"}}})J");
    auto manifests = m.load();
    const auto& schemas = manifests.model.schemas;
    REQUIRE(schemas.size() == 3);
    CHECK((schemas[0].name == "a" && schemas[0].keep_comment && !schemas[0].comment));
    CHECK((schemas[1].name == "b" && !schemas[1].keep_comment && !schemas[1].comment));
    CHECK((schemas[2].name == "c" && !schemas[2].keep_comment && schemas[2].comment == "x"));
}

TEST_CASE("a schema's comment of another type is an error at its pointer", "[desired_state][parse]") {
    TempManifests m;
    m.write("schemas.json", R"J({"schemas": {"a": {"comment": 7}}})J");
    REQUIRE_THROWS_AS(m.load(), ManifestError);
    try {
        m.load();
    } catch (const ManifestError& error) {
        REQUIRE(error.diagnostics.size() == 1);
        CHECK(error.diagnostics[0].where.pointer == "/schemas/a/comment");
    }
}

TEST_CASE("exclusions: read as text; unknown keys, a missing or EXCLUDE-prefixed definition reported",
          "[desired_state][parse][exclusion]") {
    TempManifests m;
    m.write_public();
    m.write("booking.json", R"J({"table": "booking",
      "columns": [{"name": "room", "type": "text"}, {"name": "during", "type": "tstzrange"}],
      "exclusions": {"booking_no_overlap": {"definition": "USING gist (room WITH =, during WITH &&)",
                                            "deferrable": true, "comment": "one at a time"}}})J");
    auto model = m.load().model;
    const auto* booking = model.find_table({"public", "booking"});
    REQUIRE(booking);
    const auto* excl = booking->find_constraint("booking_no_overlap");
    REQUIRE(excl);
    CHECK(excl->kind == catalog::ConstraintKind::exclusion);
    CHECK(excl->expression == "USING gist (room WITH =, during WITH &&)");
    CHECK(excl->deferrable);
    CHECK_FALSE(excl->initially_deferred);
    CHECK(excl->comment == "one at a time");

    TempManifests bad;
    bad.write_public();
    bad.write("booking.json", R"J({"table": "booking", "columns": [{"name": "room", "type": "text"}],
      "exclusions": {"a": {"definition": "USING gist (room WITH =)", "using": "gist"}, "b": {},
                     "c": {"definition": " exclude USING gist (room WITH =)"},
                     "d": {"definition": "USING gist (room WITH =)", "initially_deferred": true}}})J");
    auto errors = bad.errors();
    const auto file = bad.file("booking.json");
    INFO(Catch::Detail::stringify(errors));
    auto reported = [&](const std::string& line) {
        return std::find(errors.begin(), errors.end(), line) != errors.end();
    };
    CHECK(reported(file + R"(: /exclusions/a/using: unknown key "using")"));
    CHECK(reported(file + R"(: /exclusions/b/definition: missing required key "definition")"));
    CHECK(std::any_of(errors.begin(), errors.end(), [&](const std::string& e) {
        return e.rfind(file + ": /exclusions/c/definition: write what follows EXCLUDE", 0) == 0;
    }));
    CHECK(reported(file + ": /exclusions/d/initially_deferred: a constraint that is initially deferred must also "
                          "be deferrable"));
}
