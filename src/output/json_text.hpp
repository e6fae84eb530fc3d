#pragma once
/// A JSON string literal writer: output/ only writes JSON, so a few lines beat a dependency.

#include <string>
#include <string_view>

namespace awsume_shell::output {

/// `text` as a JSON string literal, quotes included. Bytes >= 0x80 pass through unchanged
/// (UTF-8 stays UTF-8); control characters are \u-escaped.
std::string json_quote(std::string_view text);

}  // namespace awsume_shell::output
