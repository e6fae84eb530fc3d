#pragma once
/// User-controlled text (profile names, file contents, server answers, paths) on its way to
/// a terminal: control characters shown escaped, so a name can neither move the cursor,
/// retitle the window nor hide what follows. Machine outputs (list --json, --names,
/// export) stay exact and do not use this.

#include <string>
#include <string_view>

namespace awsume_shell::util {

/// C0 controls (including newline and tab), DEL and bytes that are not UTF-8 as `\xHH`;
/// the C1 controls U+0080..U+009F (which terminals take as ESC sequences) as `\u0080`;
/// everything else, backslashes included, as it is.
std::string printable(std::string_view text);

/// Well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace awsume_shell::util
