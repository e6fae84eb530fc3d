#pragma once
/// AWSUME_SHELL_SESSION: how to get this sub-shell's credentials again. Set by
/// `awsume-shell shell` in the sub-shell's environment (model::encode_request), read by
/// `refresh` and `status`, and its presence refuses nesting.

#include <optional>

#include "awsume_shell/model/request.hpp"
#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::shell {

/// The session this process runs in, from AWSUME_SHELL_SESSION; nullopt outside one.
Result<std::optional<model::Request>> current_session(const util::Env& env);

/// Errc::usage "already in an awsume-shell session for PROFILE; use --nested to start
/// another" when env is inside a session and nested is false.
Result<void> check_not_nested(const util::Env& env, bool nested);

}  // namespace awsume_shell::shell
