// The only file that uses inih. Debian's libinih (r55) is built with a 200-byte line
// buffer, 50-byte section and key names, inline ';' comments, and "any indented line
// continues the previous key". Session tokens are ~1 KB and secrets may contain " ;", so
// inih is fed a neutralised copy of each line through ini_parse_stream's reader callback:
// it classifies lines (section, key, continuation, comment) and finds malformed ones, while
// names and values are taken from the original line, by configparser's rules.
#include "awsume_shell/config/ini_reader.hpp"

#include <ini.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>

namespace awsume_shell::config {

const IniEntry* IniSection::find(std::string_view key) const {
    for (const auto& entry : entries) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < text.size()) {
        lines.push_back(text.substr(start));
    }
    return lines;
}

namespace {

constexpr char k_continuation_marker[] = "\x01";
constexpr std::size_t k_fed_limit = 150;  // well inside inih's 200-byte buffer

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && is_space(line[n])) {
        ++n;
    }
    return n;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

struct ParseState {
    std::vector<std::string_view> lines;
    std::string file_name;
    IniOptions options;
    std::size_t next = 0;  // lines handed to inih so far == inih's line number
    IniDocument doc;
    bool in_section = false;
    bool option_open = false;  // a key was seen since the last section header
    std::size_t option_indent = 0;
    bool fed_continuation = false;  // the line just fed to inih is a continuation line
    std::set<std::string> section_names;
    std::map<std::string, int> keys_in_section;
    std::optional<std::pair<int, std::string>> first_error;

    void fail(int line, std::string what) {
        if (!first_error || line < first_error->first) {
            first_error = std::make_pair(line, std::move(what));
        }
    }
    IniSection& current() {
        if (doc.sections.empty()) {
            doc.sections.push_back(IniSection{"", 0, {}});
        }
        return doc.sections.back();
    }
};

void start_section(ParseState& st, std::string_view content, int line) {
    const std::size_t close = content.rfind(']');
    st.option_open = false;
    st.keys_in_section.clear();
    if (close == std::string_view::npos || close < 2) {
        st.fail(line, close == 1 ? "empty section name '[]'" : "section header without ']'");
        return;
    }
    std::string name(content.substr(1, close - 1));
    if (!st.section_names.insert(name).second) {
        st.fail(line, "duplicate section '[" + name + "]'");
    }
    st.in_section = true;
    st.doc.sections.push_back(IniSection{std::move(name), line, {}});
}

/// What inih sees for one original line: same class, short, no inline-comment bytes.
std::string fed_line(ParseState& st, std::string_view original, int line) {
    const std::size_t indent = indent_of(original);
    const std::string_view content = trim(original);
    if (content.empty() || content[0] == '#' || content[0] == ';') {
        return "";
    }
    if (st.option_open && indent > st.option_indent) {
        st.fed_continuation = true;
        return std::string(" ") + k_continuation_marker;
    }
    if (content[0] == '[') {
        start_section(st, content, line);
    }
    std::string fed(content.substr(0, k_fed_limit));
    if (content.size() > k_fed_limit) {
        // Keep what decides the class: a ']' or '=' beyond the cut.
        fed += content.substr(k_fed_limit).find_first_of("]=:") != std::string_view::npos ? "]=" : "";
    }
    std::replace(fed.begin() + 1, fed.end(), ';', '_');
    std::replace(fed.begin() + 1, fed.end(), '#', '_');
    // inih reads C strings: a NUL would end the line early (at the start it hid a whole
    // header line, whose keys then joined the section above).
    std::replace(fed.begin(), fed.end(), '\0', '_');
    // inih skips a BOM at the start of the first line it is fed, and we feed lines trimmed:
    // `  <BOM>[a]` read as blank. Only the text's first three bytes are a BOM (split_lines);
    // configparser reads U+FEFF anywhere else as a character, so inih must see one too.
    if (fed.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        fed[0] = '_';
    }
    return fed;
}

char* reader(char* buffer, int size, void* stream) {
    auto& st = *static_cast<ParseState*>(stream);
    if (st.next >= st.lines.size()) {
        return nullptr;
    }
    const int line = static_cast<int>(++st.next);
    st.fed_continuation = false;
    std::string fed = fed_line(st, st.lines[line - 1], line);
    fed.resize(std::min(fed.size(), static_cast<std::size_t>(std::max(size - 2, 0))));
    std::memcpy(buffer, fed.data(), fed.size());
    buffer[fed.size()] = '\n';
    buffer[fed.size() + 1] = '\0';
    return buffer;
}

int handler(void* user, const char* /*section*/, const char* name, const char* value) {
    auto& st = *static_cast<ParseState*>(user);
    if (name == nullptr) {  // a build that reports new sections: we track them ourselves
        return 1;
    }
    if (value == nullptr) {  // a build that allows bare keys: configparser does not
        st.fail(static_cast<int>(st.next), "not a '[section]' or 'key = value' line");
        return 1;
    }
    const int line = static_cast<int>(st.next);
    const std::string_view original = st.lines[line - 1];
    const std::string_view content = trim(original);
    // Decided by what we fed, never by the value: a value may itself be the marker byte.
    if (st.fed_continuation) {
        auto& entries = st.current().entries;
        if (entries.empty()) {  // cannot happen (option_open implies a key); never crash
            st.fail(line, "continuation line without a key above it");
            return 1;
        }
        entries.back().value += "\n" + std::string(content);
        return 1;
    }
    if (!st.in_section && !st.options.allow_top_level_keys) {
        st.fail(line, "key outside of a section (add a [section] header above it)");
    }
    const std::size_t split = content.find_first_of("=:");
    if (split == std::string_view::npos) {  // inih found one; it never should
        st.fail(line, "not a '[section]' or 'key = value' line");
        return 1;
    }
    std::string key = lower(trim(content.substr(0, split)));
    if (key.empty()) {
        st.fail(line, "missing key name before '" + std::string(1, content[split]) + "'");
    }
    if (auto [it, fresh] = st.keys_in_section.emplace(key, line); !fresh) {
        st.fail(line, "duplicate key '" + key + "' (first on line " + std::to_string(it->second) + ")");
    }
    st.option_open = true;
    st.option_indent = indent_of(original);
    st.current().entries.push_back(IniEntry{std::move(key), std::string(trim(content.substr(split + 1))), line});
    return 1;
}

}  // namespace

Result<IniDocument> parse_ini(std::string_view text, const std::string& file_name, IniOptions options) {
    ParseState st;
    st.lines = split_lines(text);
    st.file_name = file_name;
    st.options = options;
    const int inih_error = ini_parse_stream(reader, &st, handler, &st);
    if (inih_error > 0) {
        const std::string_view content = trim(st.lines[inih_error - 1]);
        st.fail(inih_error, !content.empty() && content[0] == '['
                                ? "section header without ']'"
                                : "not a '[section]' or 'key = value' line");
    } else if (inih_error < 0) {
        return make_error(Errc::io, file_name + ": out of memory while parsing");
    }
    if (st.first_error) {
        return make_error(Errc::config, file_name + ":" + std::to_string(st.first_error->first) + ": " +
                                            st.first_error->second);
    }
    return std::move(st.doc);
}

}  // namespace awsume_shell::config
