#include "awsume_shell/util/typed_code.hpp"

#include <termios.h>

namespace awsume_shell::util {

std::string normalise_typed_code(std::string_view typed) {
    std::string code;
    for (const char c : typed) {
        if (c >= '0' && c <= '9') {
            code += c;
        } else if (c != ' ' && c != '\t' && c != '-' && c != '\r' && c != '\n') {
            return {};
        }
    }
    return code.size() == 6 ? code : std::string{};
}

void discard_typed_ahead(int fd) {
    // Not a terminal (a test's pipe): nothing to flush, and nothing to report.
    (void)::tcflush(fd, TCIFLUSH);
}

}  // namespace awsume_shell::util
