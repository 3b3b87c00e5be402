// Reading manifest files, each on its own and several at once. Parsing and
// checking one file needs nothing from the others, and on a directory of
// thousands of tables it is nearly all of load_manifests' time.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <system_error>
#include <thread>

#include "desired-state/edit_distance.hpp"
#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

std::optional<std::string_view> read_text(const fs::path& path, std::string& buffer) {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return std::nullopt;
    std::setvbuf(file.get(), nullptr, _IONBF, 0);  // read straight into buffer
    // buffer.size() is its usable capacity; only growing it writes to it.
    if (buffer.size() < 64 * 1024) buffer.resize(64 * 1024);
    std::size_t used = 0;
    while ((used += std::fread(buffer.data() + used, 1, buffer.size() - used, file.get())) == buffer.size()) {
        buffer.resize(buffer.size() * 2);
    }
    return std::string_view(buffer.data(), used);
}

namespace {

void read_document(Json& document, Problems& problems, FileReading& reading, const FileContext& context) {
    bool schema_file = is_schema_file(document);
    bool table_file = is_table_file(document);
    bool function_file = is_function_file(document);
    bool view_file = is_view_file(document);
    bool aggregate_file = is_aggregate_file(document);
    if (int(schema_file) + int(table_file) + int(function_file) + int(view_file) + int(aggregate_file) > 1) {
        problems.error("",
                       "a manifest file declares either schemas (\"schemas\"), one table (\"table\"), one function "
                       "(\"function\" or \"procedure\"), one aggregate (\"aggregate\") or one view (\"view\" or "
                       "\"materialized_view\"), not several");
    } else if (schema_file) {
        reading.schema_document = std::move(document);
    } else if (table_file) {
        reading.table = read_table_file(document, problems);
    } else if (function_file) {
        reading.function = read_function_file(document, problems, context);
    } else if (view_file) {
        reading.view = read_view_file(document, problems);
    } else if (aggregate_file) {
        reading.aggregate = read_aggregate_file(document, problems);
    } else if (!document.is_object()) {
        problems.error("", "expected an object, got " + describe_type(document));
    } else {
        // Most likely a misspelt "table" or "schemas".
        std::string suggestion;
        for (const auto& [key, unused] : document.items()) {
            if (suggestion.empty()) {
                suggestion = closest(
                    key, {"table", "schemas", "function", "procedure", "aggregate", "view", "materialized_view"});
            }
        }
        problems.error("",
                       "not a manifest: expected a \"schemas\" key (schema file), a \"table\" key (table file), a "
                       "\"function\" or \"procedure\" key (function file), an \"aggregate\" key (aggregate file) or a "
                       "\"view\" or \"materialized_view\" "
                       "key (view file)",
                       suggestion);
    }
}

}  // namespace

FileReading read_file(const fs::path& dir, const fs::path& file, std::string& buffer) {
    FileReading reading;
    try {
        auto path = dir / file;
        reading.file = path.generic_string();
        Problems problems(reading.file, reading.diagnostics);
        auto text = read_text(path, buffer);
        if (!text) {
            problems.error("", "cannot read the file");
            return reading;
        }
        auto document = parse_json(*text, problems);
        if (document) read_document(*document, problems, reading, FileContext{dir, path});
    } catch (...) {
        reading.failure = std::current_exception();
    }
    return reading;
}

void read_files(const fs::path& dir, const std::vector<fs::path>& files, std::size_t threads,
                const std::function<void(FileReading&)>& merge) {
    // One slot per file, filled when it is read and emptied once merged: a
    // FileReading holds a table, a function, an aggregate and a view
    // declaration inline (about 3 KB), so slots allocated up front for
    // 11,000 files held 35 MB at once while only the files in flight need
    // one.
    std::vector<std::unique_ptr<FileReading>> readings(files.size());
    std::vector<std::atomic<bool>> read(files.size());  // readings[i] is complete
    std::atomic<std::size_t> next{0};                   // the first file no thread has taken
    // Takes the next file not yet taken, so a few large files do not leave
    // the other threads idle. False when all are taken.
    auto read_one = [&](std::string& buffer) {
        std::size_t i = next++;
        if (i >= files.size()) return false;
        readings[i] = std::make_unique<FileReading>(read_file(dir, files[i], buffer));
        read[i].store(true, std::memory_order_release);
        read[i].notify_one();
        return true;
    };
    std::vector<std::jthread> workers;  // joined when this function returns or throws
    for (std::size_t n = 1; n < std::min(threads, files.size()); ++n) {
        try {
            workers.emplace_back([&] {
                std::string buffer;
                while (read_one(buffer)) {
                }
            });
        } catch (const std::system_error&) {
            break;  // no more threads to be had: fewer do the same work
        }
    }
    // This thread merges, in order, each file as soon as it and all before it
    // are read, and reads files itself while the next one is not ready.
    std::string buffer;
    try {
        for (std::size_t merged = 0; merged < files.size(); ++merged) {
            while (!read[merged].load(std::memory_order_acquire)) {
                if (!read_one(buffer)) read[merged].wait(false, std::memory_order_acquire);
            }
            merge(*readings[merged]);
            readings[merged].reset();  // its document and leftovers are not needed any more
        }
    } catch (...) {
        next = files.size();  // the workers stop after the file they are reading
        throw;
    }
}

}  // namespace reconcile::desired_state::detail
