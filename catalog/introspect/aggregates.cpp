// Aggregates (normal, ordered-set and hypothetical-set), one row each with
// their pg_aggregate row. The columns read here are the same from
// PostgreSQL 11 (FINALFUNC_MODIFY) through 18, so the query has no version
// branch.
#include "catalog/introspect/readers.hpp"

namespace reconcile::catalog::introspect_detail {

namespace {

// {schema, name} of the function (or operator) whose oid is in `column`;
// NULL when the column is 0 (no such function).
std::string named(std::string_view column, std::string_view alias) {
    const std::string c(column);
    return "(SELECT ARRAY[fn.nspname::pg_catalog.text, f.proname::pg_catalog.text] FROM pg_catalog.pg_proc f "
           "JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = " +
           c + ") AS " + std::string(alias);
}

ParallelSafety parallel_of(std::string_view code) {
    if (code == "s") return ParallelSafety::safe;
    if (code == "r") return ParallelSafety::restricted;
    return ParallelSafety::unsafe;
}

FinalModify modify_of(std::string_view code) {
    if (code == "s") return FinalModify::shareable;
    if (code == "w") return FinalModify::read_write;
    return FinalModify::read_only;
}

QualifiedName name_of(std::string_view array) {
    auto parts = parse_text_array(array);
    return {parts.at(0), parts.at(1)};
}

std::optional<QualifiedName> optional_name(const Row& row, std::size_t column) {
    if (!row[column]) return std::nullopt;
    return name_of(view(row, column));
}

}  // namespace

std::string aggregate_is_managed(std::string_view p) {
    return std::string(p) + ".prokind = 'a'";
}

std::string aggregates_sql(int) {
    return R"SQL(
SELECT n.nspname AS schema, p.proname AS name,
       ARRAY(SELECT pg_catalog.format_type(a.t, NULL)
             FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY a(t, i) ORDER BY a.i)
         AS argument_types,
       p.proargmodes::pg_catalog.text[] AS argument_modes, p.proargnames AS argument_names,
       ag.aggkind AS kind, ag.aggnumdirectargs AS direct_arguments,
       )SQL" +
           named("ag.aggtransfn", "state_function") +
           ",\n       pg_catalog.format_type(ag.aggtranstype, NULL) AS state_type, ag.aggtransspace AS state_space,\n  "
           "     " +
           named("ag.aggfinalfn", "final_function") +
           ", ag.aggfinalextra AS final_extra, ag.aggfinalmodify AS final_modify,\n       " +
           named("ag.aggcombinefn", "combine_function") + ",\n       " + named("ag.aggserialfn", "serial_function") +
           ",\n       " + named("ag.aggdeserialfn", "deserial_function") +
           ",\n       ag.agginitval AS initial_condition,\n       " + named("ag.aggmtransfn", "moving_function") +
           ",\n       " + named("ag.aggminvtransfn", "moving_inverse") +
           ",\n       CASE WHEN ag.aggmtranstype <> 0 THEN pg_catalog.format_type(ag.aggmtranstype, NULL) END "
           "AS moving_type,\n       ag.aggmtransspace AS moving_space,\n       " +
           named("ag.aggmfinalfn", "moving_final") +
           ", ag.aggmfinalextra AS moving_final_extra, ag.aggmfinalmodify AS moving_final_modify,\n"
           "       ag.aggminitval AS moving_initial_condition,\n"
           "       (SELECT ARRAY[opn.nspname::pg_catalog.text, o.oprname::pg_catalog.text] FROM pg_catalog.pg_operator "
           "o\n"
           "        JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = ag.aggsortop) AS "
           "sort_operator,\n"
           "       p.proparallel AS parallel, d.description AS comment\n" +
           R"SQL(FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_aggregate ag ON ag.aggfnoid = p.oid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::pg_catalog.text[]) AND )SQL" +
           not_extension_member("pg_proc", "p.oid") + "\n";
}

void build_aggregates(const ResultSet& result, ReadContext&, Model& model) {
    const auto schema = result.column("schema"), name = result.column("name"),
               argument_types = result.column("argument_types"), argument_modes = result.column("argument_modes"),
               argument_names = result.column("argument_names"), kind = result.column("kind"),
               direct_arguments = result.column("direct_arguments"), state_function = result.column("state_function"),
               state_type = result.column("state_type"), state_space = result.column("state_space"),
               final_function = result.column("final_function"), final_extra = result.column("final_extra"),
               final_modify = result.column("final_modify"), combine_function = result.column("combine_function"),
               serial_function = result.column("serial_function"),
               deserial_function = result.column("deserial_function"),
               initial_condition = result.column("initial_condition"),
               moving_function = result.column("moving_function"), moving_inverse = result.column("moving_inverse"),
               moving_type = result.column("moving_type"), moving_space = result.column("moving_space"),
               moving_final = result.column("moving_final"), moving_final_extra = result.column("moving_final_extra"),
               moving_final_modify = result.column("moving_final_modify"),
               moving_initial_condition = result.column("moving_initial_condition"),
               sort_operator = result.column("sort_operator"), parallel = result.column("parallel"),
               comment = result.column("comment");
    model.aggregates.reserve(result.size());
    for (auto row : result) {
        Aggregate aggregate;
        aggregate.name = {text(row, schema), text(row, name)};
        const auto types = parse_text_array(view(row, argument_types));
        const auto modes =
            row[argument_modes] ? parse_text_array(view(row, argument_modes)) : std::vector<std::string>{};
        const auto names =
            row[argument_names] ? parse_text_array(view(row, argument_names)) : std::vector<std::string>{};
        for (std::size_t i = 0; i < types.size(); ++i) {
            Argument argument;
            argument.type = types[i];
            if (i < modes.size() && modes[i] == "v") argument.mode = ArgumentMode::variadic;
            if (i < names.size()) argument.name = names[i];
            aggregate.arguments.push_back(std::move(argument));
        }
        if (auto code = view(row, kind); code == "o" || code == "h") {
            aggregate.kind = code == "h" ? AggregateKind::hypothetical : AggregateKind::ordered_set;
            aggregate.direct_arguments = static_cast<int>(integer(row, direct_arguments));
        }
        aggregate.state_function = name_of(view(row, state_function));
        aggregate.state_type = text(row, state_type);
        aggregate.state_space = static_cast<int>(integer(row, state_space));
        if (auto function = optional_name(row, final_function)) {
            aggregate.final = FinalStep{*function, boolean(row, final_extra), modify_of(view(row, final_modify))};
        }
        aggregate.combine_function = optional_name(row, combine_function);
        aggregate.serial_function = optional_name(row, serial_function);
        aggregate.deserial_function = optional_name(row, deserial_function);
        aggregate.initial_condition = optional_text(row, initial_condition);
        if (auto function = optional_name(row, moving_function)) {
            MovingMode moving;
            moving.state_function = *function;
            moving.inverse_function = name_of(view(row, moving_inverse));
            moving.state_type = text(row, moving_type);
            moving.state_space = static_cast<int>(integer(row, moving_space));
            if (auto final = optional_name(row, moving_final)) {
                moving.final =
                    FinalStep{*final, boolean(row, moving_final_extra), modify_of(view(row, moving_final_modify))};
            }
            moving.initial_condition = optional_text(row, moving_initial_condition);
            aggregate.moving = std::move(moving);
        }
        aggregate.sort_operator = optional_name(row, sort_operator);
        aggregate.parallel = parallel_of(view(row, parallel));
        aggregate.comment = optional_text(row, comment);
        model.aggregates.push_back(std::move(aggregate));
    }
}

}  // namespace reconcile::catalog::introspect_detail
