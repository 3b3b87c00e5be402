#include <catch2/catch.hpp>

#include "builders.hpp"

using namespace test;
using reconcile::catalog::Sequence;
using reconcile::catalog::SequenceOwner;

namespace {

Model with_sequences(Model m, std::vector<Sequence> sequences) {
    m.sequences = std::move(sequences);
    m.normalize();
    return m;
}

Sequence sequence(std::string name, std::optional<SequenceOwner> owner = std::nullopt) {
    Sequence s;
    s.name = qn("public", std::move(name));
    s.options = reconcile::catalog::with_sequence_defaults({});
    s.owned_by = std::move(owner);
    return s;
}

}  // namespace

TEST_CASE("sequences: created before the default that draws from them, owned after the table", "[plan][sequences]") {
    Table actor = table("public", "actor").column("actor_id", "integer", true);
    Model want =
        with_sequences(model({actor}), {sequence("zz_actor_seq", SequenceOwner{qn("public", "actor"), "actor_id"})});
    want.tables[0].columns[0].default_expr = "nextval('public.zz_actor_seq'::regclass)";
    auto plan = make_plan(run_diff(model({}), want), PlanOptions{AllowDestructive::no});
    CHECK(labels(plan) == std::vector<std::string>{
                              "create_sequence public.zz_actor_seq",
                              "create_table public.actor",
                              "set_sequence_owner public.zz_actor_seq",
                          });
}

TEST_CASE("sequences: only options and owner are compared; an owned one goes with its table", "[plan][sequences]") {
    auto have_seq = sequence("s");
    auto want_seq = sequence("s");
    CHECK(run_diff(with_sequences(model({}), {have_seq}), with_sequences(model({}), {want_seq})).changes.empty());
    want_seq.options.increment = 2;
    CHECK(labels(run_diff(with_sequences(model({}), {have_seq}), with_sequences(model({}), {want_seq}))) ==
          std::vector<std::string>{"alter_sequence public.s"});

    Model have = with_sequences(model({table("public", "t").column("id", "integer")}),
                                {sequence("t_seq", SequenceOwner{qn("public", "t"), "id"}), sequence("loose")});
    auto pruned = run_diff(have, model({}), Prune::yes);
    CHECK(labels(pruned) == std::vector<std::string>{"drop_sequence public.loose", "drop_table public.t"});
}
