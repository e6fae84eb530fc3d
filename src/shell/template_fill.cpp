#include "awsume_shell/shell/templates.hpp"

namespace awsume_shell::shell {

namespace {

bool is_name_char(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }

/// Length of the NAME in "@NAME@" starting at text[at] == '@', or 0 if none is there.
std::size_t placeholder_length(std::string_view text, std::size_t at) {
    std::size_t end = at + 1;
    while (end < text.size() && is_name_char(text[end])) {
        ++end;
    }
    if (end == at + 1 || end >= text.size() || text[end] != '@') {
        return 0;
    }
    return end - at - 1;
}

}  // namespace

Result<std::string_view> template_text(std::string_view file_name) {
    for (const EmbeddedTemplate& entry : embedded_templates()) {
        if (entry.file_name == file_name) {
            return entry.text;
        }
    }
    return make_error(Errc::io, "shell template: no shellrc/" + std::string(file_name));
}

Result<std::string> fill_template(std::string_view text,
                                  const std::map<std::string, std::string>& values,
                                  const std::map<std::string, std::vector<std::string>>& lists,
                                  QuoteFunction quote) {
    std::string out;
    out.reserve(text.size() + 256);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t at = text.find('@', pos);
        if (at == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, at - pos));
        std::size_t length = placeholder_length(text, at);
        if (length == 0) {
            out += '@';
            pos = at + 1;
            continue;
        }
        std::string name(text.substr(at + 1, length));
        if (auto it = values.find(name); it != values.end()) {
            out += quote(it->second);
        } else if (auto list = lists.find(name); list != lists.end()) {
            for (std::size_t i = 0; i < list->second.size(); ++i) {
                out += (i == 0 ? "" : " ") + quote(list->second[i]);
            }
        } else {
            return make_error(Errc::io, "shell template: no value for @" + name + "@");
        }
        pos = at + length + 2;
    }
    return out;
}

}  // namespace awsume_shell::shell
