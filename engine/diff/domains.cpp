// Domains: created with their checks; default, NOT NULL and checks change in
// place. PostgreSQL cannot change a domain's base type or collation in
// place, and re-creating it would drop every column of that type.
#include <fmt/format.h>

#include "engine/diff/diff_internal.hpp"
#include "engine/plan/planner.hpp"

namespace reconcile::engine::diff_detail {

namespace {

ObjectId domain_ref(const QualifiedName& name) {
    return catalog::object_id(ObjectKind::domain, name);
}

void diff_checks(const Domain& have, const Domain& want, DiffResult& out) {
    merge_by_key(
        have.checks, want.checks, [](const DomainCheck& c) -> const std::string& { return c.name; },
        [&](const DomainCheck& h) {
            out.changes.push_back(DropDomainCheck{have.name, h});
        },
        [&](const DomainCheck& w) {
            out.changes.push_back(AddDomainCheck{want.name, w});
        },
        [&](const DomainCheck& h, const DomainCheck& w) {
            if (h.expression == w.expression) return;
            out.changes.push_back(DropDomainCheck{have.name, h});
            out.changes.push_back(AddDomainCheck{want.name, w});
        });
}

}  // namespace

void diff_domains(const catalog::Model& have, const catalog::Model& want, const DiffOptions& options, DiffResult& out) {
    merge_by_key(
        have.domains, want.domains, [](const Domain& d) -> const QualifiedName& { return d.name; },
        [&](const Domain& h) {
            if (options.prune == Prune::yes) {
                out.changes.push_back(DropDomain{h});
            } else {
                out.not_in_manifests.push_back(domain_ref(h.name));
            }
        },
        [&](const Domain& w) {
            out.changes.push_back(CreateDomain{without_comment(w)});
            comment_new(out, domain_ref(w.name), w.comment);
        },
        [&](const Domain& h, const Domain& w) {
            if (h.base_type != w.base_type || h.collation != w.collation) {
                throw PlanError(fmt::format(
                    "domain {}: changing its {} (from {} to {}) is not supported; PostgreSQL cannot change it in "
                    "place, and dropping the domain drops every column of its type. Create a new domain and move "
                    "the columns to it",
                    catalog::display(w.name), h.base_type != w.base_type ? "base type" : "collation",
                    h.base_type != w.base_type ? h.base_type : h.collation.value_or("the default"),
                    h.base_type != w.base_type ? w.base_type : w.collation.value_or("the default")));
            }
            if (h.default_expr != w.default_expr || h.not_null != w.not_null) {
                out.changes.push_back(AlterDomain{without_comment(h), without_comment(w)});
            }
            diff_checks(h, w, out);
            diff_comment(out, domain_ref(w.name), h.comment, w.comment);
        });
}

}  // namespace reconcile::engine::diff_detail
