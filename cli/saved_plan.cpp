#include "cli/saved_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "desired-state/manifests.hpp"

namespace reconcile::cli {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr int saved_format = 1;

// FNV-1a, 64 bits: it tells a changed object from an unchanged one. It is
// not meant to resist someone forging a collision; whoever can change the
// database at will has no need to.
class Fingerprint {
public:
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash_ ^= c;
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::string hex() const { return fmt::format("fnv1a64:{:016x}", hash_); }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Every .json and .sql file under dir that is not hidden, by relative path.
std::string manifests_digest(const fs::path& dir) {
    std::map<std::string, fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        const auto name = it->path().filename().string();
        if (name.starts_with(".")) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        const auto extension = it->path().extension();
        if (it->is_regular_file() && (extension == ".json" || extension == ".sql")) {
            files[fs::relative(it->path(), dir).generic_string()] = it->path();
        }
    }
    Fingerprint digest;
    for (const auto& [relative, path] : files) {
        digest.add(relative);
        digest.add(std::string_view("\0", 1));
        digest.add(read_whole(path));
        digest.add(std::string_view("\0", 1));
    }
    return digest.hex();
}

// Each file of the live export a step touches -> the identities of the
// objects it touches there.
std::map<std::string, std::set<std::string>> touched_files(const engine::Plan& plan, const catalog::Model& have) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& step : plan.steps) {
        const auto object = engine::object_of(step.change);
        auto file = desired_state::manifest_path_of(have, object).generic_string();
        out[file].insert(std::string(catalog::kind_name(object.kind)) + " " + catalog::display(object));
    }
    return out;
}

// A file the export does not write (the object does not exist yet) has a
// fingerprint too: its absence.
std::string fingerprint_of(const std::map<fs::path, std::string>& live, const std::string& file) {
    auto found = live.find(fs::path(file));
    if (found == live.end()) return "absent";
    Fingerprint fingerprint;
    fingerprint.add(found->second);
    return fingerprint.hex();
}

std::string step_key(const std::string& description, const std::vector<std::string>& sql) {
    std::string key = description;
    for (const auto& statement : sql) key += "\x1f" + statement;
    return key;
}

}  // namespace

std::string with_saved_section(const std::string& plan_json, const engine::Plan& plan, const catalog::Model& have,
                               const fs::path& manifests) {
    Json out = Json::parse(plan_json);
    const auto live = desired_state::render_manifests(have);
    Json touched = Json::array();
    for (const auto& [file, objects] : touched_files(plan, have)) {
        touched.push_back(Json{{"file", file}, {"objects", objects}, {"fingerprint", fingerprint_of(live, file)}});
    }
    out["saved"] = Json{{"format", saved_format},
                        {"reconcile_version", RECONCILE_VERSION},
                        {"manifests_digest", manifests_digest(manifests)},
                        {"touched", std::move(touched)}};
    return out.dump(2) + "\n";
}

engine::Plan saved_steps(const fs::path& saved_file, const engine::Plan& fresh, const catalog::Model& have,
                         const fs::path& manifests) {
    const std::string where = "saved plan " + saved_file.string();
    std::ifstream in(saved_file, std::ios::binary);
    if (!in) throw std::runtime_error(where + ": cannot be read");
    Json saved;
    try {
        saved = Json::parse(in);
    } catch (const Json::parse_error&) {
        throw std::runtime_error(where + ": not JSON; write one with reconcile plan -o plan.json");
    }
    const Json* section = saved.is_object() && saved.contains("saved") ? &saved["saved"] : nullptr;
    if (!section || !section->is_object() || section->value("format", 0) != saved_format ||
        !saved.contains("steps") || !saved["steps"].is_array()) {
        throw std::runtime_error(where + ": not a saved plan; write one with reconcile plan -o plan.json");
    }
    const auto version = section->value("reconcile_version", std::string());
    if (version != RECONCILE_VERSION) {
        throw std::runtime_error(fmt::format("{} was made by reconcile {}, this is {}; plan again", where, version,
                                             RECONCILE_VERSION));
    }
    if (section->value("manifests_digest", std::string()) != manifests_digest(manifests)) {
        throw std::runtime_error(where + ": the manifests in " + manifests.string() +
                                 " changed since it was made; plan again. Nothing was changed.");
    }

    // Every object the saved plan touches must be as it was.
    const auto live = desired_state::render_manifests(have);
    std::vector<std::string> moved;
    for (const auto& entry : section->value("touched", Json::array())) {
        const auto file = entry.value("file", std::string());
        if (fingerprint_of(live, file) == entry.value("fingerprint", std::string())) continue;
        for (const auto& object : entry.value("objects", Json::array())) moved.push_back(object.get<std::string>());
    }
    if (!moved.empty()) {
        std::string list;
        for (const auto& object : moved) list += "\n  " + object;
        throw std::runtime_error(fmt::format(
            "{} is stale: what it touches changed in the database since it was made:{}\nPlan again. Nothing was "
            "changed.",
            where, list));
    }

    // The saved steps, as planned now; steps for drift elsewhere are not
    // the reviewed plan and are left out.
    std::multiset<std::string> wanted;
    for (const auto& step : saved["steps"]) {
        wanted.insert(step_key(step.value("description", std::string()),
                               step.value("sql", std::vector<std::string>{})));
    }
    engine::Plan out;
    out.not_in_manifests = fresh.not_in_manifests;
    out.not_managed = fresh.not_managed;
    for (const auto& step : fresh.steps) {
        auto found = wanted.find(step_key(step.description, step.sql));
        if (found == wanted.end()) continue;
        wanted.erase(found);
        out.steps.push_back(step);
    }
    if (!wanted.empty()) {
        std::string list;
        for (const auto& key : wanted) list += "\n  " + key.substr(0, key.find('\x1f'));
        throw std::runtime_error(fmt::format(
            "{} no longer matches the database: planned now, these steps would not be taken:{}\nPlan again. "
            "Nothing was changed.",
            where, list));
    }
    return out;
}

}  // namespace reconcile::cli
