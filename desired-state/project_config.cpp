#include "desired-state/project_config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state {

namespace {

using detail::Json;
using detail::ObjectReader;
using detail::Problems;

bool service_name(const std::string& text) {
    if (text.empty()) return false;
    for (char c : text) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  c == '.';
        if (!ok) return false;
    }
    return true;
}

bool variable_reference(const std::string& text) {
    if (text.size() < 2 || text[0] != '$') return false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        char c = text[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 1 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

Environment read_environment(const std::string& name, const Json& value, const std::string& pointer,
                             Problems& problems) {
    Environment environment{.name = name};
    ObjectReader reader(value, pointer, problems,
                        {"database", "prune", "allow_destructive", "lock_timeout", "statement_timeout", "pooler"});
    if (!reader.valid()) return environment;
    if (auto database = reader.string("database", detail::Need::required)) {
        // A literal connection string is refused, not only one with a
        // password: whether "host=db user=app" is safe today says nothing
        // about the edit that adds password= tomorrow.
        if (variable_reference(*database) || service_name(*database)) {
            environment.database = *database;
        } else {
            problems.error(reader.pointer("database"),
                           "must be a libpq service name (pg_service.conf) or \"$VARIABLE\" naming an environment "
                           "variable that holds the connection string; a connection string written here could "
                           "carry a password into the repository");
        }
    }
    environment.prune = reader.boolean("prune");
    environment.allow_destructive = reader.boolean("allow_destructive");
    environment.lock_timeout = reader.string("lock_timeout");
    environment.statement_timeout = reader.string("statement_timeout");
    environment.pooler = reader.string("pooler");
    if (environment.pooler && *environment.pooler != "session" && *environment.pooler != "transaction") {
        problems.error(reader.pointer("pooler"), "must be \"session\" or \"transaction\" (as apply --pooler)");
        environment.pooler.reset();
    }
    return environment;
}

}  // namespace

ProjectConfig load_project_config(const std::filesystem::path& file) {
    std::vector<Diagnostic> diagnostics;
    Problems problems(file.generic_string(), diagnostics);
    ProjectConfig config;
    config.file = file;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ManifestError({{{file.generic_string(), ""}, "cannot read the project file", ""}});
    std::stringstream text;
    text << in.rdbuf();
    auto document = detail::parse_json(text.str(), problems);
    if (document) {
        ObjectReader reader(*document, "", problems, {"$schema", "manifests", "environments"});
        if (auto manifests = reader.string("manifests")) {
            config.manifests = file.parent_path() / *manifests;
        }
        if (const Json* environments = reader.object("environments")) {
            for (const auto& [name, value] : environments->items()) {
                auto pointer = detail::pointer_join(reader.pointer("environments"), name);
                if (name.empty()) problems.error(pointer, "an environment needs a name");
                config.environments[name] = read_environment(name, value, pointer, problems);
            }
        }
    }
    if (!diagnostics.empty()) throw ManifestError(std::move(diagnostics));
    return config;
}

std::string environment_conninfo(const Environment& environment) {
    if (environment.database.rfind('$', 0) == 0) {
        auto variable = environment.database.substr(1);
        const char* value = std::getenv(variable.c_str());
        if (!value || !*value) {
            throw std::runtime_error("environment \"" + environment.name + "\": $" + variable +
                                     " is not set (it should hold the connection string)");
        }
        return value;
    }
    return "service=" + environment.database;
}

}  // namespace reconcile::desired_state
