#include "awsume_shell/util/duration.hpp"

#include <cctype>
#include <limits>

namespace awsume_shell::util {

namespace {

constexpr long k_max_seconds = 10L * 365 * 24 * 3600;  // anything larger is a typo

long unit_seconds(char unit) {
    switch (unit) {
    case 'd':
        return 86400;
    case 'h':
        return 3600;
    case 'm':
        return 60;
    case 's':
        return 1;
    default:
        return 0;
    }
}

Unexpected bad(std::string_view text, const std::string& why) {
    return make_error(Errc::usage, "invalid duration '" + std::string(text) + "': " + why);
}

}  // namespace

Result<long> parse_duration(std::string_view text) {
    if (text.empty()) {
        return bad(text, "empty (use e.g. 900, 15m, 1h30m)");
    }
    long total = 0;
    std::size_t i = 0;
    long previous_unit = std::numeric_limits<long>::max();
    bool bare_number = true;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return bad(text, "expected a number at '" + std::string(text.substr(i)) + "'");
        }
        long number = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            number = number * 10 + (text[i] - '0');
            if (number > k_max_seconds) {
                return bad(text, "too large");
            }
            ++i;
        }
        long unit = 1;
        if (i < text.size()) {
            unit = unit_seconds(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
            if (unit == 0) {
                return bad(text, "unknown unit '" + std::string(1, text[i]) + "' (use d, h, m or s)");
            }
            if (unit >= previous_unit) {
                return bad(text, "units must go from large to small, each once");
            }
            previous_unit = unit;
            bare_number = false;
            ++i;
        } else if (!bare_number) {
            return bad(text, "the last number has no unit");
        }
        total += number * unit;
        if (total > k_max_seconds) {
            return bad(text, "too large");
        }
    }
    return total;
}

std::string format_duration(long seconds) {
    if (seconds <= 0) {
        return "0s";
    }
    std::string out;
    const long hours = seconds / 3600;
    const long minutes = seconds % 3600 / 60;
    const long rest = seconds % 60;
    if (hours > 0) {
        out += std::to_string(hours) + "h";
    }
    if (minutes > 0) {
        out += std::to_string(minutes) + "m";
    }
    if (rest > 0) {
        out += std::to_string(rest) + "s";
    }
    return out;
}

}  // namespace awsume_shell::util
