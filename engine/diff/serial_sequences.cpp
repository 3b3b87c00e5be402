#include "engine/diff/serial_sequences.hpp"

#include <algorithm>

namespace reconcile::engine {

namespace {

using catalog::Column;
using catalog::Model;
using catalog::QualifiedName;
using catalog::Sequence;
using catalog::Serial;

const Column* column_of(const Model& model, const QualifiedName& table, const std::string& column) {
    const auto* found = model.find_table(table);
    return found ? found->find_column(column) : nullptr;
}

// REQUIRES: the table has the column.
Column& column_in(Model& model, const QualifiedName& table, const std::string& column) {
    auto& columns = model.find_table(table)->columns;
    return *std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == column; });
}

}  // namespace

SerialsRespelled respell_serial_sequences(const Model& have, const Model& want) {
    SerialsRespelled out;
    auto copy = [&]() -> Model& {
        if (!out.respelled) out.respelled = have;
        return *out.respelled;
    };

    // Serial in the database, a sequence of its own in the manifests.
    for (const auto& table : have.tables) {
        for (const auto& column : table.columns) {
            if (column.serial == Serial::none) continue;
            const Column* wanted = column_of(want, table.name, column.name);
            const auto name = catalog::column_sequence_name(table.name, column);
            if (!wanted || wanted->serial != Serial::none || !want.find_sequence(name)) continue;
            Model& live = copy();
            Sequence sequence{name,
                              catalog::serial_sequence_options(column.serial),
                              catalog::SequenceOwner{table.name, column.name},
                              {}};
            column_in(live, table.name, column.name).serial = Serial::none;
            live.sequences.push_back(std::move(sequence));
        }
    }

    // A sequence of its own in the database, serial in the manifests.
    std::vector<QualifiedName> now_serial;
    for (const auto& sequence : have.sequences) {
        if (!sequence.owned_by || want.find_sequence(sequence.name)) continue;
        const auto& owner = *sequence.owned_by;
        const Column* wanted = column_of(want, owner.table, owner.column);
        if (!wanted || wanted->serial == Serial::none ||
            catalog::column_sequence_name(owner.table, *wanted) != sequence.name) {
            continue;
        }
        Model& live = copy();
        column_in(live, owner.table, owner.column).serial = wanted->serial;
        now_serial.push_back(sequence.name);
        auto options = catalog::serial_sequence_options(wanted->serial);
        if (sequence.options != options) out.changes.push_back(AlterSequence{sequence.name, sequence.options, options});
    }

    if (out.respelled) {
        auto& sequences = out.respelled->sequences;
        std::erase_if(sequences, [&](const Sequence& s) {
            return std::find(now_serial.begin(), now_serial.end(), s.name) != now_serial.end();
        });
        out.respelled->normalize();
    }
    return out;
}

}  // namespace reconcile::engine
