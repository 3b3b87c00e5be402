// write_manifests: the model as a manifest directory. Re-exporting mirrors
// the database: files are rewritten only when their content changes, and
// *.json files of tables that no longer exist are removed.
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "desired-state/export_json.hpp"
#include "desired-state/file_names.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state {

namespace fs = std::filesystem;

namespace detail {

std::string encode_file_name(std::string_view name) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto byte = static_cast<unsigned char>(name[i]);
        bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                    byte == '_' || byte == '-' || (byte == '.' && i > 0);
        if (keep) {
            out += static_cast<char>(byte);
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

fs::path table_file_path(const catalog::QualifiedName& table) {
    std::string directory = encode_file_name(table.schema);
    // A schema named "schemas.json" must not turn into a directory that
    // shadows the schema file.
    if (directory == schema_file_name) directory = "schemas%2Ejson";
    return fs::path(directory) / (encode_file_name(table.name) + ".json");
}

}  // namespace detail

namespace {

bool hidden(const fs::path& path) {
    auto name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

std::optional<std::string> read_existing(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Written to a hidden temporary file beside the target, then renamed over
// it: a reader (or a crash) never sees half a file.
void write_atomically(const fs::path& path, const std::string& content) {
    if (read_existing(path) == content) return;
    fs::create_directories(path.parent_path());
    fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    fs::rename(temporary, path);
}

// *.json files under dir that this export did not write, skipping hidden
// files and directories as the loader does.
std::vector<fs::path> stale_files(const fs::path& dir, const std::set<std::string>& written) {
    std::vector<fs::path> stale;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (hidden(it->path())) {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file() || it->path().extension() != ".json") continue;
        if (!written.count(it->path().lexically_relative(dir).generic_string())) stale.push_back(it->path());
    }
    return stale;
}

}  // namespace

void write_manifests(const catalog::Model& input, const fs::path& dir) {
    catalog::Model model = input;
    model.normalize();  // file content must not depend on the order objects were read in
    std::map<fs::path, std::string> files;
    files[fs::path(detail::schema_file_name)] = detail::render_document(detail::schema_document(model));
    for (const auto& table : model.tables) {
        files[detail::table_file_path(table.name)] = detail::render_document(detail::table_document(table));
    }

    fs::create_directories(dir);
    std::set<std::string> written;
    for (const auto& [relative, content] : files) {
        write_atomically(dir / relative, content);
        written.insert(relative.generic_string());
    }
    for (const auto& path : stale_files(dir, written)) {
        fs::remove(path);
        // A schema directory left empty goes too; remove() leaves it if not.
        std::error_code ignored;
        if (path.parent_path() != dir && fs::is_empty(path.parent_path(), ignored)) {
            fs::remove(path.parent_path(), ignored);
        }
    }
}

}  // namespace reconcile::desired_state
