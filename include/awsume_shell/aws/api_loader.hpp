#pragma once
/// Loads libawsume-shell-aws.so on first use and makes an Api from it.
/// Looked up beside the executable, then in ../lib/awsume-shell/, then
/// $AWSUME_SHELL_AWS_MODULE (for unusual installs).

#include <memory>

#include "awsume_shell/aws/api.hpp"

namespace awsume_shell::aws {

Result<std::unique_ptr<Api>> load_api(const ClientOptions& options);

}  // namespace awsume_shell::aws
