#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;

namespace {

DiffResult diff_column(Column have, Column want) {
    return run_diff(model({table("public", "t").column(col("id", "integer")).column(std::move(have))}),
                    model({table("public", "t").column(col("id", "integer")).column(std::move(want))}));
}

std::vector<ColumnAttribute> altered(const DiffResult& result) {
    std::vector<ColumnAttribute> out;
    for (const auto& alter : of<AlterColumn>(result)) out.push_back(alter.what);
    return out;
}

}  // namespace

TEST_CASE("columns: add and drop", "[diff][column]") {
    Column phone = col("phone", "text");
    phone.comment = "mobile";
    Model have = model({table("public", "t").column("id", "integer").column("fax", "text")});
    Model want = model({table("public", "t").column("id", "integer").column(phone)});
    auto result = run_diff(have, want);
    CHECK(labels(result) == std::vector<std::string>{"add_column public.t.phone", "drop_column public.t.fax",
                                                     "set_comment public.t.phone"});
    CHECK_FALSE(of<AddColumn>(result).at(0).column.comment);
    CHECK(of<SetComment>(result).at(0).target == column_id(qn("public", "t"), "phone"));
}

TEST_CASE("columns: one AlterColumn per differing attribute", "[diff][column]") {
    Column base = col("c", "integer");
    SECTION("type") {
        Column to = base;
        to.type = "bigint";
        CHECK(altered(diff_column(base, to)) == std::vector{ColumnAttribute::type});
    }
    SECTION("type and collation together are one type change") {
        Column to = base;
        to.type = "text";
        to.collation = "pg_catalog.\"C\"";
        CHECK(altered(diff_column(base, to)) == std::vector{ColumnAttribute::type});
    }
    SECTION("collation alone") {
        Column from = col("c", "text"), to = col("c", "text");
        to.collation = "pg_catalog.\"C\"";
        CHECK(altered(diff_column(from, to)) == std::vector{ColumnAttribute::collation});
    }
    SECTION("not null") {
        Column to = base;
        to.not_null = true;
        auto result = diff_column(base, to);
        CHECK(altered(result) == std::vector{ColumnAttribute::not_null});
        CHECK(of<AlterColumn>(result).at(0).from.not_null == false);
        CHECK(of<AlterColumn>(result).at(0).to.not_null == true);
    }
    SECTION("default set, changed and dropped") {
        CHECK(altered(diff_column(base, with_default(base, "0"))) == std::vector{ColumnAttribute::default_value});
        CHECK(altered(diff_column(with_default(base, "1"), with_default(base, "0"))) ==
              std::vector{ColumnAttribute::default_value});
        CHECK(altered(diff_column(with_default(base, "1"), base)) == std::vector{ColumnAttribute::default_value});
    }
    SECTION("identity added, removed, options changed") {
        Column identity = base;
        identity.not_null = true;
        identity.identity = Identity{IdentityKind::always, {}};
        Column plain = base;
        plain.not_null = true;
        CHECK(altered(diff_column(plain, identity)) == std::vector{ColumnAttribute::identity});
        CHECK(altered(diff_column(identity, plain)) == std::vector{ColumnAttribute::identity});
        Column bigger = identity;
        bigger.identity->sequence.cache = 20;
        CHECK(altered(diff_column(identity, bigger)) == std::vector{ColumnAttribute::identity});
        // The sequence's name is the column's: graphile-worker's jobs_id_seq
        // behind a renamed table.
        Column named = identity;
        named.identity->sequence_name = "jobs_id_seq";
        CHECK(altered(diff_column(identity, named)) == std::vector{ColumnAttribute::identity});
        CHECK(altered(diff_column(named, identity)) == std::vector{ColumnAttribute::identity});
    }
    SECTION("several attributes at once") {
        Column to = with_default(base, "0");
        to.type = "bigint";
        to.not_null = true;
        CHECK(altered(diff_column(base, to)) ==
              std::vector{ColumnAttribute::type, ColumnAttribute::not_null, ColumnAttribute::default_value});
    }
    SECTION("comment only") {
        Column to = base;
        to.comment = "hello";
        auto result = diff_column(base, to);
        CHECK(of<AlterColumn>(result).empty());
        REQUIRE(of<SetComment>(result).size() == 1);
        CHECK(of<SetComment>(result)[0].comment == "hello");
    }
    SECTION("using_expr alone is not a difference") {
        Column to = base;
        to.using_expr = "c::integer";
        CHECK(diff_column(base, to).changes.empty());
    }
}

TEST_CASE("columns: serial is a spelling of integer + nextval default", "[diff][column][serial]") {
    Column serial = with_default(col("n", "integer", true), "nextval('public.t_id_seq'::regclass)");
    serial.serial = Serial::serial;
    Column spelled = serial;
    spelled.serial = Serial::none;
    SECTION("only the flag differs: nothing to do") {
        CHECK(diff_column(serial, spelled).changes.empty());
    }
    SECTION("manifest serial without canonical default against a live serial: nothing") {
        Column want = serial;
        want.default_expr.reset();
        CHECK(diff_column(serial, want).changes.empty());
    }
    SECTION("serial to plain integer without default drops the default (the sequence stays)") {
        Column plain = col("n", "integer", true);
        auto result = diff_column(serial, plain);
        REQUIRE(altered(result) == std::vector{ColumnAttribute::default_value});
        CHECK_FALSE(of<AlterColumn>(result)[0].to.default_expr);
    }
    SECTION("plain integer to serial needs a default") {
        Column plain = col("n", "integer", true);
        Column want = serial;
        want.default_expr.reset();
        CHECK(altered(diff_column(plain, want)) == std::vector{ColumnAttribute::default_value});
    }
}

TEST_CASE("columns: a changed generation expression drops and re-adds the column with its keys",
          "[diff][column][generated]") {
    Column total = col("total", "numeric");
    total.generated = "(price * 2)";
    Column changed = total;
    changed.generated = "(price * 3)";
    changed.comment = "doubled";
    auto build = [](Column c) {
        return model({table("public", "t")
                          .column("price", "numeric")
                          .column(std::move(c))
                          .check("t_total_check", "(total > (0)::numeric)")
                          .check("t_price_check", "(price > (0)::numeric)")
                          .index("t_total_idx", {"total"})
                          .index("t_price_idx", {"price"})});
    };
    auto result = run_diff(build(total), build(changed));
    CHECK(labels(result) == std::vector<std::string>{
                                "add_column public.t.total",
                                "add_constraint public.t.t_total_check",
                                "create_index public.t.t_total_idx",
                                "drop_column public.t.total",
                                "drop_constraint public.t.t_total_check",
                                "drop_index public.t.t_total_idx",
                                "set_comment public.t.total",
                            });
    CHECK(of<AddColumn>(result).at(0).column.generated == "(price * 3)");
}
