#pragma once
/// Secrets we make ourselves (the credentials server's endpoint token) and the comparison
/// that does not tell an attacker how much of a guess was right.

#include <cstddef>
#include <string>
#include <string_view>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

/// `bytes` bytes from the kernel's generator (getrandom), as lower-case hex. Errc::io when
/// the kernel has none to give (never silently weaker).
Result<std::string> random_hex(std::size_t bytes);

/// a == b in time that depends only on the length of `expected`, never on where the first
/// difference is (a token compared with memcmp leaks its prefix to a timing attacker).
bool constant_time_equal(std::string_view expected, std::string_view given) noexcept;

}  // namespace awsume_shell::util
