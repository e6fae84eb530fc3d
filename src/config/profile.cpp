#include "awsume_shell/config/profile.hpp"

#include "awsume_shell/config/sso_settings.hpp"

namespace awsume_shell::config {

std::optional<std::string> Profile::get(const std::string& key) const {
    auto it = values.find(key);
    if (it == values.end() || it->second.value.empty()) {
        return std::nullopt;
    }
    return it->second.value;
}

std::string Profile::origin(const std::string& key) const {
    auto it = values.find(key);
    if (it == values.end()) {
        return {};
    }
    return it->second.file + ":" + std::to_string(it->second.line);
}

std::string Profile::origin() const { return file + ":" + std::to_string(line); }

bool Profile::has_static_keys() const { return has("aws_access_key_id") && has("aws_secret_access_key"); }

std::string profile_type(const Profile& p) {
    if (p.has("role_arn")) {
        return "role";
    }
    if (names_sso_role(p)) {  // before the keys, as the profile's source rules (botocore's order)
        return "sso";
    }
    if (p.has_static_keys()) {
        return "user";
    }
    if (p.has("credential_process")) {
        return "process";
    }
    if (is_sso_profile(p)) {
        return "sso";
    }
    return "user";
}

}  // namespace awsume_shell::config
