#pragma once
/// The rc templates of shellrc/, embedded at build time (shellrc/embed.sh writes them as
/// raw strings into the build folder, each `# @part NAME` line replaced by
/// shellrc/parts/NAME), so the binary never reads the source tree. Placeholders are @NAME@
/// (A-Z and _).

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/result.hpp"
#include "awsume_shell/util/shell_quote.hpp"

namespace awsume_shell::shell {

struct EmbeddedTemplate {
    std::string_view file_name;  ///< under shellrc/: "bash.sh"
    std::string_view text;       ///< with its parts pasted in
};

/// Every template of shellrc/, in file name order.
std::span<const EmbeddedTemplate> embedded_templates();

/// The text of the template named file_name; Errc::io naming it when there is none (a
/// shell table row naming a file that shellrc/ does not have).
Result<std::string_view> template_text(std::string_view file_name);

/// How a value is written into a template: the quoting of the shell that reads it.
using QuoteFunction = std::string (*)(std::string_view);

/// Replace every @NAME@ by quote(values[NAME]), or by the elements of lists[NAME] each
/// quoted and joined by spaces (several words, e.g. a `for` list). Values are quoted,
/// never pasted raw; the output is not rescanned. Errc::io naming the placeholder when the
/// template uses a NAME in neither map.
Result<std::string> fill_template(std::string_view text,
                                  const std::map<std::string, std::string>& values,
                                  const std::map<std::string, std::vector<std::string>>& lists = {},
                                  QuoteFunction quote = util::sh_quote);

}  // namespace awsume_shell::shell
