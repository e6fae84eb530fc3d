// The only file that uses inih. Debian's libinih (r55) is built with a 200-byte line
// buffer, 50-byte section and key names, inline ';' comments, and "any indented line
// continues the previous key". Session tokens are ~1 KB and secrets may contain " ;", so
// inih is fed a neutralised copy of each line through ini_parse_stream's reader callback,
// built from the line scanner's verdict (ini_lines.hpp): same class (section, key,
// continuation, comment), short, no inline-comment bytes; names and values are taken from
// the original line, by configparser's rules. The index checks configparser's rules on the
// whole text in one pass; inih then parses the sections a caller asks for.
#include "awsume_shell/config/ini_reader.hpp"

#include <ini.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <new>
#include <unordered_map>

#include "awsume_shell/config/ini_lines.hpp"

namespace awsume_shell::config {

const IniEntry* IniSection::find(std::string_view key) const {
    for (const auto& entry : entries) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

namespace {

constexpr char k_continuation_marker[] = "\x01";
constexpr std::size_t k_fed_limit = 150;  // well inside inih's 200-byte buffer

unsigned char lower_char(unsigned char c) { return static_cast<unsigned char>(std::tolower(c)); }

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(lower_char(c)); });
    return out;
}

/// The keys of one section so far, compared as configparser does (lowercased), without a
/// copy while the section is small (profiles have a handful of keys).
class SectionKeys {
public:
    /// The line of an earlier `key`, or 0 after recording it.
    int add(std::string_view key, int line) {
        if (m_small.size() < k_small) {
            for (const auto& [seen, seen_line] : m_small) {
                if (same(seen, key)) {
                    return seen_line;
                }
            }
            m_small.emplace_back(key, line);
            return 0;
        }
        if (m_large.empty()) {
            for (const auto& [seen, seen_line] : m_small) {
                m_large.emplace(lower(seen), seen_line);
            }
        }
        const auto [it, fresh] = m_large.emplace(lower(key), line);
        return fresh ? 0 : it->second;
    }
    void clear() {
        m_small.clear();
        if (!m_large.empty()) {
            m_large.clear();
        }
    }

private:
    static constexpr std::size_t k_small = 32;
    static bool same(std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
                   return lower_char(x) == lower_char(y);
               });
    }
    std::vector<std::pair<std::string_view, int>> m_small;
    std::unordered_map<std::string, int> m_large;
};

/// Which section names were seen (the index's sections, by position): open addressing over
/// positions, sized once for `expected` names, so that thousands of headers cost no
/// allocation, no rehash and little memory.
class SeenNames {
public:
    SeenNames(const std::vector<IniSectionSpan>& sections, std::size_t expected) : m_sections(sections) {
        std::size_t size = 64;
        while (size < expected * 2) {
            size *= 2;
        }
        m_slots.assign(size, k_free);
    }

    /// False when sections[at]'s name was seen before; records it otherwise.
    bool insert(std::size_t at) {
        if ((m_used + 1) * 2 > m_slots.size()) {
            grow();
        }
        if (!place(static_cast<std::uint32_t>(at))) {
            return false;
        }
        ++m_used;
        return true;
    }

private:
    static std::size_t hash(std::string_view s) {  // FNV-1a: names are short
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : s) {
            h = (h ^ c) * 1099511628211ULL;
        }
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    bool place(std::uint32_t at) {
        const std::string_view name = m_sections[at].name;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(name) & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == k_free) {
                m_slots[i] = at;
                return true;
            }
            if (m_sections[m_slots[i]].name == name) {
                return false;
            }
        }
    }
    void grow() {
        std::vector<std::uint32_t> old = std::move(m_slots);
        m_slots.assign(old.size() * 2, k_free);
        for (std::uint32_t at : old) {
            if (at != k_free) {
                place(at);
            }
        }
    }
    static constexpr std::uint32_t k_free = UINT32_MAX;  // more sections than that: no file
    const std::vector<IniSectionSpan>& m_sections;
    std::vector<std::uint32_t> m_slots;
    std::size_t m_used = 0;
};

std::string_view content_of(std::string_view text, const IniLine& line) {
    return ini_slice(text, line.content_begin, line.content_end);
}

/// Why configparser refuses an invalid line.
std::string invalid_line_problem(std::string_view content) {
    if (content.empty() || content[0] != '[') {
        return "not a '[section]' or 'key = value' line";
    }
    return content.rfind(']') == 1 ? "empty section name '[]'" : "section header without ']'";
}

}  // namespace

IniIndex index_ini(std::string_view text, IniOptions options) {
    IniIndex index;
    IniLineScanner scanner(text);
    index.top.begin = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    index.top.end = text.size();
    // Room for the sections of a file of profiles (a few lines each) up front: a growing
    // vector would copy itself, and touch fresh pages, at each doubling.
    index.sections.reserve(text.size() / 64);
    SeenNames names(index.sections, text.size() / 64);
    SectionKeys keys;
    bool in_section = false;
    IniLine line;
    auto fail = [&](int number, std::string what) {
        index.problem = std::make_pair(number, std::move(what));
        return std::move(index);
    };
    while (scanner.next(line)) {
        switch (line.kind) {
            case IniLineKind::blank:
            case IniLineKind::comment:
            case IniLineKind::continuation:
                break;
            case IniLineKind::invalid:
                return fail(line.number, invalid_line_problem(content_of(text, line)));
            case IniLineKind::section: {
                const std::string_view name = ini_slice(text, line.name_begin, line.name_end);
                index.sections.push_back(IniSectionSpan{name, line.number, line.begin, text.size(), line.number});
                if (!names.insert(index.sections.size() - 1)) {
                    index.sections.pop_back();
                    return fail(line.number, "duplicate section '[" + std::string(name) + "]'");
                }
                (in_section ? index.sections[index.sections.size() - 2].end : index.top.end) = line.begin;
                in_section = true;
                keys.clear();
                break;
            }
            case IniLineKind::key: {
                if (!in_section && !options.allow_top_level_keys) {
                    return fail(line.number, "key outside of a section (add a [section] header above it)");
                }
                const std::string_view key = ini_slice(text, line.name_begin, line.name_end);
                if (key.empty()) {
                    return fail(line.number, "missing key name before '" + std::string(1, text[line.separator]) + "'");
                }
                if (const int first = keys.add(key, line.number); first != 0) {
                    return fail(line.number,
                                "duplicate key '" + lower(key) + "' (first on line " + std::to_string(first) + ")");
                }
                break;
            }
        }
    }
    return index;
}

namespace {

/// inih over the lines of one span.
struct SpanParse {
    std::string_view text;
    IniLineScanner scanner;
    std::size_t end;
    IniLine line;  // the line inih is reading: it calls the handler before reading the next
    IniSection section;
};

/// What inih sees for one original line: same class, short, no inline-comment bytes.
std::string fed_line(std::string_view text, const IniLine& line) {
    switch (line.kind) {
        case IniLineKind::blank:
        case IniLineKind::comment:
            return "";
        case IniLineKind::continuation:
            return std::string(" ") + k_continuation_marker;
        default:
            break;
    }
    const std::string_view content = content_of(text, line);
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
    // `  <BOM>[a]` read as blank. Only the text's first three bytes are a BOM (the scanner
    // skips those); configparser reads U+FEFF anywhere else as a character, so inih must too.
    if (fed.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        fed[0] = '_';
    }
    return fed;
}

char* reader(char* buffer, int size, void* stream) {
    auto& st = *static_cast<SpanParse*>(stream);
    if (!st.scanner.next(st.line) || st.line.begin >= st.end) {
        return nullptr;
    }
    std::string fed = fed_line(st.text, st.line);
    fed.resize(std::min(fed.size(), static_cast<std::size_t>(std::max(size - 2, 0))));
    std::memcpy(buffer, fed.data(), fed.size());
    buffer[fed.size()] = '\n';
    buffer[fed.size() + 1] = '\0';
    return buffer;
}

int handler(void* user, const char* /*section*/, const char* name, const char* value) {
    auto& st = *static_cast<SpanParse*>(user);
    if (name == nullptr || value == nullptr) {
        // A build that reports new sections (we track them ourselves) or allows bare keys
        // (the index refuses those).
        return 1;
    }
    const IniLine& line = st.line;
    auto& entries = st.section.entries;
    // Decided by the scanner, never by the value: a value may itself be the marker byte.
    if (line.kind == IniLineKind::continuation) {
        if (!entries.empty()) {  // a continuation always follows a key; never crash
            entries.back().value += "\n" + std::string(ini_slice(st.text, line.value_begin, line.value_end));
        }
        return 1;
    }
    if (line.kind == IniLineKind::key) {
        entries.push_back(IniEntry{lower(ini_slice(st.text, line.name_begin, line.name_end)),
                                   std::string(ini_slice(st.text, line.value_begin, line.value_end)), line.number});
    }
    return 1;
}

/// The section, and inih's verdict: 0, the number of the first line it refused, or < 0
/// when it ran out of memory.
IniSection parse_span(std::string_view text, const IniSectionSpan& span, int& inih_error) {
    SpanParse st{text, IniLineScanner(text, span.begin, span.first_line), span.end, {}, {}};
    st.section.name = std::string(span.name);
    st.section.line = span.line;
    const int result = ini_parse_stream(reader, &st, handler, &st);
    inih_error = result > 0 ? span.first_line + result - 1 : result;
    return std::move(st.section);
}

}  // namespace

IniSection parse_ini_section(std::string_view text, const IniSectionSpan& span) {
    int inih_error = 0;
    IniSection section = parse_span(text, span, inih_error);
    if (inih_error < 0) {
        throw std::bad_alloc();
    }
    return section;
}

Result<IniDocument> parse_ini(std::string_view text, const std::string& file_name, IniOptions options) {
    IniIndex index = index_ini(text, options);
    auto fail = [&](int line, const std::string& what) {
        return make_error(Errc::config, file_name + ":" + std::to_string(line) + ": " + what);
    };
    if (index.problem) {
        return fail(index.problem->first, index.problem->second);
    }
    IniDocument doc;
    int inih_error = 0;
    auto parse = [&](const IniSectionSpan& span) {
        IniSection section = parse_span(text, span, inih_error);
        if (inih_error != 0) {
            return false;
        }
        if (span.line != 0 || !section.entries.empty()) {
            doc.sections.push_back(std::move(section));
        }
        return true;
    };
    if (parse(index.top) && std::all_of(index.sections.begin(), index.sections.end(), parse)) {
        return doc;
    }
    if (inih_error < 0) {
        return make_error(Errc::io, file_name + ": out of memory while parsing");
    }
    // inih refused a line the index accepted: the index is wrong, but the file is refused
    // all the same, by the parser of record.
    IniLineScanner scanner(text);
    IniLine line;
    while (scanner.next(line) && line.number < inih_error) {
    }
    return fail(inih_error, invalid_line_problem(content_of(text, line)));
}

}  // namespace awsume_shell::config
