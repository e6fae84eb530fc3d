#include "awsume_shell/util/display_text.hpp"

namespace awsume_shell::util {

std::string printable(std::string_view text) {
    (void)text;
    return std::string(text);  // not yet
}

}  // namespace awsume_shell::util
