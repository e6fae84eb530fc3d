#include "awsume_shell/mfa/terminal_qr.hpp"

#include <algorithm>
#include <cctype>

namespace awsume_shell::mfa {
namespace {

constexpr const char* k_upper_half = "\u2580";  // ▀
constexpr const char* k_lower_half = "\u2584";  // ▄
constexpr const char* k_full_block = "\u2588";  // █
// Bright white on black: the code is right whatever the theme's own colours are.
constexpr const char* k_colour_on = "\x1b[97;40m";
constexpr const char* k_colour_off = "\x1b[0m";

/// Ink at row y of the drawing (quiet zone included); rows past the bottom margin (the odd
/// half line of the last half-block row) are never ink.
bool ink(const QrMatrix& matrix, const TerminalQrOptions& options, int x, int y) {
    const int total = matrix.size + 2 * k_quiet_zone;
    if (y >= total) {
        return false;
    }
    const bool dark = matrix.is_dark(x - k_quiet_zone, y - k_quiet_zone);
    // With colour the ink is explicitly light on dark, right on any theme: --invert only
    // serves terminals drawn in their own colours.
    return options.invert && !options.colour ? dark : !dark;
}

}  // namespace

std::string render_terminal_qr(const QrMatrix& matrix, const TerminalQrOptions& options) {
    const int total = matrix.size + 2 * k_quiet_zone;
    const int row_step = options.utf8 ? 2 : 1;
    std::string out;
    for (int y = 0; y < total; y += row_step) {
        if (options.colour) {
            out += k_colour_on;
        }
        for (int x = 0; x < total; ++x) {
            const bool top = ink(matrix, options, x, y);
            if (!options.utf8) {
                out += top ? "##" : "  ";
                continue;
            }
            const bool bottom = ink(matrix, options, x, y + 1);
            if (top && bottom) {
                out += k_full_block;
            } else if (top) {
                out += k_upper_half;
            } else if (bottom) {
                out += k_lower_half;
            } else {
                out += ' ';
            }
        }
        if (options.colour) {
            out += k_colour_off;
        }
        out += '\n';
    }
    return out;
}

bool locale_is_utf8(const util::Env& env) {
    const auto locale = env.first_of({"LC_ALL", "LC_CTYPE", "LANG"});
    if (!locale) {
        return false;
    }
    std::string lower = *locale;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
}

}  // namespace awsume_shell::mfa
