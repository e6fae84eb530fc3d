#include "awsume_shell/util/region.hpp"

#include <algorithm>

namespace awsume_shell::util {
namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_valid_region(std::string_view region) {
    if (region.empty() || region.size() > 63 || !is_alnum(region.front()) ||
        !is_alnum(region.back())) {
        return false;
    }
    if (!std::all_of(region.begin(), region.end(), [](char c) { return is_alnum(c) || c == '-'; })) {
        return false;
    }
    // botocore: a label of digits only is no region (it would read as part of an address).
    return !std::all_of(region.begin(), region.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<void> check_region(std::string_view region, const std::string& where, Errc code) {
    if (is_valid_region(region)) {
        return {};
    }
    return make_error(code, where + ": region '" + std::string(region) +
                                "' is not an AWS region name (letters, digits and '-', such as eu-west-1)");
}

Result<std::optional<std::string>> region_from_env(const Env& env) {
    for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        if (auto value = env.get(variable)) {
            if (!value->empty()) {
                TRY_VOID(check_region(*value, variable, Errc::usage));
            }
            return value;
        }
    }
    return std::optional<std::string>{};
}

}  // namespace awsume_shell::util
