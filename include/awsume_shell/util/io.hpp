#pragma once
/// Small POSIX helpers shared by the commands and the process code.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// Writes all of `text` to `fd`, retrying short writes and EINTR.
Result<void> write_all(int fd, std::string_view text);

/// Reads `fd` to its end, at most `max_bytes` (retrying EINTR). The error's message is
/// strerror alone, for the caller to name the file.
Result<std::string> read_all(int fd, size_t max_bytes);

/// `path` opened for reading (O_CLOEXEC, and O_NONBLOCK so that a named pipe planted at
/// the path cannot block us in open(2)); nullopt when it does not exist. Otherwise
/// `code` "cannot read PATH: REASON".
Result<std::optional<int>> open_if_exists(const std::string& path, Errc code);

/// NULL-terminated char* array over `strings` (for execve); valid while `strings` lives.
std::vector<char*> c_string_array(std::vector<std::string>& strings);

}  // namespace awsume_shell::util
