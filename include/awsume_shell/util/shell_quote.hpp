#pragma once
/// Quoting of arbitrary bytes for the places we hand values to a shell or a dotenv reader.
/// Pure functions: any byte except NUL (which no environment value can hold) round-trips.

#include <optional>
#include <string>
#include <string_view>

namespace awsume_shell::util {

/// POSIX sh (bash, zsh, dash): the text as is when it is made only of [A-Za-z0-9_@%+:,./-]
/// (and '=' after the first byte), else single-quoted with ' written as '\''; "" gives ''.
std::string sh_quote(std::string_view text);
/// fish: always single quotes, with \ and ' backslash-escaped (the only escapes fish
/// honours inside single quotes).
std::string fish_quote(std::string_view text);
/// dotenv: single quotes, which python-dotenv, docker compose and a sourcing shell all read
/// literally, except for what python-dotenv still changes inside them. So nullopt (the value
/// cannot be written exactly) for ${ (interpolated), \\ and ' (unescaped; a shell cannot
/// hold '), a line end or NUL, and text that is not UTF-8. See docs/export-formats.md.
std::optional<std::string> dotenv_quote(std::string_view text);

}  // namespace awsume_shell::util
