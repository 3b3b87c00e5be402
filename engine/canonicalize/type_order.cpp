#include "engine/canonicalize/type_order.hpp"

#include <map>
#include <set>

#include "catalog/model/identifier.hpp"

namespace reconcile::engine::canonicalize_detail {

namespace {

class TypeOrder {
public:
    explicit TypeOrder(const catalog::Model& want) {
        for (const auto& domain : want.domains) add(domain.name, &domain, {domain.base_type});
        for (const auto& type : want.range_types) add(type.name, &type, {type.subtype});
        for (const auto& type : want.composite_types) {
            std::vector<std::string> uses;
            for (const auto& attribute : type.attributes) uses.push_back(attribute.type);
            add(type.name, &type, std::move(uses));
        }
    }

    std::vector<DeclaredType> ordered() {
        for (const auto& name : declared_order_) visit(name);
        return std::move(out_);
    }

private:
    struct Node {
        DeclaredType type;
        std::vector<std::string> uses;  // type texts, array bounds and all
    };

    void add(const catalog::QualifiedName& name, DeclaredType type, std::vector<std::string> uses) {
        declared_order_.push_back(name);
        nodes_.emplace(name, Node{type, std::move(uses)});
    }

    // Depth first: what a type stands on comes out before it. A cycle
    // (which the server would refuse anyway) is cut where it closes.
    void visit(const catalog::QualifiedName& name) {
        auto found = nodes_.find(name);
        if (found == nodes_.end() || !entered_.insert(name).second) return;
        for (const auto& text : found->second.uses) {
            if (auto used = catalog::named_type(text)) visit(*used);
        }
        out_.push_back(found->second.type);
    }

    std::vector<catalog::QualifiedName> declared_order_;
    std::map<catalog::QualifiedName, Node> nodes_;
    std::set<catalog::QualifiedName> entered_;
    std::vector<DeclaredType> out_;
};

}  // namespace

std::vector<DeclaredType> declared_types_in_order(const catalog::Model& want) {
    return TypeOrder(want).ordered();
}

}  // namespace reconcile::engine::canonicalize_detail
