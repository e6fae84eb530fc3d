#include "awsume_shell/util/shell_quote.hpp"
#include "export_writers.hpp"

namespace awsume_shell::output {

/// Its row has no unset line: a dotenv file cannot unset, a variable it does not name keeps
/// its value.
Result<std::string> dotenv_set_line(const std::string& name, const std::string& value) {
    auto quoted = util::dotenv_quote(value);
    if (!quoted) {
        return make_error(Errc::usage, "--format dotenv: the value of " + name + " holds ${, a quote, a backslash, a line end or bytes that are not UTF-8, which dotenv readers do not read back as written; use --format sh or json");
    }
    return name + "=" + *quoted + "\n";
}

}  // namespace awsume_shell::output
