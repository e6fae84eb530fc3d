#pragma once
/// AWS region names. A region becomes part of a host name (sts.REGION.amazonaws.com) and of
/// the SigV4 scope, so only a DNS host label passes: botocore's validate_region_name
/// (letters, digits and '-', 1..63 characters, no '-' at either end, not all digits).

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/util/env.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::util {

bool is_valid_region(std::string_view region);

/// `code` "WHERE: region 'VALUE' is not an AWS region name (...)" unless valid; `where`
/// names the option, variable or file:line the value came from.
Result<void> check_region(std::string_view region, const std::string& where, Errc code);

/// AWS_REGION, else AWS_DEFAULT_REGION (the first one set; an empty value means no region),
/// checked; Errc::usage naming the variable.
Result<std::optional<std::string>> region_from_env(const Env& env);

}  // namespace awsume_shell::util
