#include "awsume_shell/util/shell_quote.hpp"

#include "awsume_shell/util/display_text.hpp"

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
    // Single quotes are literal for docker compose and for a shell sourcing the file
    // (`set -a; . ./.env`). python-dotenv (0.21, as in Debian 12) still changes three
    // things inside them: `\\` and `\'` are unescaped, and `${NAME}` / `${NAME:-x}` is
    // interpolated after that (a lone `$` is not); it also reads the file as UTF-8. There
    // is no escape for `${` in any of its quoting styles, and a shell cannot hold `'` in
    // single quotes: such values are refused rather than written to be read differently.
    // A line end would end the entry for most readers; NUL cannot be in the environment.
    if (text.find_first_of(std::string_view("'\\\n\r\0", 5)) != std::string_view::npos ||
        text.find("${") != std::string_view::npos || !is_valid_utf8(text)) {
        return std::nullopt;
    }
    return "'" + std::string(text) + "'";
}

}  // namespace awsume_shell::util
