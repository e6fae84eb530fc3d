#pragma once
/// The version the binary and libawsume-shell-aws.so must agree on. C++ objects cross the
/// boundary (api.hpp: classes with vtables, std::string, ClientOptions), so a module from
/// another build is undefined behaviour the moment any of them is used: the loader reads
/// this symbol first and refuses a module whose text differs from its own.
///
/// Bump k_module_abi whenever a type or symbol that crosses the boundary changes; the
/// project version is part of the text too, so a release never mixes with another.

// Both sides are built with AWSUME_SHELL_VERSION defined (CMakeLists.txt).
#ifndef AWSUME_SHELL_VERSION
#error "AWSUME_SHELL_VERSION must be defined where the module version is used"
#endif

#define AWSUME_SHELL_AWS_MODULE_ABI "2"

namespace awsume_shell::aws {

/// The module's answer and the loader's expectation, e.g. "awsume-shell 0.1.0, module ABI 1".
inline constexpr const char* k_module_version =
    "awsume-shell " AWSUME_SHELL_VERSION ", module ABI " AWSUME_SHELL_AWS_MODULE_ABI;

/// The symbol the loader looks up before any other; plain C so that any build can answer.
inline constexpr const char* k_module_version_symbol = "awsume_shell_aws_module_version";

}  // namespace awsume_shell::aws
