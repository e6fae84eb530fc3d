#include "awsume_shell/util/shell_quote.hpp"
#include "export_writers.hpp"

namespace awsume_shell::output {

Result<std::string> fish_set_line(const std::string& name, const std::string& value) {
    return "set -gx " + name + " " + util::fish_quote(value) + "\n";
}

std::string fish_unset_line(const std::string& name) { return "set -e " + name + "\n"; }

}  // namespace awsume_shell::output
