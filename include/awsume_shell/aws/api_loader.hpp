#pragma once
/// Loads libawsume-shell-aws.so on first use and makes the AWS services from it.
/// Looked up beside the executable, then in ../lib/awsume-shell/, then
/// $AWSUME_SHELL_AWS_MODULE (for unusual installs).

#include <memory>

#include "awsume_shell/aws/api.hpp"

namespace awsume_shell::aws {

/// Errc::io when the module is missing, from another build (module_version.hpp) or fails.
Result<Clients> load_clients(const ClientOptions& options);

/// Loads the module now (checking its version) and keeps it for the life of the process:
/// for a long-lived process (the -a refresher), so that a module replaced on disk later (a
/// package upgrade) is never the one it loads.
Result<void> load_module(const util::Env& env);

/// Address of another exported symbol of the same module (loading it if needed), e.g.
/// "awsume_shell_qr_encode" for provision-mfa. Errc::io naming the symbol when absent.
Result<void*> find_module_symbol(const char* name);

}  // namespace awsume_shell::aws
