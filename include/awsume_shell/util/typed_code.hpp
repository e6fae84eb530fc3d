#pragma once
/// One-time codes typed at a terminal prompt (the MFA prompt, provision-mfa's two codes).

#include <string>
#include <string_view>

namespace awsume_shell::util {

/// How many lines a code prompt reads before it gives up (an empty or malformed line is
/// asked again).
constexpr int k_code_prompt_tries = 3;

/// The code as typed, without the spaces and dashes authenticator apps show ("240 191",
/// "240-191") and the line end; "" unless exactly six ASCII digits remain.
std::string normalise_typed_code(std::string_view typed);

/// Drops what was typed on terminal `fd` but not read yet (tcflush TCIFLUSH): type-ahead
/// before a prompt, and the rest of a pasted burst after the answer, so that nothing typed
/// for the prompt is left for the shell that started us to run.
void discard_typed_ahead(int fd);

}  // namespace awsume_shell::util
