#pragma once
/// The rc templates of shellrc/, embedded at build time (shellrc/embed.sh writes them as
/// raw strings into the build folder), so the binary never reads the source tree. Placeholders are @NAME@ (A-Z and _).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::shell {

enum class TemplateId { bash, zsh, zsh_startup };

/// File name under shellrc/ ("bash.sh") and the embedded text.
const char* template_file_name(TemplateId id);
std::string_view template_text(TemplateId id);

/// Replace every @NAME@ by util::sh_quote(values[NAME]), or by the elements of
/// lists[NAME] each sh-quoted and joined by spaces (several words, e.g. a `for` list).
/// Values are quoted, never pasted raw; the output is not rescanned. Errc::io naming the
/// placeholder when the template uses a NAME in neither map.
Result<std::string> fill_template(std::string_view text,
                                  const std::map<std::string, std::string>& values,
                                  const std::map<std::string, std::vector<std::string>>& lists = {});

}  // namespace awsume_shell::shell
