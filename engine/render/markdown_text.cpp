#include "engine/render/markdown_text.hpp"

#include <algorithm>

#include "catalog/model/printable.hpp"

namespace reconcile::engine::markdown {

namespace {

std::size_t longest_backtick_run(std::string_view text) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

bool inline_syntax(char c) {
    return std::string_view("\\`*_[]()<>|&!~$").find(c) != std::string_view::npos;
}

}  // namespace

std::string text(std::string_view raw) {
    std::string out;
    for (char c : catalog::printable(raw)) {
        if (inline_syntax(c)) out += '\\';
        out += c;
    }
    return out;
}

std::string code(std::string_view raw, Where where) {
    std::string shown = catalog::printable(raw);
    if (where == Where::table_cell) {
        std::string escaped;
        for (char c : shown) {
            if (c == '|') escaped += '\\';
            escaped += c;
        }
        shown = std::move(escaped);
    }
    std::string fence(longest_backtick_run(shown) + 1, '`');
    bool pad = shown.empty() || shown.front() == '`' || shown.back() == '`' || shown.front() == ' ' ||
               shown.back() == ' ';
    std::string space = pad ? " " : "";
    return fence + space + shown + space + fence;
}

std::string html(std::string_view raw) {
    std::string out;
    for (char c : catalog::printable(raw)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string code_block(std::string_view body, std::string_view info) {
    std::string fence(std::max<std::size_t>(3, longest_backtick_run(body) + 1), '`');
    std::string out = fence + std::string(info) + "\n" + std::string(body);
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out + fence + "\n";
}

}  // namespace reconcile::engine::markdown
