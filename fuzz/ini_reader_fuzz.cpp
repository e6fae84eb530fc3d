// The INI reader (config/ini_reader.cpp) on any bytes: no crash, no hang, and what it returns
// is self-consistent: an error names the file and a line of the text; a document has its
// sections and keys in line order, keys non-empty and lowercased, values trimmed. The
// section index (index_ini, no inih) agrees with it: a problem exactly when parse_ini fails,
// with the same line and message; else the same sections at the same lines, each parsed
// alone (parse_ini_section, as the profile loader does) as parse_ini parses it.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "awsume_shell/config/ini_lines.hpp"
#include "awsume_shell/config/ini_reader.hpp"
#include "fuzz_check.hpp"

using awsume_shell::Errc;
using awsume_shell::config::index_ini;
using awsume_shell::config::IniLine;
using awsume_shell::config::IniLineKind;
using awsume_shell::config::ini_lines;
using awsume_shell::config::IniOptions;
using awsume_shell::config::IniSection;
using awsume_shell::config::parse_ini;
using awsume_shell::config::parse_ini_section;

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

/// Every '\n'-separated piece of a value (continuation lines) is trimmed.
bool pieces_trimmed(const std::string& value) {
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = std::min(value.find('\n', start), value.size());
        if (end > start && (blank(value[start]) || blank(value[end - 1]))) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

/// Lines that are neither blank nor a comment: each must be read as a section header, a
/// key or a continuation of a key's value (or the text is an error).
int content_lines(std::string_view text, const std::vector<IniLine>& lines) {
    int n = 0;
    for (const IniLine& line : lines) {
        const std::string_view raw = text.substr(line.begin, line.end - line.begin);
        const auto first = std::find_if_not(raw.begin(), raw.end(), blank);
        n += first != raw.end() && *first != '#' && *first != ';';
    }
    return n;
}

bool same_section(const IniSection& a, const IniSection& b) {
    if (a.name != b.name || a.line != b.line || a.entries.size() != b.entries.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        const auto &x = a.entries[i], &y = b.entries[i];
        if (x.key != y.key || x.value != y.value || x.line != y.line) {
            return false;
        }
    }
    return true;
}

void check(std::string_view text, IniOptions options) {
    const auto lines = ini_lines(text);
    const int line_count = static_cast<int>(lines.size());
    auto doc = parse_ini(text, "fuzz.ini", options);
    const auto index = index_ini(text, options);
    FUZZ_CHECK(index.problem.has_value() == !doc, "the index finds a problem exactly when the reader fails");
    if (!doc) {
        FUZZ_CHECK(doc.error().message == "fuzz.ini:" + std::to_string(index.problem->first) + ": " +
                                              index.problem->second,
                   "the index names the line and problem the reader names");
        FUZZ_CHECK(doc.error().code == Errc::config, "an INI error is a config error");
        const std::string& message = doc.error().message;
        FUZZ_CHECK(message.rfind("fuzz.ini:", 0) == 0, "the error starts with the file name");
        const int line = std::atoi(message.c_str() + 9);
        FUZZ_CHECK(line >= 1 && line <= line_count, "the error names a line of the text");
        return;
    }
    int last_line = 0;
    int read_lines = 0;
    for (const auto& section : doc->sections) {
        read_lines += section.line > 0;
        FUZZ_CHECK(section.line == 0 ? last_line == 0 && options.allow_top_level_keys
                                     : section.line > last_line && section.line <= line_count,
                   "sections in line order, the top-level one only when allowed");
        last_line = section.line;
        for (const auto& entry : section.entries) {
            FUZZ_CHECK(entry.line > last_line && entry.line <= line_count, "keys in line order");
            last_line = entry.line;
            FUZZ_CHECK(!entry.key.empty(), "keys are not empty");
            FUZZ_CHECK(std::none_of(entry.key.begin(), entry.key.end(),
                                    [](unsigned char c) { return std::isupper(c); }),
                       "keys are lowercased");
            FUZZ_CHECK(entry.key.find_first_of("\r\n") == std::string::npos, "keys are one line");
            FUZZ_CHECK(entry.value.find('\r') == std::string::npos, "values have no CR");
            FUZZ_CHECK(pieces_trimmed(entry.value), "value lines are trimmed");
            FUZZ_CHECK(section.find(entry.key) == &entry, "no duplicate key in a section");
            read_lines += 1 + static_cast<int>(std::count(entry.value.begin(), entry.value.end(), '\n'));
        }
    }
    FUZZ_CHECK(read_lines == content_lines(text, lines), "every line is a section, a key, a continuation or a comment");

    const bool has_top = !doc->sections.empty() && doc->sections.front().line == 0;
    FUZZ_CHECK(doc->sections.size() == index.sections.size() + (has_top ? 1 : 0), "the index has every section");
    if (has_top) {
        FUZZ_CHECK(same_section(parse_ini_section(text, index.top), doc->sections.front()),
                   "the top level parsed alone reads the same");
    }
    for (std::size_t i = 0; i < index.sections.size(); ++i) {
        const auto& span = index.sections[i];
        const IniSection& section = doc->sections[i + (has_top ? 1 : 0)];
        FUZZ_CHECK(span.name == section.name && span.line == section.line, "the index has each section at its line");
        FUZZ_CHECK(span.begin == lines[static_cast<std::size_t>(span.line - 1)].begin &&
                       span.end == (i + 1 < index.sections.size() ? index.sections[i + 1].begin : text.size()),
                   "a span runs from its header to the next one");
        FUZZ_CHECK(same_section(parse_ini_section(text, span), section), "a section parsed alone reads the same");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz_text(data, size);
    check(text, {});
    check(text, {.allow_top_level_keys = true});
    return 0;
}
