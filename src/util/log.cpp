#include "awsume_shell/util/log.hpp"

#include <unistd.h>

#include <ctime>
#include <string>

#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::util {

namespace {

/// One write(2) per line, so that lines of parallel processes do not interleave. Messages
/// carry profile names, file contents and server text: control characters are shown
/// escaped (util::printable), so a message is one line and cannot drive the terminal.
void write_line(bool timestamp, std::string_view prefix, std::string_view message) {
    std::string line = timestamp ? format_iso8601(static_cast<UnixTime>(::time(nullptr))) + " " : "";
    line += "awsume-shell: ";
    line.append(prefix).append(printable(message)).append("\n");
    const char* p = line.data();
    size_t left = line.size();
    while (left > 0) {
        ssize_t n = ::write(STDERR_FILENO, p, left);
        if (n <= 0) {
            return;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
}

}  // namespace

void Log::write(std::string_view level, std::string_view message) const {
    write_line(m_timestamps, level, message);
}

void Log::debug(std::string_view message) const {
    if (m_debug) {
        write("debug: ", message);
    }
}
void Log::warning(std::string_view message) const { write("warning: ", message); }
void Log::error(std::string_view message) const { write("", message); }
void Log::info(std::string_view message) const { write("", message); }

}  // namespace awsume_shell::util
