// plan and drift --format markdown, read back by a real renderer: cmark-gfm,
// the GitHub Flavored Markdown reference implementation (Debian package
// cmark-gfm, installed by scripts/install-deps.sh). Hostile names must not
// break the table, open HTML, or end a code span early.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/render/markdown_text.hpp"
#include "engine/render/render.hpp"
#include "engine/render/report.hpp"

using namespace reconcile::engine;
using namespace reconcile::catalog;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

// GitHub shows <details> and <summary>, so raw HTML is let through here
// (--unsafe) and the test checks that only reconcile's own tags get there.
std::string render_gfm(const std::string& markdown) {
    char path[] = "/tmp/reconcile-markdown-XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path, std::ios::binary) << markdown;
    std::string command = std::string("cmark-gfm --unsafe -e table ") + path + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string html;
    char buffer[4096];
    while (auto n = fread(buffer, 1, sizeof buffer, pipe)) html.append(buffer, n);
    int status = pclose(pipe);
    std::remove(path);
    INFO(html);
    REQUIRE(status == 0);  // cmark-gfm missing is a failure: scripts/install-deps.sh installs it
    return html;
}

Table table(std::string schema, std::string name) {
    Table t;
    t.name = {std::move(schema), std::move(name)};
    t.columns = {Column{.name = "id", .type = "bigint", .not_null = true}};
    return t;
}

Plan hostile_plan() {
    Plan plan;
    plan.steps.push_back(Step{CreateTable{table("public", "a|b")}, {Hazard::acquires_access_exclusive_lock}});
    plan.steps.push_back(Step{CreateTable{table("public", "<script>alert(1)</script>")}});
    plan.steps.push_back(Step{DropColumn{{"public", "x`y``z"}, Column{.name = "*bold* [link](http://e)", .type = "text"}},
                              {Hazard::deletes_data, Hazard::acquires_access_exclusive_lock},
                              Transactional::yes,
                              std::string("drops a column; pass --allow-destructive")});
    plan.steps.push_back(Step{SetComment{table_id({"public", "t"}), std::string("```\n</details>&amp;")}});
    plan.not_in_manifests = {table_id({"public", "old|one"})};
    plan.not_managed = {UnmanagedObject{"view", object_id(ObjectKind::view, {"public", "v</summary>"})}};
    render_plan(plan);
    return plan;
}

}  // namespace

TEST_CASE("markdown plan renders as one table row per step, SQL collapsed", "[render][markdown]") {
    auto plan = hostile_plan();
    StepSources sources = {{"schema/a|b.json", "/columns/0"}, {}, {}, {"schema/t.json", ""}};
    auto markdown = format_plan_markdown(plan, sources);
    auto html = render_gfm(markdown);
    INFO(markdown);
    INFO(html);

    CHECK(count(html, "<table>") == 1);
    CHECK(count(html, "<tr>") == plan.steps.size() + 1);  // header + one per step
    CHECK(count(html, "<td") == 5 * plan.steps.size());   // no pipe split a cell
    CHECK(count(html, "<details>") == plan.steps.size() + 1);
    CHECK(count(html, "</details>") == plan.steps.size() + 1);
    CHECK(count(html, "<code class=\"language-sql\">") == plan.steps.size());
    CHECK(count(html, "<script") == 0);
    CHECK(count(html, "<summary>") == plan.steps.size() + 1);

    CHECK(html.find("<code>public.a|b</code>") != std::string::npos);
    CHECK(html.find("<code>schema/a|b.json</code> <code>/columns/0</code>") != std::string::npos);
    CHECK(html.find("<code>public.x`y``z.*bold* [link](http://e)</code>") != std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<em>") == std::string::npos);
    CHECK(html.find("<a href") == std::string::npos);
    // The comment's own ``` and </details> stay inside its SQL block.
    CHECK(html.find("IS '```\n&lt;/details&gt;&amp;amp;';\n</code></pre>") != std::string::npos);

    CHECK(html.find("<strong>4 changes</strong>") != std::string::npos);
    CHECK(html.find("1 × <code>DELETES_DATA</code>") != std::string::npos);
    CHECK(html.find("<strong>destructive</strong> (1 step deleting data)") != std::string::npos);
    CHECK(html.find("<strong>1 refused</strong>") != std::string::npos);
    CHECK(html.find("<code>public.old|one</code>") != std::string::npos);
    CHECK(html.find("<code>public.v&lt;/summary&gt;</code>") != std::string::npos);
}

TEST_CASE("markdown plan without changes and drift reports", "[render][markdown]") {
    Plan empty;
    CHECK(format_plan_markdown(empty) == "### reconcile plan\n\n**No changes.**\n");
    CHECK(format_drift_markdown(empty) == "### reconcile drift\n\n**No drift.**\n");

    auto plan = hostile_plan();
    auto html = render_gfm(format_drift_markdown(plan));
    CHECK(html.find("<strong>5 differences</strong>") != std::string::npos);
    CHECK(count(html, "<tr>") == plan.steps.size() + 1);
    CHECK(count(html, "<td") == 4 * plan.steps.size());
    CHECK(count(html, "<script") == 0);
}

TEST_CASE("markdown escaping per context", "[render][markdown]") {
    using markdown::Where;
    CHECK(markdown::code("a`b", Where::elsewhere) == "``a`b``");
    CHECK(markdown::code("`x", Where::elsewhere) == "`` `x ``");
    CHECK(markdown::code("a|b", Where::table_cell) == "`a\\|b`");
    CHECK(markdown::code("a|b", Where::elsewhere) == "`a|b`");
    CHECK(markdown::text("*a* <b>") == "\\*a\\* \\<b\\>");
    CHECK(markdown::text("line\nbreak") == "line\\\\nbreak");
    CHECK(markdown::html("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;");
    CHECK(markdown::code_block("SELECT '```'", "sql") == "````sql\nSELECT '```'\n````\n");
}
