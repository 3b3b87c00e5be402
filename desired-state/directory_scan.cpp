// scan_manifest_directory. Entries are looked at with symlink_status first,
// so a link is seen as a link: std::filesystem's recursive iterator follows
// file links silently, skips directory links silently and throws a bare
// "Too many levels of symbolic links" on a loop. With --prune, every table
// in an entry skipped silently would be dropped, so each one is named.
#include "desired-state/directory_scan.hpp"

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& name) {
    auto text = name.native();
    return !text.empty() && text[0] == '.';
}

std::string lower(std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
}

enum class Name { manifest, wrong_case, other };

Name classify_name(const fs::path& name) {
    auto extension = name.extension().native();
    if (extension == ".json") return Name::manifest;
    if (lower(extension) == ".json") return Name::wrong_case;
    return Name::other;
}

std::string kind_of(fs::file_type type) {
    switch (type) {
        case fs::file_type::fifo:
            return "a FIFO (named pipe)";
        case fs::file_type::socket:
            return "a socket";
        case fs::file_type::block:
        case fs::file_type::character:
            return "a device";
        default:
            return "not a regular file";
    }
}

class Scanner {
public:
    explicit Scanner(const fs::path& dir) : dir_(dir) {}

    DirectoryScan run() {
        std::vector<fs::path> pending = {fs::path()};  // directories to list, relative to dir_
        while (!pending.empty()) {
            fs::path relative = std::move(pending.back());
            pending.pop_back();
            list(relative, pending);
        }
        auto by_path = [](const auto& a, const auto& b) { return a.generic_string() < b.generic_string(); };
        std::sort(scan_.files.begin(), scan_.files.end(), by_path);
        std::sort(scan_.skipped.begin(), scan_.skipped.end(),
                  [&](const SkippedEntry& a, const SkippedEntry& b) { return by_path(a.path, b.path); });
        return std::move(scan_);
    }

private:
    void list(const fs::path& relative, std::vector<fs::path>& pending) {
        std::error_code error;
        fs::directory_iterator it(dir_ / relative, error);
        if (error) {
            // The top directory is the caller's to report; below it, say so.
            if (relative.empty()) throw fs::filesystem_error("cannot list the directory", dir_, error);
            skip(relative, "a directory that cannot be listed: " + error.message());
            return;
        }
        for (; it != fs::directory_iterator(); it.increment(error)) {
            const fs::path name = it->path().filename();
            if (hidden(name)) continue;
            look_at(relative / name, it->symlink_status(error).type(), pending);
        }
        if (error) skip(relative, "a directory that could not be listed to the end: " + error.message());
    }

    void look_at(const fs::path& relative, fs::file_type type, std::vector<fs::path>& pending) {
        Name name = classify_name(relative.filename());
        if (type == fs::file_type::directory) {
            pending.push_back(relative);
        } else if (type == fs::file_type::symlink) {
            look_at_link(relative, name);
        } else if (name == Name::other) {
            // A file that is not named *.json could never be a manifest.
        } else if (type != fs::file_type::regular) {
            skip(relative, kind_of(type) + ", not a file that can be read as a manifest");
        } else if (name == Name::wrong_case) {
            skip(relative, "the name ends in \"" + relative.extension().string() +
                               "\"; only names ending in lower-case \".json\" are read (rename it)");
        } else {
            scan_.files.push_back(relative);
        }
    }

    // A link to a manifest file is read like the file. A dangling link, a
    // loop or a link to a directory may stand for a whole directory of
    // tables, whatever its name, so each is reported.
    void look_at_link(const fs::path& relative, Name name) {
        std::error_code error;
        auto target = fs::status(dir_ / relative, error);
        if (error && error.value() == ELOOP) {
            skip(relative, "a symbolic link loop");
        } else if (target.type() == fs::file_type::not_found) {
            skip(relative, "a symbolic link to nothing (dangling)");
        } else if (error) {
            skip(relative, "a symbolic link that cannot be followed: " + error.message());
        } else if (target.type() == fs::file_type::directory) {
            skip(relative,
                 "a symbolic link to a directory; links to directories are not followed (they can loop or lead out "
                 "of the manifest directory): list the directory itself");
        } else if (name == Name::other) {
            // A link to something that is not named *.json: never a manifest.
        } else if (target.type() != fs::file_type::regular) {
            skip(relative, "a symbolic link to " + kind_of(target.type()) + ", not a file that can be read");
        } else if (name == Name::wrong_case) {
            skip(relative, "the name ends in \"" + relative.extension().string() +
                               "\"; only names ending in lower-case \".json\" are read (rename it)");
        } else {
            scan_.files.push_back(relative);
        }
    }

    void skip(const fs::path& relative, std::string reason) { scan_.skipped.push_back({relative, std::move(reason)}); }

    fs::path dir_;
    DirectoryScan scan_;
};

}  // namespace

DirectoryScan scan_manifest_directory(const fs::path& dir) {
    return Scanner(dir).run();
}

}  // namespace reconcile::desired_state::detail
