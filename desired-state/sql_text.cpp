#include "desired-state/sql_text.hpp"

#include <filesystem>

#include "desired-state/loader.hpp"

namespace reconcile::desired_state::detail {

namespace fs = std::filesystem;

namespace {

// Why the name is refused, or nothing when it is a plain relative .sql path.
std::optional<std::string> bad_file_name(const std::string& name) {
    fs::path path(name);
    if (name.empty()) return "an empty file name";
    if (path.is_absolute() || path.has_root_name() || path.has_root_directory()) {
        return "an absolute path; name a file relative to the manifest's directory";
    }
    for (const auto& part : path) {
        if (part == "..") return "a path that leaves the manifest's directory (\"..\")";
    }
    if (path.extension() != ".sql") return "not a .sql file";
    return std::nullopt;
}

}  // namespace

std::optional<std::string> read_code(const ObjectReader& reader, std::string_view inline_key,
                                     std::string_view file_key) {
    Problems& problems = reader.problems();
    bool has_inline = reader.has(inline_key), has_file = reader.has(file_key);
    if (has_inline == has_file) {
        problems.error(reader.pointer(has_file ? file_key : inline_key),
                       "give exactly one of \"" + std::string(inline_key) + "\" (inline) and \"" +
                           std::string(file_key) + "\" (a .sql file beside the manifest)");
        return std::nullopt;
    }
    if (has_inline) {
        auto text = reader.string(inline_key);
        if (text && text->find_first_not_of(" \t\r\n") == std::string::npos) {
            problems.error(reader.pointer(inline_key), "empty");
            return std::nullopt;
        }
        return text;
    }
    auto name = reader.string(file_key);
    if (!name) return std::nullopt;
    if (auto why = bad_file_name(*name)) {
        problems.error(reader.pointer(file_key), "\"" + *name + "\" is " + *why);
        return std::nullopt;
    }
    fs::path path = fs::path(problems.file()).parent_path() / *name;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
        problems.error(reader.pointer(file_key), "cannot read " + path.generic_string() + ": not a regular file");
        return std::nullopt;
    }
    std::string buffer;
    auto text = read_text(path, buffer);
    if (!text) {
        problems.error(reader.pointer(file_key), "cannot read " + path.generic_string());
        return std::nullopt;
    }
    std::string out(*text);
    if (out.find('\0') != std::string::npos) {
        problems.error(reader.pointer(file_key), path.generic_string() + " contains a NUL byte");
        return std::nullopt;
    }
    if (out.find_first_not_of(" \t\r\n") == std::string::npos) {
        problems.error(reader.pointer(file_key), path.generic_string() + " is empty");
        return std::nullopt;
    }
    return out;
}

std::string trim_statement_end(std::string text) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.back())) text.pop_back();
    if (!text.empty() && text.back() == ';') text.pop_back();
    while (!text.empty() && blank(text.back())) text.pop_back();
    return text;
}

}  // namespace reconcile::desired_state::detail
