#pragma once
/// Drawing a QrMatrix as text. Pure: the caller decides UTF-8, colour and inversion from the
/// environment (helpers below) and prints the result.
///
/// "Ink" is whatever the terminal draws in its foreground colour (a block or '#').
/// By default the ink is the LIGHT modules and the dark modules are left as background, so
/// the code reads correctly on a dark theme; with colour on, every line is painted bright
/// white on black explicitly, so it reads correctly on a light theme too. Without colour on
/// a light theme, --invert makes the dark modules the ink.

#include <string>

#include "awsume_shell/mfa/qr_matrix.hpp"
#include "awsume_shell/util/env.hpp"

namespace awsume_shell::mfa {

struct TerminalQrOptions {
    bool utf8 = true;     ///< half blocks (2 module rows per line); else "##"/"  " per module
    bool colour = false;  ///< wrap every line in explicit white-on-black SGR codes
    bool invert = false;  ///< ink = dark modules (light themes without colour)
};

/// The code with a k_quiet_zone margin, one '\n'-terminated line per text row.
std::string render_terminal_qr(const QrMatrix& matrix, const TerminalQrOptions& options);

/// True when the first set of LC_ALL, LC_CTYPE, LANG names a UTF-8 codeset.
bool locale_is_utf8(const util::Env& env);

}  // namespace awsume_shell::mfa
