// check_export_directory: everything export would replace or remove must be
// a reconcile manifest in a regular file. It once removed every *.json file
// it had not written, and `export -o .` in an application repository took
// package.json, tsconfig.json and node_modules with it.
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "desired-state/directory_scan.hpp"
#include "desired-state/export_steps.hpp"
#include "desired-state/manifest_recognition.hpp"
#include "desired-state/manifests.hpp"

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

namespace {

// Past this many, the refusal stops looking: one is enough to refuse, and
// node_modules holds thousands.
constexpr std::size_t max_offenders = 5;

std::string what_is(fs::file_type type) {
    switch (type) {
        case fs::file_type::directory:
            return "a directory";
        case fs::file_type::symlink:
            return "a symbolic link";
        case fs::file_type::regular:
            return "a file";
        default:
            return "a special file";
    }
}

std::optional<std::string> read_existing(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class Checker {
public:
    explicit Checker(const fs::path& dir) : dir_(dir) {}

    bool full() const { return offenders_.size() >= max_offenders; }

    void offend(const fs::path& relative, const std::string& why) {
        if (!full()) offenders_.push_back((dir_ / relative).string() + ": " + why);
    }

    // The directories above a file to write must be real directories (or
    // not exist yet): writing through a link would write outside dir.
    void check_parents(const fs::path& relative) {
        fs::path parent;
        for (const auto& part : relative.parent_path()) {
            parent /= part;
            if (!checked_parents_.insert(parent).second) continue;
            std::error_code ignored;
            auto type = fs::symlink_status(dir_ / parent, ignored).type();
            if (type != fs::file_type::not_found && type != fs::file_type::directory) {
                offend(parent, what_is(type) + " where export writes the directory of schema \"" +
                                   parent.filename().string() + "\"");
            }
        }
    }

    // True when the file at relative is to be (re)written.
    bool check_target(const fs::path& relative, const std::string& content) {
        std::error_code ignored;
        auto type = fs::symlink_status(dir_ / relative, ignored).type();
        if (type == fs::file_type::not_found) return true;
        if (type != fs::file_type::regular) {
            offend(relative, what_is(type) + " where export writes a manifest");
            return false;
        }
        if (read_existing(dir_ / relative) == content) return false;
        if (relative.extension() == ".sql") return check_body_file(relative);
        if (auto why = why_not_a_manifest(dir_ / relative)) {
            offend(relative, "export would replace it, and it is not a reconcile manifest: " + *why);
            return false;
        }
        return true;
    }

    // A function's body or a view's query file is replaced only beside a reconcile manifest
    // that names it: a .sql file of someone else's is not export's to touch.
    bool check_body_file(const fs::path& relative) {
        fs::path manifest = relative;
        manifest.replace_extension(".json");
        if (body_file_of(manifest) == relative.filename().string()) return true;
        offend(relative,
               "export would replace it, and it is not the body or query file of a reconcile function or view "
               "manifest");
        return false;
    }

    // The "body_file" of a reconcile function manifest or the "query_file"
    // of a view manifest, if it is one.
    std::optional<std::string> body_file_of(const fs::path& manifest) const {
        std::error_code ignored;
        if (!fs::is_regular_file(fs::symlink_status(dir_ / manifest, ignored))) return std::nullopt;
        if (why_not_a_manifest(dir_ / manifest)) return std::nullopt;
        auto text = read_existing(dir_ / manifest);
        if (!text) return std::nullopt;
        auto document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
        if (!document.is_object()) return std::nullopt;
        // A function's body file or a view's query file.
        for (const char* key : {"body_file", "query_file"}) {
            auto found = document.find(key);
            if (found != document.end() && found->is_string()) return found->get<std::string>();
        }
        return std::nullopt;
    }

    // A file the loader reads that the export does not write: a manifest of
    // something gone, to remove, or someone else's, to refuse over.
    void check_leftover(const fs::path& relative, ExportWork& work) {
        std::error_code ignored;
        if (fs::is_symlink(fs::symlink_status(dir_ / relative, ignored))) {
            offend(relative,
                   "a symbolic link to a file that is not one export writes; export removes only regular "
                   "files");
        } else if (auto why = why_not_a_manifest(dir_ / relative)) {
            offend(relative, "not a reconcile manifest (" + *why + "), and the loader would read it");
        } else {
            work.remove.push_back(relative);
            // Its body file goes with it, when it is one beside it.
            if (auto body = body_file_of(relative); body && fs::path(*body).filename() == *body) {
                auto body_path = relative.parent_path() / *body;
                if (fs::is_regular_file(fs::symlink_status(dir_ / body_path, ignored)) &&
                    fs::path(*body).extension() == ".sql") {
                    work.remove.push_back(body_path);
                }
            }
        }
    }

    void refuse_if_offended() const {
        if (offenders_.empty()) return;
        std::string message = "export refuses to write into " + dir_.string() +
                              ": it holds what export would have to replace or remove, and it is not a reconcile "
                              "manifest:";
        for (const auto& offender : offenders_) message += "\n  " + offender;
        if (full()) message += "\n  (export stopped looking after " + std::to_string(max_offenders) + ")";
        message += "\nNothing was written. Export into a directory of its own, or move these files out of the way.";
        throw ExportRefused(message);
    }

private:
    fs::path dir_;
    std::vector<std::string> offenders_;
    std::set<fs::path> checked_parents_;
};

}  // namespace

ExportWork check_export_directory(const fs::path& dir, const std::map<fs::path, std::string>& files) {
    ExportWork work;
    std::error_code ignored;
    auto type = fs::status(dir, ignored).type();
    if (type == fs::file_type::not_found) {
        work.write = files;
        return work;
    }
    if (type != fs::file_type::directory) {
        throw ExportRefused("export refuses to write into " + dir.string() + ": it is " + what_is(type) +
                            ", not a directory. Nothing was written.");
    }
    Checker checker(dir);
    for (const auto& [relative, content] : files) {
        checker.check_parents(relative);
        if (checker.check_target(relative, content)) work.write.emplace(relative, content);
    }
    for (const auto& relative : scan_manifest_directory(dir).files) {
        if (checker.full()) break;
        if (!files.count(relative)) checker.check_leftover(relative, work);
    }
    checker.refuse_if_offended();
    return work;
}

}  // namespace reconcile::desired_state::detail
