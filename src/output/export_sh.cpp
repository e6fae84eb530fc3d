#include "awsume_shell/util/shell_quote.hpp"
#include "export_writers.hpp"

namespace awsume_shell::output {

Result<std::string> sh_set_line(const std::string& name, const std::string& value) {
    return "export " + name + "=" + util::sh_quote(value) + "\n";
}

std::string sh_unset_line(const std::string& name) { return "unset " + name + "\n"; }

}  // namespace awsume_shell::output
