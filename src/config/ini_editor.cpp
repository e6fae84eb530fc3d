#include "awsume_shell/config/ini_editor.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <optional>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/util/atomic_file.hpp"

namespace awsume_shell::config {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

/// One physical line: [begin, end) is its text, [end, next) its line end.
struct Line {
    std::size_t begin = 0, end = 0, next = 0;
};

std::vector<Line> scan_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t begin = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::size_t i = begin;
    while (i < text.size()) {
        if (text[i] == '\n' || text[i] == '\r') {
            std::size_t next = i + 1;
            if (text[i] == '\r' && next < text.size() && text[next] == '\n') {
                ++next;
            }
            lines.push_back({begin, i, next});
            begin = i = next;
        } else {
            ++i;
        }
    }
    if (begin < text.size()) {
        lines.push_back({begin, text.size(), text.size()});
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string normalise(std::string_view s) {
    std::string out;
    for (char c : trim(s)) {
        if (is_space(c)) {
            if (!out.empty() && out.back() == ' ') {
                continue;
            }
            c = ' ';
        }
        out += c;
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::size_t indent_of(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && is_space(s[n])) {
        ++n;
    }
    return n;
}

/// The header's name when the line is a section header.
std::optional<std::string_view> header_name(std::string_view content) {
    if (content.empty() || content[0] != '[') {
        return std::nullopt;
    }
    const std::size_t close = content.rfind(']');
    if (close == std::string_view::npos || close < 2) {
        return std::nullopt;
    }
    return content.substr(1, close - 1);
}

/// Where the target section's lines are: its header, its key lines (with continuations).
struct SectionSpan {
    std::size_t header = 0;                   ///< index into lines
    std::optional<std::size_t> key_line;      ///< line of the key being set
    std::size_t key_last = 0;                 ///< last continuation line of that key
    std::optional<std::size_t> last_key_end;  ///< last line of the last key (continuations included)
    std::size_t last_key_indent = 0;
};

std::optional<SectionSpan> find_section(std::string_view text, const std::vector<Line>& lines,
                                        const std::string& section, const std::string& key) {
    const std::string wanted = normalise(section);
    std::optional<SectionSpan> span;
    bool option_open = false;
    std::size_t option_indent = 0;
    bool in_key = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view raw = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
        const std::string_view content = trim(raw);
        if (content.empty() || content[0] == '#' || content[0] == ';') {
            continue;
        }
        const std::size_t indent = indent_of(raw);
        if (option_open && indent > option_indent) {  // continuation, as configparser
            if (span) {
                span->last_key_end = i;
                if (in_key) {
                    span->key_last = i;
                }
            }
            continue;
        }
        if (auto name = header_name(content)) {
            if (span) {
                return span;  // the first matching section ends here
            }
            option_open = false;
            if (normalise(*name) == wanted) {
                span = SectionSpan{i, std::nullopt, 0, std::nullopt, 0};
            }
            continue;
        }
        const std::size_t split = content.find_first_of("=:");
        option_open = true;
        option_indent = indent;
        in_key = false;
        if (!span || split == std::string_view::npos) {
            continue;
        }
        span->last_key_end = i;
        span->last_key_indent = indent;
        if (!span->key_line && lower(trim(content.substr(0, split))) == key) {
            span->key_line = i;
            span->key_last = i;
            in_key = true;
        }
    }
    return span;
}

std::string line_end_of(std::string_view text) {
    const std::size_t nl = text.find_first_of("\r\n");
    if (nl != std::string_view::npos && text[nl] == '\r' && nl + 1 < text.size() && text[nl + 1] == '\n') {
        return "\r\n";
    }
    return "\n";
}

Result<void> check_one_line(const std::string& what, const std::string& s) {
    if (s.find_first_of("\r\n") != std::string::npos) {
        return make_error(Errc::usage, what + " must be one line");
    }
    return {};
}

}  // namespace

Result<std::string> set_ini_value(std::string_view text, const std::string& section, const std::string& key,
                                  const std::string& value) {
    TRY_VOID(check_one_line("INI section name", section));
    TRY_VOID(check_one_line("value of " + key, value));
    if (key.empty() || key.find_first_of("=:[]#; \t\r\n") != std::string::npos || trim(section).empty()) {
        return make_error(Errc::usage, "cannot write key '" + key + "' in section [" + section + "]");
    }
    const std::string eol = line_end_of(text);
    const std::vector<Line> lines = scan_lines(text);
    const auto span = find_section(text, lines, section, lower(key));
    std::string out(text);
    if (!span) {
        if (!out.empty() && out.back() != '\n' && out.back() != '\r') {
            out += eol;
        }
        const bool ends_blank =
            lines.empty() || trim(text.substr(lines.back().begin, lines.back().end - lines.back().begin)).empty();
        if (!ends_blank) {
            out += eol;
        }
        return out + "[" + section + "]" + eol + key + " = " + value + eol;
    }
    if (span->key_line) {
        const Line& line = lines[*span->key_line];
        const std::string_view raw = text.substr(line.begin, line.end - line.begin);
        const std::size_t split = raw.find_first_of("=:");
        const std::size_t trimmed_end = raw.find_last_not_of(" \t\v\f") + 1;
        std::size_t from = split + 1;
        while (from < trimmed_end && is_space(raw[from])) {
            ++from;
        }
        std::string replacement = value;
        if (from == trimmed_end && split > 0 && is_space(raw[split - 1])) {
            replacement = " " + value;  // "key =" -> "key = value"
        }
        // The old value's continuation lines go with it.
        const std::size_t to = span->key_last > *span->key_line ? lines[span->key_last].end : line.begin + trimmed_end;
        out.replace(line.begin + from, to - (line.begin + from), replacement);
        return out;
    }
    const std::size_t after = span->last_key_end.value_or(span->header);
    const Line& anchor = lines[after];
    const std::string indent = span->last_key_end
                                   ? std::string(text.substr(anchor.begin, span->last_key_indent))
                                   : std::string();
    std::string insertion = indent + key + " = " + value + eol;
    if (anchor.next == anchor.end) {  // last line without a line end
        insertion = eol + insertion;
    }
    out.insert(anchor.next, insertion);
    return out;
}

Result<void> set_values_in_file(const std::string& path, const std::string& section,
                                const std::vector<std::pair<std::string, std::string>>& key_values,
                                mode_t new_file_mode) {
    std::string target = path;
    if (char resolved[PATH_MAX]; ::realpath(path.c_str(), resolved) != nullptr) {
        target = resolved;
    }
    TRY(auto existing, read_text_file(target));
    mode_t mode = new_file_mode;
    if (existing) {
        struct stat st {};
        if (::stat(target.c_str(), &st) == 0) {
            mode = st.st_mode & 07777;
        }
    } else if (const auto slash = target.find_last_of('/'); slash != std::string::npos && slash > 0) {
        const std::string parent = target.substr(0, slash);
        struct stat st {};
        if (::stat(parent.c_str(), &st) != 0) {
            TRY_VOID(util::make_private_dir(parent, 0700));
        }
    }
    std::string text = existing.value_or("");
    for (const auto& [key, value] : key_values) {
        TRY(text, set_ini_value(text, section, key, value));
    }
    return util::write_file_atomically(target, text, mode);
}

}  // namespace awsume_shell::config
