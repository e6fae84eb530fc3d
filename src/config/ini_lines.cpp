#include "awsume_shell/config/ini_lines.hpp"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace awsume_shell::config {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

/// The first byte at or after `from` that is one of c0..c3 (size when none): 16 bytes a
/// step where SSE2 is there (every x86-64), for this runs twice on every line of a large
/// file: once for a key's separator, once for the line's end.
// Inlined, so that the four needles are constants.
[[gnu::always_inline]] inline std::size_t find_any(std::string_view text, std::size_t from, char c0, char c1, char c2,
                                                  char c3) {
    const char* t = text.data();
    const std::size_t size = text.size();
#ifdef __SSE2__
    const __m128i v0 = _mm_set1_epi8(c0), v1 = _mm_set1_epi8(c1), v2 = _mm_set1_epi8(c2), v3 = _mm_set1_epi8(c3);
    for (; from + 16 <= size; from += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + from));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, v0), _mm_cmpeq_epi8(block, v1)),
                                         _mm_or_si128(_mm_cmpeq_epi8(block, v2), _mm_cmpeq_epi8(block, v3)));
        if (const int mask = _mm_movemask_epi8(hit); mask != 0) {
            return from + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
    }
#endif
    for (; from < size; ++from) {
        const char c = t[from];
        if (c == c0 || c == c1 || c == c2 || c == c3) {
            return from;
        }
    }
    return size;
}

}  // namespace

IniLineScanner::IniLineScanner(std::string_view text, std::size_t from, int first_number)
    : m_text(text), m_pos(from), m_number(first_number - 1) {
    if (from == 0 && text.substr(0, k_bom.size()) == k_bom) {
        m_pos = k_bom.size();
    }
}

bool IniLineScanner::next(IniLine& line) {
    const std::size_t size = m_text.size();
    if (m_pos >= size) {
        return false;
    }
    const char* t = m_text.data();
    line.number = ++m_number;
    line.begin = m_pos;
    std::size_t b = m_pos;
    while (b < size && is_blank(t[b])) {
        ++b;
    }
    line.content_begin = b;
    line.name_begin = line.name_end = line.value_begin = line.value_end = b;
    line.separator = std::string_view::npos;
    const std::size_t indent = b - line.begin;
    // The kind is known from the first byte but for a key line, whose separator is looked
    // for in the same pass as its end (this loop runs on every line of a large file).
    std::size_t scan_to = b;
    if (b == size || t[b] == '\n' || t[b] == '\r') {
        line.kind = IniLineKind::blank;
    } else if (t[b] == '#' || t[b] == ';') {
        line.kind = IniLineKind::comment;
    } else if (m_option_open && indent > m_option_indent) {
        line.kind = IniLineKind::continuation;
    } else {
        const std::size_t j = find_any(m_text, b, '=', ':', '\n', '\r');
        line.kind = IniLineKind::key;
        if (j < size && (t[j] == '=' || t[j] == ':')) {
            line.separator = j;
            scan_to = j + 1;
        } else {
            line.kind = IniLineKind::invalid;  // no separator (or a header, below)
            scan_to = j;
        }
    }
    line.end = find_any(m_text, scan_to, '\n', '\r', '\n', '\r');
    line.next = line.end;
    if (line.end < size) {
        line.next = line.end + (t[line.end] == '\r' && line.end + 1 < size && t[line.end + 1] == '\n' ? 2 : 1);
    }
    m_pos = line.next;
    std::size_t e = line.end;
    while (e > b && is_blank(t[e - 1])) {
        --e;
    }
    line.content_end = e;

    switch (line.kind) {
        case IniLineKind::blank:
        case IniLineKind::comment:
            return true;
        case IniLineKind::continuation:
            line.value_end = e;
            return true;
        default:
            break;
    }
    if (t[b] == '[') {
        const void* close = ::memrchr(t + b, ']', e - b);
        const std::size_t at = close != nullptr ? static_cast<std::size_t>(static_cast<const char*>(close) - t) : 0;
        if (close != nullptr && at >= b + 2) {
            line.kind = IniLineKind::section;
            line.separator = std::string_view::npos;
            line.name_begin = b + 1;
            line.name_end = at;
            m_option_open = false;
            return true;
        }
        line.kind = IniLineKind::invalid;  // '[]', or no ']': still a key line for what follows
    }
    m_option_open = true;
    m_option_indent = indent;
    if (line.separator == std::string_view::npos) {
        return true;
    }
    std::size_t name_end = line.separator;
    while (name_end > b && is_blank(t[name_end - 1])) {
        --name_end;
    }
    line.name_end = name_end;
    std::size_t value_begin = line.separator + 1;
    while (value_begin < e && is_blank(t[value_begin])) {
        ++value_begin;
    }
    line.value_begin = value_begin;
    line.value_end = e;
    return true;
}

std::vector<IniLine> ini_lines(std::string_view text) {
    std::vector<IniLine> lines;
    IniLineScanner scanner(text);
    for (IniLine line; scanner.next(line);) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace awsume_shell::config
