// The layout of exported manifests. People read and review them in pull
// requests, so a short array or object stays on one line; nlohmann's own
// indented dump puts every array element on a line of its own (a pagila
// export was 944 lines for 14 tables).
#include "desired-state/export_json.hpp"

namespace reconcile::desired_state::detail {

namespace {

constexpr std::size_t line_limit = 100;

// Appends `value` on one line (", " and ": " between items) and returns
// false as soon as `out` grows past `limit`, so a large value costs no more
// than the limit to reject.
bool append_one_line(std::string& out, const OrderedJson& value, std::size_t limit) {
    if (!value.is_structured()) {
        out += value.dump();
        return out.size() <= limit;
    }
    const bool object = value.is_object();
    out += object ? '{' : '[';
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        if (object) out += OrderedJson(it.key()).dump() + ": ";
        if (!append_one_line(out, *it, limit)) return false;
    }
    out += object ? '}' : ']';
    return out.size() <= limit;
}

// `column`: how many bytes the line already holds before the value.
void append_value(std::string& out, const OrderedJson& value, std::size_t indent, std::size_t column,
                  bool spread) {
    if (!value.is_structured() || value.empty()) {
        out += value.dump();
        return;
    }
    if (!spread) {
        std::string line;
        // The comma that may follow counts too.
        if (append_one_line(line, value, line_limit > column + 1 ? line_limit - column - 1 : 0)) {
            out += line;
            return;
        }
    }
    const bool object = value.is_object();
    out += object ? "{\n" : "[\n";
    std::size_t left = value.size();
    for (auto it = value.begin(); it != value.end(); ++it) {
        out.append(indent + 2, ' ');
        std::size_t start = indent + 2;
        if (object) {
            auto key = OrderedJson(it.key()).dump() + ": ";
            out += key;
            start += key.size();
        }
        append_value(out, *it, indent + 2, start, false);
        out += --left > 0 ? ",\n" : "\n";
    }
    out.append(indent, ' ');
    out += object ? '}' : ']';
}

}  // namespace

std::string render_document(const OrderedJson& document) {
    std::string out;
    append_value(out, document, 0, 0, true);
    out += '\n';
    return out;
}

}  // namespace reconcile::desired_state::detail
