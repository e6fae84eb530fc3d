#include "awsume_shell/config/ini_lines.hpp"

#include <cstring>

namespace awsume_shell::config {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

}  // namespace

IniLineScanner::IniLineScanner(std::string_view text, std::size_t from, int first_number)
    : m_text(text), m_pos(from), m_number(first_number - 1) {
    if (from == 0 && text.substr(0, k_bom.size()) == k_bom) {
        m_pos = k_bom.size();
    }
    m_next_lf = find_byte('\n', m_pos);
    m_next_cr = find_byte('\r', m_pos);
}

std::size_t IniLineScanner::find_byte(char c, std::size_t from) const {
    if (from >= m_text.size()) {
        return m_text.size();  // and no memchr on the null data() of an empty view
    }
    const void* hit = std::memchr(m_text.data() + from, c, m_text.size() - from);
    return hit != nullptr ? static_cast<std::size_t>(static_cast<const char*>(hit) - m_text.data()) : m_text.size();
}

std::size_t IniLineScanner::line_end(std::size_t from) {
    if (m_next_lf < from) {
        m_next_lf = find_byte('\n', from);
    }
    if (m_next_cr < from) {
        m_next_cr = find_byte('\r', from);
    }
    return m_next_lf < m_next_cr ? m_next_lf : m_next_cr;
}

bool IniLineScanner::next(IniLine& line) {
    if (m_pos >= m_text.size()) {
        return false;
    }
    const char* t = m_text.data();
    line = IniLine{};
    line.number = ++m_number;
    line.begin = m_pos;
    line.end = line_end(m_pos);
    line.next = line.end;
    if (line.end < m_text.size()) {
        line.next = line.end + (t[line.end] == '\r' && line.end + 1 < m_text.size() && t[line.end + 1] == '\n' ? 2 : 1);
    }
    m_pos = line.next;

    std::size_t b = line.begin, e = line.end;
    while (b < e && is_blank(t[b])) {
        ++b;
    }
    while (e > b && is_blank(t[e - 1])) {
        --e;
    }
    line.content_begin = b;
    line.content_end = e;
    if (b == e) {
        line.kind = IniLineKind::blank;
        return true;
    }
    if (t[b] == '#' || t[b] == ';') {
        line.kind = IniLineKind::comment;
        return true;
    }
    const std::size_t indent = b - line.begin;
    if (m_option_open && indent > m_option_indent) {
        line.kind = IniLineKind::continuation;
        line.value_begin = b;
        line.value_end = e;
        return true;
    }
    if (t[b] == '[') {
        const void* close = ::memrchr(t + b, ']', e - b);
        const std::size_t at = close != nullptr ? static_cast<std::size_t>(static_cast<const char*>(close) - t) : 0;
        if (close != nullptr && at >= b + 2) {
            line.kind = IniLineKind::section;
            line.name_begin = b + 1;
            line.name_end = at;
            m_option_open = false;
            return true;
        }
    }
    // A key line, or an invalid one (which the lines after see as a key line).
    m_option_open = true;
    m_option_indent = indent;
    std::size_t split = b;
    while (split < e && t[split] != '=' && t[split] != ':') {
        ++split;
    }
    if (split == e) {
        line.kind = IniLineKind::invalid;
        line.name_begin = line.name_end = line.value_begin = line.value_end = b;
        return true;
    }
    line.kind = t[b] == '[' ? IniLineKind::invalid : IniLineKind::key;
    line.separator = split;
    std::size_t name_end = split;
    while (name_end > b && is_blank(t[name_end - 1])) {
        --name_end;
    }
    line.name_begin = b;
    line.name_end = name_end;
    std::size_t value_begin = split + 1;
    while (value_begin < e && is_blank(t[value_begin])) {
        ++value_begin;
    }
    line.value_begin = value_begin;
    line.value_end = e;
    return true;
}

}  // namespace awsume_shell::config
