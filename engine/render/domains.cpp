#include "engine/render/detail.hpp"
#include "engine/render/sql_writer.hpp"

namespace reconcile::engine::render_detail {

namespace {

std::string check_clause(const DomainCheck& check) {
    return "CONSTRAINT " + sql::ident(check.name) + " CHECK (" + sql::expression(check.expression) + ")";
}

}  // namespace

Statements sql_of(const CreateDomain& change) {
    const Domain& d = change.domain;
    std::string out = "CREATE DOMAIN " + sql::qualified(d.name) + " AS " + d.base_type;
    out += collate_clause(d.collation);
    if (d.default_expr) out += " DEFAULT " + sql::expression(*d.default_expr);
    if (d.not_null) out += " NOT NULL";
    for (const auto& check : d.checks) out += " " + check_clause(check);
    return {out};
}

Statements sql_of(const DropDomain& change) {
    return {"DROP DOMAIN " + sql::qualified(change.domain.name)};
}

Statements sql_of(const AlterDomain& change) {
    const std::string target = "ALTER DOMAIN " + sql::qualified(change.to.name);
    Statements out;
    if (change.from.default_expr != change.to.default_expr) {
        out.push_back(change.to.default_expr ? target + " SET DEFAULT " + sql::expression(*change.to.default_expr)
                                             : target + " DROP DEFAULT");
    }
    if (change.from.not_null != change.to.not_null) {
        out.push_back(target + (change.to.not_null ? " SET NOT NULL" : " DROP NOT NULL"));
    }
    return out;
}

Statements sql_of(const AddDomainCheck& change) {
    return {"ALTER DOMAIN " + sql::qualified(change.domain) + " ADD " + check_clause(change.check)};
}

Statements sql_of(const DropDomainCheck& change) {
    return {"ALTER DOMAIN " + sql::qualified(change.domain) + " DROP CONSTRAINT " + sql::ident(change.check.name)};
}

std::string description_of(const CreateDomain& change) {
    return "create domain " + catalog::display(change.domain.name) + " as " + change.domain.base_type;
}
std::string description_of(const DropDomain& change) {
    return "drop domain " + catalog::display(change.domain.name);
}
std::string description_of(const AlterDomain& change) {
    std::vector<std::string> parts;
    if (change.from.default_expr != change.to.default_expr) {
        parts.push_back(change.to.default_expr ? "default " + *change.to.default_expr : "no default");
    }
    if (change.from.not_null != change.to.not_null) parts.push_back(change.to.not_null ? "not null" : "nullable");
    return "alter domain " + catalog::display(change.to.name) + ": " + join(parts, ", ");
}
std::string description_of(const AddDomainCheck& change) {
    return "add check " + change.check.name + " to domain " + catalog::display(change.domain);
}
std::string description_of(const DropDomainCheck& change) {
    return "drop check " + change.check.name + " of domain " + catalog::display(change.domain);
}

}  // namespace reconcile::engine::render_detail
