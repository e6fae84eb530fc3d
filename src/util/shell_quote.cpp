#include "awsume_shell/util/shell_quote.hpp"

namespace awsume_shell::util {

namespace {

bool is_sh_safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '@' || c == '%' || c == '+' || c == ':' || c == ',' || c == '.' ||
           c == '/' || c == '-';
}

}  // namespace

std::string sh_quote(std::string_view text) {
    bool safe = !text.empty();
    for (std::size_t i = 0; i < text.size() && safe; ++i) {
        // '=' first would be zsh's "=cmd" path expansion.
        safe = is_sh_safe(text[i]) || (text[i] == '=' && i > 0);
    }
    if (safe) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string fish_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    for (char c : text) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    out += '\'';
    return out;
}

std::optional<std::string> dotenv_quote(std::string_view text) {
    (void)text;
    return std::nullopt;  // not yet
}

}  // namespace awsume_shell::util
