#include "awsume_shell/config/ini_editor.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cerrno>
#include <cstring>
#include <optional>

#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/ini_lines.hpp"
#include "awsume_shell/util/atomic_file.hpp"
#include "awsume_shell/util/file_lock.hpp"

namespace awsume_shell::config {

namespace {

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

bool is_content(const IniLine& line) { return line.kind != IniLineKind::blank && line.kind != IniLineKind::comment; }

/// One key of a section: its first line, the last of its continuation lines, its indent.
struct KeyItem {
    std::string key;  ///< lowercased; "" for a line without '=' or ':'
    std::string_view value;  ///< the first line's value, trimmed
    std::size_t first = 0, last = 0;  ///< indexes into lines
    std::size_t indent = 0;
};

/// The first section whose header matches: where its header is and its keys, in order.
struct SectionLayout {
    std::size_t header = 0;  ///< index into lines
    std::vector<KeyItem> keys;
};

/// An invalid line (the reader refuses the file) is taken as a key line, as the scanner
/// takes it: `[a=b` is key "[a".
std::optional<SectionLayout> scan_section(std::string_view text, const std::vector<IniLine>& lines,
                                          const std::string& section) {
    const std::string wanted = normalise(section);
    std::optional<SectionLayout> layout;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const IniLine& line = lines[i];
        switch (line.kind) {
            case IniLineKind::blank:
            case IniLineKind::comment:
                break;
            case IniLineKind::continuation:
                if (layout && !layout->keys.empty()) {
                    layout->keys.back().last = i;
                }
                break;
            case IniLineKind::section:
                if (layout) {
                    return layout;  // the first matching section ends here
                }
                if (normalise(ini_slice(text, line.name_begin, line.name_end)) == wanted) {
                    layout = SectionLayout{i, {}};
                }
                break;
            case IniLineKind::key:
            case IniLineKind::invalid:
                if (layout) {
                    layout->keys.push_back(KeyItem{lower(ini_slice(text, line.name_begin, line.name_end)),
                                                   ini_slice(text, line.value_begin, line.value_end), i, i,
                                                   line.indent()});
                }
                break;
        }
    }
    return layout;
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

Result<void> check_writable(const std::string& section, const std::string& key, const std::string& value) {
    TRY_VOID(check_one_line("INI section name", section));
    TRY_VOID(check_one_line("value of " + key, value));
    if (key.empty() || key.find_first_of("=:[]#; \t\r\n") != std::string::npos || trim(section).empty()) {
        return make_error(Errc::usage, "cannot write key '" + key + "' in section [" + section + "]");
    }
    return {};
}

std::string key_lines(const KeyValues& key_values, const std::string& indent, const std::string& eol) {
    std::string out;
    for (const auto& [key, value] : key_values) {
        out += indent + key + " = " + value + eol;
    }
    return out;
}

/// "[section]" and its keys after the text, one blank line between.
std::string append_section(std::string_view text, const std::vector<IniLine>& lines, const std::string& section,
                           const KeyValues& key_values, const std::string& eol) {
    std::string out(text);
    if (!out.empty() && out.back() != '\n' && out.back() != '\r') {
        out += eol;
    }
    const bool ends_blank = lines.empty() || lines.back().kind == IniLineKind::blank;
    if (!ends_blank) {
        out += eol;
    }
    return out + "[" + section + "]" + eol + key_lines(key_values, "", eol);
}

/// The indent of the first line after lines[from] that is neither blank nor a comment; of
/// lines[from] itself when there is none.
std::string_view indent_after(std::string_view text, const std::vector<IniLine>& lines, std::size_t from) {
    for (std::size_t i = from + 1; i < lines.size(); ++i) {
        if (is_content(lines[i])) {
            return text.substr(lines[i].begin, lines[i].indent());
        }
    }
    return text.substr(lines[from].begin, lines[from].indent());
}

/// New key lines after the section's last key (with its indent), or after its header.
/// configparser reads the first line after a key that is neither blank nor a comment as the
/// key's continuation when it is indented deeper; so a key under a bare header is indented
/// like that next line (a header: an indented `  [b]` would be lost otherwise). After a key
/// that next line is never deeper (it would be that key's continuation already).
std::string insert_after_last_key(std::string_view text, const std::vector<IniLine>& lines,
                                  const SectionLayout& layout, const KeyValues& key_values,
                                  const std::string& eol) {
    const bool has_keys = !layout.keys.empty();
    const IniLine& anchor = lines[has_keys ? layout.keys.back().last : layout.header];
    const std::string indent(has_keys ? text.substr(lines[layout.keys.back().first].begin, layout.keys.back().indent)
                                      : indent_after(text, lines, layout.header));
    std::string insertion = key_lines(key_values, indent, eol);
    if (anchor.next == anchor.end) {  // last line without a line end
        insertion = eol + insertion;
    }
    std::string out(text);
    out.insert(anchor.next, insertion);
    return out;
}

}  // namespace

Result<std::string> set_ini_value(std::string_view text, const std::string& section, const std::string& key,
                                  const std::string& value) {
    TRY_VOID(check_writable(section, key, value));
    const std::string eol = line_end_of(text);
    const std::vector<IniLine> lines = ini_lines(text);
    const auto layout = scan_section(text, lines, section);
    if (!layout) {
        return append_section(text, lines, section, {{key, value}}, eol);
    }
    const std::string wanted = lower(key);
    const auto item = std::find_if(layout->keys.begin(), layout->keys.end(),
                                   [&](const KeyItem& k) { return k.key == wanted; });
    if (item == layout->keys.end()) {
        return insert_after_last_key(text, lines, *layout, {{key, value}}, eol);
    }
    const IniLine& line = lines[item->first];
    // A key named here has a separator: check_writable refuses keys an invalid line has.
    std::string replacement = value;
    if (line.value_begin == line.content_end && line.separator > line.begin && is_space(text[line.separator - 1])) {
        replacement = " " + value;  // "key =" -> "key = value"
    }
    // The old value's continuation lines go with it.
    const std::size_t to = item->last > item->first ? lines[item->last].end : line.content_end;
    std::string out(text);
    out.replace(line.value_begin, to - line.value_begin, replacement);
    return out;
}

std::optional<KeyValues> section_keys(std::string_view text, const std::string& section) {
    const std::vector<IniLine> lines = ini_lines(text);
    const auto layout = scan_section(text, lines, section);
    if (!layout) {
        return std::nullopt;
    }
    KeyValues out;
    for (const auto& item : layout->keys) {
        out.emplace_back(item.key, std::string(item.value));
    }
    return out;
}

Result<std::string> replace_section_keys(std::string_view text, const std::string& section,
                                         const std::vector<std::string>& drop, const KeyValues& key_values) {
    for (const auto& [key, value] : key_values) {
        TRY_VOID(check_writable(section, key, value));
    }
    const std::string eol = line_end_of(text);
    const std::vector<IniLine> lines = ini_lines(text);
    const auto layout = scan_section(text, lines, section);
    if (!layout) {
        return append_section(text, lines, section, key_values, eol);
    }
    std::vector<const KeyItem*> dropped;
    for (const auto& item : layout->keys) {
        if (std::find(drop.begin(), drop.end(), item.key) != drop.end()) {
            dropped.push_back(&item);
        }
    }
    if (dropped.empty()) {
        return insert_after_last_key(text, lines, *layout, key_values, eol);
    }
    // The new keys take the place (and indent) of the first dropped one; the other dropped
    // key lines (continuations included) go; comments and keys not dropped stay.
    const std::size_t at = lines[dropped.front()->first].begin;
    std::string out(text.substr(0, at));
    out += key_lines(key_values, std::string(text.substr(at, dropped.front()->indent)), eol);
    std::size_t pos = at;
    for (const KeyItem* item : dropped) {
        out.append(text.substr(pos, lines[item->first].begin - pos));
        pos = lines[item->last].next;
    }
    out.append(text.substr(pos));
    return out;
}

namespace {

/// `path` with the symlinks of its last component followed, even to a target that does not
/// exist yet (a dotfile manager's link): the file that is read and replaced.
Result<std::string> follow_symlinks(const std::string& path) {
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
            return current;
        }
        std::string link(PATH_MAX, '\0');
        const ssize_t n = ::readlink(current.c_str(), link.data(), link.size());
        if (n < 0 || static_cast<std::size_t>(n) >= link.size()) {
            return make_error(Errc::io, "cannot read the symlink " + current + ": " + std::strerror(errno));
        }
        link.resize(static_cast<std::size_t>(n));
        const auto slash = current.find_last_of('/');
        current = link.front() == '/' || slash == std::string::npos ? link : current.substr(0, slash + 1) + link;
    }
    return make_error(Errc::io, "cannot follow " + path + ": too many levels of symbolic links");
}

}  // namespace

Result<void> edit_file_locked(const std::string& path, mode_t new_file_mode, const FileEditor& edit,
                              long lock_timeout_ms) {
    FileEdit file;
    TRY(file.path, follow_symlinks(path));
    const auto slash = file.path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : file.path.substr(0, slash));
    const std::string base = slash == std::string::npos ? file.path : file.path.substr(slash + 1);
    if (struct stat st {}; ::stat(dir.c_str(), &st) != 0) {
        TRY_VOID(util::make_private_dir(dir, 0700));
    }
    // Beside the file, not the file itself: the rename gives the file a new inode, so a
    // lock on the old one would not stop the next writer.
    TRY(util::FileLock lock, util::FileLock::acquire(dir + "/." + base + ".lock", lock_timeout_ms));
    TRY(file.text, read_text_file(file.path));
    file.mode = new_file_mode;
    if (struct stat st {}; file.text && ::stat(file.path.c_str(), &st) == 0) {
        file.mode = st.st_mode & 07777;
    }
    TRY(std::string text, edit(file));
    return util::write_file_atomically(file.path, text, file.mode);
}

Result<void> set_values_in_file(const std::string& path, const std::string& section, const KeyValues& key_values,
                                mode_t new_file_mode) {
    return edit_file_locked(path, new_file_mode, [&](FileEdit& file) -> Result<std::string> {
        std::string text = file.text.value_or("");
        for (const auto& [key, value] : key_values) {
            TRY(text, set_ini_value(text, section, key, value));
        }
        return text;
    });
}

}  // namespace awsume_shell::config
