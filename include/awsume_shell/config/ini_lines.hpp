#pragma once
/// The one line scanner of INI text: what kind each physical line is, by configparser's
/// rules (see ini_reader.hpp), with byte offsets into the text. The reader (which feeds
/// inih, the parser of record), its section index and the byte-preserving editor all
/// classify lines here, so they cannot disagree on where a section or a key is.

#include <cstddef>
#include <string_view>
#include <vector>

namespace awsume_shell::config {

enum class IniLineKind {
    blank,
    comment,       ///< first non-blank byte '#' or ';' (any indent)
    section,       ///< '[' NAME ']' (the last ']'), NAME not empty
    key,           ///< a '=' or ':' in it: `name = value`
    continuation,  ///< indented deeper than the key line above it: more of that key's value
    invalid,       ///< none of these: a header without ']', '[]', a line without '=' or ':'
};

/// One physical line. Offsets index the scanned text.
struct IniLine {
    IniLineKind kind = IniLineKind::blank;
    int number = 0;  ///< 1-based, as configparser and inih count them
    /// [begin, end): the line's text; [end, next): its line end (LF, CRLF, CR or none).
    std::size_t begin = 0, end = 0, next = 0;
    /// [content_begin, content_end): the line without its leading and trailing blanks.
    std::size_t content_begin = 0, content_end = 0;
    /// section: the header's NAME. key, and an invalid line: the key as written, trimmed
    /// (empty when the line has no '=' or ':'). Empty otherwise.
    std::size_t name_begin = 0, name_end = 0;
    /// key (and an invalid line with a '=' or ':'): the value after the separator, trimmed;
    /// continuation: the content. Empty otherwise.
    std::size_t value_begin = 0, value_end = 0;
    /// key (and an invalid line with one): where the first '=' or ':' is; npos otherwise.
    std::size_t separator = std::string_view::npos;

    std::size_t indent() const { return content_begin - begin; }
};

/// Lines of `text` from byte `from` (the start of a line), numbered from `first_number`.
/// At byte 0 a UTF-8 BOM is skipped (configparser reads it as part of the encoding).
/// Continuation is decided as configparser does: a line that is neither blank nor a comment
/// and is indented deeper than the last key line (since the last section header) continues
/// it. An invalid line counts as a key line for the lines after it (the reader refuses the
/// whole text at the first invalid line, so only the editor sees what follows one).
class IniLineScanner {
public:
    explicit IniLineScanner(std::string_view text, std::size_t from = 0, int first_number = 1);

    /// The next line into `line`; false at the end of the text.
    bool next(IniLine& line);

    std::string_view text() const { return m_text; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_number = 0;
    bool m_option_open = false;
    std::size_t m_option_indent = 0;
};

/// Every line of `text`, for a user that goes back and forth between them (the editor).
std::vector<IniLine> ini_lines(std::string_view text);

/// The text of [begin, end) of `text`.
inline std::string_view ini_slice(std::string_view text, std::size_t begin, std::size_t end) {
    return text.substr(begin, end - begin);
}

}  // namespace awsume_shell::config
