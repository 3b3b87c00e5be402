// Declared renames: resolution against the live model, the texts that
// follow a renamed column or table, and the rename's place in the plan.
#include <catch2/catch.hpp>

#include "builders.hpp"
#include "engine/diff/rename_texts.hpp"
#include "engine/plan/planner.hpp"

using namespace test;

namespace {

Rename renamed(ObjectId to, std::vector<ObjectId> from) {
    return Rename{std::move(to), std::move(from)};
}

Model with_renames(Model m, std::vector<Rename> renames) {
    m.renames = std::move(renames);
    m.normalize();
    return m;
}

const QualifiedName t = qn("public", "t");

}  // namespace

TEST_CASE("renames: a column under its old name is renamed, not dropped and added", "[diff][renames]") {
    Model have =
        model({table("public", "t").column("id", "integer").column("email", "text").index("t_email_idx", {"email"})});
    Model want = with_renames(
        model({table("public", "t").column("id", "integer").column("mail", "text").index("t_email_idx", {"mail"})}),
        {renamed(column_id(t, "mail"), {column_id(t, "old_mail"), column_id(t, "email")})});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"rename_column public.t.mail"});
    CHECK(of<RenameColumn>(result).at(0).from == "email");

    SECTION("after apply the declaration plans nothing") {
        Model applied =
            model({table("public", "t").column("id", "integer").column("mail", "text").index("t_email_idx", {"mail"})});
        CHECK(run_diff(applied, want).changes.empty());
    }
    SECTION("neither name: a create") {
        Model without = model({table("public", "t").column("id", "integer")});
        CHECK(labels(run_diff(without, want)) ==
              std::vector<std::string>{"add_column public.t.mail", "create_index public.t.t_email_idx"});
    }
    SECTION("both names: an error naming both") {
        Model both =
            model({table("public", "t").column("id", "integer").column("email", "text").column("mail", "text")});
        CHECK_THROWS_WITH(run_diff(both, want), Catch::Contains("public.t.mail") && Catch::Contains("public.t.email") &&
                                                    Catch::Contains("both exist"));
    }
    SECTION("two old names live: an error") {
        Model two =
            model({table("public", "t").column("id", "integer").column("email", "text").column("old_mail", "text")});
        CHECK_THROWS_WITH(run_diff(two, want), Catch::Contains("several of them exist"));
    }
    SECTION("the old name declared as a column of its own: renamed, and a new one added") {
        Model reused = with_renames(model({table("public", "t")
                                               .column("id", "integer")
                                               .column("mail", "text")
                                               .column("email", "text")
                                               .index("t_email_idx", {"mail"})}),
                                    want.renames);
        CHECK(labels(run_diff(have, reused)) ==
              std::vector<std::string>{"add_column public.t.email", "rename_column public.t.mail"});
        // Once applied, both exist and both are declared: nothing to do.
        Model after = model({table("public", "t")
                                 .column("id", "integer")
                                 .column("mail", "text")
                                 .column("email", "text")
                                 .index("t_email_idx", {"mail"})});
        CHECK(run_diff(after, reused).changes.empty());
    }
}

TEST_CASE("renames: keys, checks and privileges follow a renamed column", "[diff][renames]") {
    Model have =
        model({table("public", "t").column("id", "integer").unique("t_code_key", {"code"}).column("code", "text"),
               table("public", "u")
                   .column("code", "text")
                   .fk("u_code_fkey", {"code"}, t, {"code"})
                   .check("u_code_check", "(length(code) > 2)")});
    have.grants.push_back(Grant{column_id(t, "code"), "reader", "SELECT", false});
    have.normalize();
    Model want = with_renames(
        model({table("public", "t").column("id", "integer").unique("t_code_key", {"ref"}).column("ref", "text"),
               table("public", "u")
                   .column("code", "text")
                   .fk("u_code_fkey", {"code"}, t, {"ref"})
                   .check("u_code_check", "(length(code) > 2)")}),
        {renamed(column_id(t, "ref"), {column_id(t, "code")})});
    want.grants.push_back(Grant{column_id(t, "ref"), "reader", "SELECT", false});
    want.normalize();
    CHECK(labels(run_diff(have, want)) == std::vector<std::string>{"rename_column public.t.ref"});
}

TEST_CASE("renames: a table, its foreign keys and its move to another schema", "[diff][renames][plan]") {
    Model have =
        model({table("public", "a").column("id", "integer").pk("a_pkey", {"id"}),
               table("public", "b").column("a_id", "integer").fk("b_a_fkey", {"a_id"}, qn("public", "a"), {"id"})},
              {}, {"public", "billing"});
    Model want = with_renames(
        model(
            {table("billing", "accounts").column("id", "integer").pk("a_pkey", {"id"}),
             table("public", "b").column("a_id", "integer").fk("b_a_fkey", {"a_id"}, qn("billing", "accounts"), {"id"}),
             // A new table under the old name comes after the rename.
             table("public", "a").column("x", "text")},
            {}, {"public", "billing"}),
        {renamed(table_id(qn("billing", "accounts")), {table_id(qn("public", "a"))})});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"create_table public.a", "rename_table billing.accounts"});
    auto plan = make_plan(result, PlanOptions{});
    CHECK(position(plan, "rename_table billing.accounts") < position(plan, "create_table public.a"));
    CHECK(step(plan, "rename_table billing.accounts").hazards == hazards({Hazard::acquires_access_exclusive_lock}));
}

TEST_CASE("renames: an identity column's sequence keeps its name", "[diff][renames][identity]") {
    auto identity_column = [](std::string name, std::optional<std::string> sequence_name = std::nullopt) {
        Column c = col(std::move(name), "bigint", true);
        c.identity = Identity{.kind = IdentityKind::always, .sequence_name = std::move(sequence_name)};
        return c;
    };
    // Live: jobs.id, its sequence jobs_id_seq (the default, so unnamed).
    Model have = model({table("public", "jobs").column(identity_column("id"))});
    const auto jobs = table_id(qn("public", "jobs"));
    const auto private_jobs = qn("public", "private_jobs");

    SECTION("a manifest that names the old sequence: only the table is renamed") {
        Model want = with_renames(model({table("public", "private_jobs").column(identity_column("id", "jobs_id_seq"))}),
                                  {renamed(table_id(private_jobs), {jobs})});
        CHECK(labels(run_diff(have, want)) == std::vector<std::string>{"rename_table public.private_jobs"});
        // What the catalog reads after apply: the name is no longer the default.
        Model applied = model({table("public", "private_jobs").column(identity_column("id", "jobs_id_seq"))});
        CHECK(run_diff(applied, want).changes.empty());
    }
    SECTION("a manifest that does not: the sequence follows to the new default, after the table") {
        Model want = with_renames(model({table("public", "private_jobs").column(identity_column("id"))}),
                                  {renamed(table_id(private_jobs), {jobs})});
        auto result = run_diff(have, want);
        CHECK(labels(result) ==
              std::vector<std::string>{"alter_column public.private_jobs.id", "rename_table public.private_jobs"});
        auto plan = make_plan(result, PlanOptions{});
        CHECK(position(plan, "rename_table public.private_jobs") <
              position(plan, "alter_column public.private_jobs.id"));
        // From the kept name to none (the default): ALTER SEQUENCE ... RENAME
        // TO private_jobs_id_seq, as alter_column_sql_test renders it.
        const auto& alter = std::get<AlterColumn>(step(plan, "alter_column public.private_jobs.id").change);
        CHECK(alter.what == ColumnAttribute::identity);
        CHECK(alter.from.identity->sequence_name == "jobs_id_seq");
        CHECK_FALSE(alter.to.identity->sequence_name);
    }
    SECTION("a renamed column: the same") {
        Model want =
            with_renames(model({table("public", "jobs").column(identity_column("job_id"))}),
                         {renamed(column_id(qn("public", "jobs"), "job_id"), {column_id(qn("public", "jobs"), "id")})});
        auto result = run_diff(have, want);
        REQUIRE(of<AlterColumn>(result).size() == 1);
        CHECK(of<AlterColumn>(result)[0].from.identity->sequence_name == "jobs_id_seq");
        CHECK_FALSE(of<AlterColumn>(result)[0].to.identity->sequence_name);
    }
    SECTION("renamed back to the name the sequence has: nothing more") {
        Model named = model({table("public", "private_jobs").column(identity_column("id", "jobs_id_seq"))});
        Model want = with_renames(model({table("public", "jobs").column(identity_column("id"))}),
                                  {renamed(jobs, {table_id(private_jobs)})});
        CHECK(labels(run_diff(named, want)) == std::vector<std::string>{"rename_table public.jobs"});
    }
}

TEST_CASE("renames: two declarations claiming one old name are an error", "[diff][renames]") {
    Model have = model({table("public", "t").column("c", "text")});
    Model want = with_renames(
        model({table("public", "t").column("x", "text").column("y", "text")}),
        {renamed(column_id(t, "x"), {column_id(t, "c")}), renamed(column_id(t, "y"), {column_id(t, "c")})});
    CHECK_THROWS_WITH(run_diff(have, want), Catch::Contains("both declared renamed_from public.t.c"));
}

TEST_CASE("rename texts: the server's spelling after a rename", "[renames][texts]") {
    CHECK(server_spelling("email") == "email");
    CHECK(server_spelling("Email") == "\"Email\"");
    CHECK(server_spelling("order") == "\"order\"");
    CHECK(server_spelling("a\"b") == "\"a\"\"b\"");

    CHECK(rename_column_in_expression("(length(code) > 2)", "code", "ref") == "(length(ref) > 2)");
    // Literals, functions, qualified names and casts are not the column.
    CHECK(rename_column_in_expression("((code <> 'code'::text) AND (code() OR x.code OR (y)::code))", "code", "New") ==
          "((\"New\" <> 'code'::text) AND (code() OR x.code OR (y)::code))");
    CHECK(rename_column_in_expression("(\"Code\" = E'\\'code')", "Code", "c") == "(c = E'\\'code')");

    CHECK(rename_column_in_query(" SELECT t.id,\n    t.code\n   FROM public.t\n  WHERE (t.code <> ''::text)", t, "code",
                                 "ref") ==
          " SELECT t.id,\n    t.ref AS code\n   FROM public.t\n  WHERE (t.ref <> ''::text)");
    // PostgreSQL 16+ leaves single-relation columns bare.
    CHECK(rename_column_in_query(" SELECT id,\n    code\n   FROM public.t", t, "code", "ref") ==
          " SELECT id,\n    ref AS code\n   FROM public.t");
    CHECK(rename_column_in_query(" SELECT x.code AS c\n   FROM public.t x\n     JOIN public.u ON u.code = x.code", t,
                                 "code", "ref") ==
          " SELECT x.ref AS c\n   FROM public.t x\n     JOIN public.u ON u.code = x.ref");

    CHECK(rename_relation_in_query(" SELECT t.id\n   FROM public.t", t, qn("billing", "Accounts")) ==
          " SELECT \"Accounts\".id\n   FROM billing.\"Accounts\"");
    CHECK(rename_relation_in_query(" SELECT x.id\n   FROM public.t x", t, qn("public", "t2")) ==
          " SELECT x.id\n   FROM public.t2 x");
}

TEST_CASE("possible renames: a drop and a create of the same shape are a hint, never a rename", "[diff][renames]") {
    SECTION("a column of the same type") {
        Model have = model({table("public", "t").column("id", "integer").column("email", "text")});
        Model want = model({table("public", "t").column("id", "integer").column("mail", "text")});
        auto result = run_diff(have, want);
        CHECK(labels(result) == std::vector<std::string>{"add_column public.t.mail", "drop_column public.t.email"});
        REQUIRE(result.possible_renames.size() == 1);
        CHECK(result.possible_renames[0].from == column_id(t, "email"));
        CHECK(result.possible_renames[0].to == column_id(t, "mail"));
        auto plan = make_plan(result, PlanOptions{});
        CHECK(plan.possible_renames == result.possible_renames);
        CHECK(step(plan, "drop_column public.t.email").refused);
    }
    SECTION("another type, or two candidates: no hint") {
        Model have = model({table("public", "t").column("a", "text").column("b", "text").column("n", "integer")});
        Model want = model({table("public", "t").column("c", "text").column("d", "text").column("m", "bigint")});
        CHECK(run_diff(have, want).possible_renames.empty());
    }
    SECTION("a table not in the manifests and a new one with the same columns") {
        Model have = model({table("public", "a").column("id", "integer").column("x", "text")});
        Model want = model({table("public", "b").column("id", "integer").column("x", "text")});
        auto result = run_diff(have, want);
        REQUIRE(result.possible_renames.size() == 1);
        CHECK(result.possible_renames[0].from == table_id(qn("public", "a")));
        CHECK(result.possible_renames[0].to == table_id(qn("public", "b")));
    }
}

TEST_CASE("renames: an enum and its values", "[diff][renames]") {
    const QualifiedName status = qn("public", "status"), state = qn("public", "state");
    Model have =
        model({table("public", "t").column("s", "public.status")}, {enum_type("public", "status", {"new", "payed"})});
    Model want = with_renames(
        model({table("public", "t").column("s", "public.state")},
              {enum_type("public", "state", {"new", "paid", "sent"})}),
        {renamed(enum_id(state), {enum_id(status)}),
         renamed(member_id(ObjectKind::enum_type, state, "paid"), {member_id(ObjectKind::enum_type, state, "payed")})});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"add_enum_value public.state", "rename_enum public.state",
                                                     "rename_enum_value public.state"});
    auto plan = make_plan(result, PlanOptions{});
    CHECK(position(plan, "rename_enum public.state") < position(plan, "rename_enum_value public.state"));
    CHECK(position(plan, "rename_enum_value public.state") < position(plan, "add_enum_value public.state"));
    CHECK(of<AddEnumValue>(result).at(0).value == "sent");

    Model applied = model({table("public", "t").column("s", "public.state")},
                          {enum_type("public", "state", {"new", "paid", "sent"})});
    CHECK(run_diff(applied, want).changes.empty());
}

TEST_CASE("enums: a removed or reordered value re-creates the type and converts its columns", "[diff][renames][enum]") {
    Column tags = col("tags", "public.status[]");
    Model have = model(
        {table("public", "t").column(with_default(col("s", "public.status"), "'new'::public.status")).column(tags)},
        {enum_type("public", "status", {"new", "stale", "paid"})});
    Model want = model(
        {table("public", "t").column(with_default(col("s", "public.status"), "'new'::public.status")).column(tags)},
        {enum_type("public", "status", {"paid", "new"})});
    auto result = run_diff(have, want);
    REQUIRE(labels(result) == std::vector<std::string>{"rebuild_enum public.status"});
    const auto rebuild = of<RebuildEnum>(result).at(0);
    REQUIRE(rebuild.columns.size() == 2);
    CHECK(rebuild.columns[0].column == "s");
    CHECK(rebuild.columns[0].default_expr == "'new'::public.status");
    CHECK(rebuild.columns[1].array);

    SECTION("a check naming the type is not converted yet: refused, naming it") {
        Model with_check = have;
        with_check.tables[0].constraints.push_back(
            Constraint{.name = "s_check", .expression = "(s <> 'stale'::public.status)"});
        CHECK_THROWS_WITH(run_diff(with_check, want), Catch::Contains("check public.t.s_check"));
    }
}

namespace {

Sequence plain_sequence(QualifiedName name, std::optional<SequenceOwner> owner = std::nullopt) {
    Sequence s;
    s.name = std::move(name);
    s.options = with_sequence_defaults({});
    s.owned_by = std::move(owner);
    return s;
}

// Table t whose id draws from `sequence` (owned by t.id), and a grant on
// the sequence.
Model drawing_from(const QualifiedName& sequence, std::vector<std::string> schemas = {"public"}) {
    Model m = model({table("public", "t").column("id", "bigint", true)}, {}, std::move(schemas));
    m.tables[0].columns[0].default_expr =
        "nextval('" + server_spelling(sequence.schema) + "." + server_spelling(sequence.name) + "'::regclass)";
    m.sequences.push_back(plain_sequence(sequence, SequenceOwner{t, "id"}));
    m.grants.push_back(Grant{object_id(ObjectKind::sequence, sequence), "writer", "USAGE", false});
    m.normalize();
    return m;
}

}  // namespace

TEST_CASE("renames: a sequence, and the default that draws from it, follow", "[diff][renames][plan]") {
    const QualifiedName old_name = qn("public", "t_ids"), new_name = qn("public", "T ids");
    Model have = drawing_from(old_name);
    Model want =
        with_renames(drawing_from(new_name),
                     {renamed(object_id(ObjectKind::sequence, new_name), {object_id(ObjectKind::sequence, old_name)})});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"rename_sequence public.T ids"});
    auto plan = make_plan(result, PlanOptions{});
    CHECK(step(plan, "rename_sequence public.T ids").hazards == hazards({Hazard::acquires_access_exclusive_lock}));

    SECTION("after apply the declaration plans nothing") {
        CHECK(run_diff(drawing_from(new_name), want).changes.empty());
    }
    SECTION("neither name: a create") {
        CHECK(labels(run_diff(model({table("public", "t").column("id", "bigint", true)}), want)) ==
              std::vector<std::string>{"alter_column public.t.id", "create_sequence public.T ids",
                                       "set_sequence_owner public.T ids"});
    }
    SECTION("both names: an error naming both") {
        Model both = have;
        both.sequences.push_back(plain_sequence(new_name));
        both.normalize();
        CHECK_THROWS_WITH(run_diff(both, want), Catch::Contains("public.T ids") && Catch::Contains("public.t_ids") &&
                                                    Catch::Contains("both exist"));
    }
    SECTION("an owned sequence cannot leave its table's schema") {
        Model moved = with_renames(drawing_from(new_name, {"public", "app"}),
                                   {renamed(object_id(ObjectKind::sequence, new_name),
                                            {object_id(ObjectKind::sequence, qn("app", "t_ids"))})});
        Model owned = drawing_from(old_name, {"public", "app"});
        owned.sequences[0].name = qn("app", "t_ids");
        owned.normalize();
        CHECK_THROWS_WITH(run_diff(owned, moved), Catch::Contains("owned by public.t.id"));
    }
    SECTION("a serial column's sequence is refused, not re-created") {
        Model serial = model({table("public", "t").column("id", "integer", true)});
        serial.tables[0].columns[0].serial = Serial::serial;
        Model from_serial = with_renames(drawing_from(new_name),
                                         {renamed(object_id(ObjectKind::sequence, new_name),
                                                  {object_id(ObjectKind::sequence, qn("public", "t_id_seq"))})});
        CHECK_THROWS_WITH(run_diff(serial, from_serial), Catch::Contains("serial column public.t.id"));
    }
}

TEST_CASE("renames: a view another view reads, and a materialized view in another schema", "[diff][renames][plan]") {
    auto view_of = [](QualifiedName name, std::string definition, std::vector<ObjectId> uses, bool materialized) {
        View v;
        v.name = std::move(name);
        v.materialized = materialized;
        v.definition = std::move(definition);
        v.columns = {{"id", "bigint"}};
        v.uses = std::move(uses);
        return v;
    };
    auto models = [&](QualifiedName name, QualifiedName totals) {
        Model m = model({table("public", "users").column("id", "bigint")}, {}, {"public", "reports"});
        const auto users_id = column_id(qn("public", "users"), "id");
        m.views.push_back(view_of(name, " SELECT users.id\n   FROM public.users", {users_id}, false));
        // Read through its implicit alias, as the server prints it.
        m.views.push_back(view_of(qn("public", "reader"),
                                  " SELECT " + server_spelling(name.name) + ".id\n   FROM " +
                                      server_spelling(name.schema) + "." + server_spelling(name.name),
                                  {column_id(name, "id")}, false));
        m.views.push_back(view_of(totals, " SELECT users.id\n   FROM public.users", {users_id}, true));
        m.grants.push_back(Grant{object_id(ObjectKind::view, name), "reader", "SELECT", false});
        m.normalize();
        return m;
    };
    const QualifiedName old_view = qn("public", "active"), new_view = qn("public", "Active users");
    const QualifiedName old_totals = qn("public", "totals"), new_totals = qn("reports", "totals");
    Model have = models(old_view, old_totals);
    Model want = with_renames(models(new_view, new_totals),
                              {renamed(object_id(ObjectKind::view, new_view), {object_id(ObjectKind::view, old_view)}),
                               renamed(object_id(ObjectKind::materialized_view, new_totals),
                                       {object_id(ObjectKind::materialized_view, old_totals)})});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"rename_view public.Active users", "rename_view reports.totals"});
    CHECK(of<RenameView>(result).at(1).materialized);
    CHECK(run_diff(models(new_view, new_totals), want).changes.empty());

    SECTION("a view created to read the renamed one comes after the rename") {
        Model more = want;
        more.views.push_back(view_of(qn("public", "more"),
                                     " SELECT \"Active users\".id\n   FROM public.\"Active users\"",
                                     {column_id(new_view, "id")}, false));
        more.normalize();
        auto plan = make_plan(run_diff(have, more), PlanOptions{});
        CHECK(position(plan, "rename_view public.Active users") < position(plan, "create_view public.more"));
    }
    SECTION("both names: an error") {
        Model both = have;
        both.views.push_back(view_of(new_view, " SELECT 1 AS id", {}, false));
        both.normalize();
        CHECK_THROWS_WITH(run_diff(both, want), Catch::Contains("both exist") && Catch::Contains("public.active"));
    }
}

TEST_CASE("rename texts: a regclass constant names the renamed relation", "[renames][texts]") {
    CHECK(rename_regclass_in_expression("nextval('public.s'::regclass)", qn("public", "s"), qn("app", "Ids")) ==
          "nextval('app.\"Ids\"'::regclass)");
    CHECK(rename_regclass_in_expression("nextval('public.\"it''s\"'::regclass)", qn("public", "it's"),
                                        qn("public", "s")) == "nextval('public.s'::regclass)");
    // The same text as a plain string, or another relation's name, stays.
    CHECK(rename_regclass_in_expression("('public.s'::text || 'public.st'::regclass::text)", qn("public", "s"),
                                        qn("public", "x")) == "('public.s'::text || 'public.st'::regclass::text)");
}

TEST_CASE("renames: a function, and the defaults, checks, views and triggers calling it", "[diff][renames][plan]") {
    auto function_named = [](const QualifiedName& name, std::vector<Argument> arguments, std::string returns) {
        Function f;
        f.name = name;
        f.arguments = std::move(arguments);
        f.returns = std::move(returns);
        f.language = "sql";
        f.body = "SELECT true";
        return f;
    };
    auto models = [&](const QualifiedName& check, const QualifiedName& touch) {
        Model m = model({table("public", "t")
                             .column("code", "text")
                             .check("t_code_check", "(" + check.schema + "." + check.name + "(code))")});
        m.tables[0].columns[0].default_expr = check.schema + "." + check.name + "('x'::text)::text";
        Trigger trigger;
        trigger.name = "t_touch";
        trigger.function = touch;
        m.tables[0].triggers.push_back(trigger);
        m.functions.push_back(
            function_named(check, {Argument{ArgumentMode::in, "c", "text", std::nullopt}}, "boolean"));
        m.functions.push_back(function_named(touch, {}, "trigger"));
        View v;
        v.name = qn("public", "v");
        v.definition = " SELECT " + check.schema + "." + check.name + "(t.code) AS ok\n   FROM public.t";
        v.columns = {{"ok", "boolean"}};
        v.uses = {routine_id(ObjectKind::function, check, {"text"})};
        m.views.push_back(v);
        m.grants.push_back(Grant{routine_id(ObjectKind::function, check, {"text"}), "reader", "EXECUTE", false});
        m.normalize();
        return m;
    };
    const QualifiedName old_check = qn("public", "is_code"), new_check = qn("app", "valid_code");
    const QualifiedName old_touch = qn("public", "touch"), new_touch = qn("public", "touch_t");
    Model have = models(old_check, old_touch);
    Model want = with_renames(
        models(new_check, new_touch),
        {renamed(routine_id(ObjectKind::function, new_check, {"text"}),
                 {routine_id(ObjectKind::function, old_check, {"text"})}),
         renamed(routine_id(ObjectKind::function, new_touch, {}), {routine_id(ObjectKind::function, old_touch, {})})});
    auto result = run_diff(have, want);
    CHECK(labels(result) ==
          std::vector<std::string>{"rename_function app.valid_code(text)", "rename_function public.touch_t()"});
    CHECK(run_diff(models(new_check, new_touch), want).changes.empty());
    auto plan = make_plan(result, PlanOptions{});
    CHECK(step(plan, "rename_function app.valid_code(text)").hazards.empty());

    SECTION("another overload of the old name is not the renamed function: a create") {
        Model overload = have;
        for (auto& f : overload.functions) {
            if (f.name == old_check) f.arguments[0].type = "integer";
        }
        overload.normalize();
        auto all = labels(run_diff(overload, want));
        CHECK(std::count(all.begin(), all.end(), "create_function app.valid_code(text)") == 1);
        CHECK(std::count(all.begin(), all.end(), "rename_function app.valid_code(text)") == 0);
    }
    SECTION("both names: an error naming both") {
        Model both = have;
        both.functions.push_back(function_named(new_touch, {}, "trigger"));
        both.normalize();
        CHECK_THROWS_WITH(run_diff(both, want), Catch::Contains("public.touch_t()") &&
                                                    Catch::Contains("public.touch()") && Catch::Contains("both exist"));
    }
}
