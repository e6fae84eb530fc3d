#pragma once
/// `awsume-shell exce prod`: a first word close to a command name is a typo unless a profile
/// has exactly that name, so it is refused with "did you mean" instead of becoming a profile.

#include <optional>
#include <string>
#include <vector>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::cli {

/// Errc::usage naming the word and the commands it is close to, or nullopt (a command, an
/// option, a word close to no command, or a profile in the AWS files that `args` and `env`
/// point to). The profile files are read only for a word close to a command, so that
/// `awsume-shell prod` pays nothing for this check.
std::optional<Error> mistyped_command(const std::vector<std::string>& args, const util::Env& env);

}  // namespace awsume_shell::cli
