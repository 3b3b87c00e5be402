#include "engine/canonicalize/aggregates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/model/type_text.hpp"
#include "engine/canonicalize/canonicalizer.hpp"
#include "engine/canonicalize/scratch_session.hpp"

namespace reconcile::engine {

namespace {

using catalog::Aggregate;
using catalog::Model;
using catalog::ObjectId;

bool already_canonical(const Aggregate& want, const Model& live) {
    const Aggregate* have = live.find_aggregate(want.id());
    if (!have) return false;
    Aggregate a = *have, b = want;
    a.comment.reset();
    b.comment.reset();
    return a == b;
}

// Every type text of the aggregate, to read or to replace.
std::vector<std::string*> types_of(Aggregate& aggregate) {
    std::vector<std::string*> out;
    for (auto& argument : aggregate.arguments) out.push_back(&argument.type);
    out.push_back(&aggregate.state_type);
    if (aggregate.moving) out.push_back(&aggregate.moving->state_type);
    return out;
}

}  // namespace

std::vector<Aggregate> scratch_aggregates_called(const Model& want, const std::vector<std::string>& texts,
                                                 const ScratchNames& names, const ScratchReferences& references) {
    std::set<catalog::QualifiedName> declared;
    for (const auto& function : want.functions) declared.insert(function.name);
    auto scratch_function = [&](catalog::QualifiedName& name) {
        if (declared.count(name)) name.schema = names.scratch_of(name.schema);
    };
    std::vector<Aggregate> out;
    for (const auto& aggregate : want.aggregates) {
        const std::string call = aggregate.name.name + "(";
        bool called = std::any_of(texts.begin(), texts.end(),
                                  [&](const std::string& text) { return text.find(call) != std::string::npos; });
        if (!called) continue;
        Aggregate copy = aggregate;
        copy.comment.reset();
        copy.name.schema = names.scratch_of(aggregate.name.schema);
        for (auto* type : types_of(copy)) *type = references.rewrite(*type);
        scratch_function(copy.state_function);
        if (copy.final) scratch_function(copy.final->function);
        for (auto* function : {&copy.combine_function, &copy.serial_function, &copy.deserial_function}) {
            if (*function) scratch_function(**function);
        }
        if (copy.moving) {
            scratch_function(copy.moving->state_function);
            scratch_function(copy.moving->inverse_function);
            if (copy.moving->final) scratch_function(copy.moving->final->function);
        }
        out.push_back(std::move(copy));
    }
    return out;
}

void canonicalize_aggregates(Model& want, const Model& live, catalog::Connection& conn) {
    std::vector<std::string> texts;
    for (auto& aggregate : want.aggregates) {
        if (already_canonical(aggregate, live)) continue;
        for (auto* type : types_of(aggregate)) {
            // Only what reads as a type name goes to the server: before
            // PostgreSQL 16, to_regtype raises on a syntax error.
            if (catalog::parse_type_text(*type)) texts.push_back(*type);
        }
    }
    if (texts.empty()) return;
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());

    std::string array = "{";
    for (std::size_t i = 0; i < texts.size(); ++i) {
        array += (i ? "," : "") + std::string("\"");
        for (char c : texts[i]) {
            if (c == '"' || c == '\\') array += '\\';
            array += c;
        }
        array += '"';
    }
    array += "}";
    std::map<std::string, std::string> spelled;
    {
        RollbackGuard transaction(conn);
        conn.execute("SET LOCAL search_path = ''");
        auto result = conn.query(
            "SELECT u.t, pg_catalog.format_type(pg_catalog.to_regtype(u.t), NULL) "
            "FROM pg_catalog.unnest($1::pg_catalog.text[]) u(t)",
            {array});
        for (auto row : result) {
            if (row[0] && row[1]) spelled.emplace(std::string(*row[0]), std::string(*row[1]));
        }
    }

    std::map<ObjectId, ObjectId> respelled;
    for (auto& aggregate : want.aggregates) {
        const ObjectId written = aggregate.id();
        for (auto* type : types_of(aggregate)) {
            if (auto found = spelled.find(*type); found != spelled.end()) *type = found->second;
        }
        if (aggregate.id() != written) respelled.emplace(written, aggregate.id());
    }
    if (!respelled.empty()) {
        auto follow = [&](ObjectId& id) {
            if (auto found = respelled.find(id); found != respelled.end()) id = found->second;
        };
        for (auto& grant : want.grants) follow(grant.object);
        for (auto& owner : want.owners) follow(owner.object);
        for (auto& held : want.owner_privileges) follow(held.object);
        for (auto& id : want.public_stated) follow(id);
    }
    want.normalize();
    for (std::size_t i = 1; i < want.aggregates.size(); ++i) {
        if (want.aggregates[i - 1].id() == want.aggregates[i].id()) {
            auto id = want.aggregates[i].id();
            throw CanonicalizeError(id, fmt::format("aggregate {} is declared twice (its argument types are the same "
                                                    "types spelled differently); declare each aggregate once",
                                                    catalog::display(id)));
        }
    }
}

}  // namespace reconcile::engine
