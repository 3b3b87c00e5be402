#include "catalog/model/aggregate.hpp"

namespace reconcile::catalog {

std::vector<std::string> Aggregate::identity_types() const {
    std::vector<std::string> out;
    out.reserve(arguments.size());
    for (const auto& argument : arguments) out.push_back(argument.type);
    return out;
}

std::vector<QualifiedName> Aggregate::support_functions() const {
    std::vector<QualifiedName> out = {state_function};
    if (final) out.push_back(final->function);
    for (const auto* function : {&combine_function, &serial_function, &deserial_function}) {
        if (*function) out.push_back(**function);
    }
    if (moving) {
        out.push_back(moving->state_function);
        out.push_back(moving->inverse_function);
        if (moving->final) out.push_back(moving->final->function);
    }
    return out;
}

}  // namespace reconcile::catalog
