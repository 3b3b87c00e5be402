#include "catalog/model/aggregate.hpp"

#include <algorithm>

namespace reconcile::catalog {

std::vector<std::string> Aggregate::identity_types() const {
    std::vector<std::string> out;
    out.reserve(arguments.size());
    for (const auto& argument : arguments) out.push_back(argument.type);
    return out;
}

std::vector<Argument> Aggregate::direct() const {
    const auto count = std::min(arguments.size(), static_cast<std::size_t>(std::max(direct_arguments, 0)));
    return {arguments.begin(), arguments.begin() + static_cast<std::ptrdiff_t>(count)};
}

std::vector<Argument> Aggregate::aggregated() const {
    const auto count = static_cast<std::size_t>(std::max(direct_arguments, 0));
    if (count >= arguments.size()) {
        // The variadic argument stands for the aggregated list too.
        if (arguments.empty()) return {};
        return {arguments.back()};
    }
    return {arguments.begin() + static_cast<std::ptrdiff_t>(count), arguments.end()};
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
