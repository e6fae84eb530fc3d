#include "awsume_shell/util/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace awsume_shell::util {

Result<std::string> random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    std::size_t got = 0;
    while (got < bytes) {
        const ssize_t n = ::getrandom(raw.data() + got, bytes - got, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return make_error(Errc::io, std::string("cannot make a random token: getrandom: ") + std::strerror(errno));
        }
        got += static_cast<std::size_t>(n);
    }
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes * 2);
    for (unsigned char c : raw) {
        hex += k_digits[c >> 4];
        hex += k_digits[c & 0xf];
    }
    std::memset(raw.data(), 0, raw.size());
    return hex;
}

bool constant_time_equal(std::string_view expected, std::string_view given) noexcept {
    // Every byte of `expected` is looked at, whatever `given` holds; a length difference
    // is folded into the same accumulator instead of returning early.
    unsigned difference = expected.size() == given.size() ? 0U : 1U;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const unsigned char other = i < given.size() ? static_cast<unsigned char>(given[i]) : 0U;
        difference |= static_cast<unsigned char>(expected[i]) ^ other;
    }
    return difference == 0;
}

}  // namespace awsume_shell::util
