#include "awsume_shell/credentials/obtain.hpp"

#include <algorithm>
#include <cctype>

namespace awsume_shell::credentials {

namespace {

bool is_account_id(const std::string& text) {
    return text.size() == 12 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::vector<std::string> split_colons(const std::string& text) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t colon = text.find(':', start);
        parts.push_back(text.substr(start, colon - start));
        if (colon == std::string::npos) {
            return parts;
        }
        start = colon + 1;
    }
}

}  // namespace

std::string partition_of(const std::string& arn) {
    auto parts = split_colons(arn);
    if (parts.size() > 2 && parts[0] == "arn" && !parts[1].empty()) {
        return parts[1];
    }
    return "aws";
}

std::string default_output_profile(const std::string& profile_name_prefix, const Obtained& obtained) {
    if (!obtained.role_arn) {
        return profile_name_prefix.empty() ? obtained.profile
                                           : profile_name_prefix + "-" + obtained.profile;
    }
    const std::string& arn = *obtained.role_arn;
    const std::string role_name = arn.substr(arn.rfind('/') + 1);
    const auto parts = split_colons(arn);
    const std::string account = parts.size() > 4 ? parts[4] : "";
    const std::string& prefix = profile_name_prefix.empty() ? account : profile_name_prefix;
    return prefix.empty() ? role_name : prefix + "-" + role_name;
}

Result<std::string> expand_role_arn(const std::string& text,
                                    const std::optional<std::string>& role_prefix) {
    auto bad = [&](const std::string& why) {
        return make_error(Errc::usage, "--role-arn '" + text + "': " + why);
    };
    if (text.rfind("arn:", 0) == 0) {
        auto parts = split_colons(text);
        // parts[5] is "role/[PATH/]NAME": a trailing '/' means the name is missing.
        if (parts.size() < 6 || parts[2] != "iam" || parts[5].rfind("role/", 0) != 0 ||
            parts[5].back() == '/' || !is_account_id(parts[4])) {
            return bad("not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)");
        }
        return text;
    }
    auto parts = split_colons(text);
    if (parts.size() == 2 || parts.size() == 3) {
        const std::string partition = parts.size() == 3 ? parts[0] : "aws";
        const std::string& account = parts[parts.size() - 2];
        std::string role = parts.back();
        if (role.rfind("role/", 0) == 0) {
            role = role.substr(5);  // "ACCOUNT:role/NAME", half an ARN
        }
        if (!is_account_id(account) || role.empty() || partition.empty()) {
            return bad("expected [PARTITION:]ACCOUNT:ROLE with a 12-digit account id");
        }
        return "arn:" + partition + ":iam::" + account + ":role/" + role;
    }
    if (parts.size() == 1 && !text.empty()) {
        if (!role_prefix) {
            return bad("a bare role name needs role_prefix in ~/.awsume-shell/config.ini "
                       "(or give ACCOUNT:ROLE or a full ARN)");
        }
        std::string prefix = *role_prefix;
        if (prefix.rfind("arn:", 0) != 0) {
            // "ACCOUNT" or "[partition:]ACCOUNT" as a prefix: the usual uber assume-role form.
            return expand_role_arn(prefix + ":" + text, std::nullopt);
        }
        if (prefix.back() != '/') {
            prefix += '/';  // "arn:aws:iam::ACCOUNT:role" and ".../role/path" alike
        }
        return expand_role_arn(prefix + text, std::nullopt);
    }
    return bad("expected a role ARN, [PARTITION:]ACCOUNT:ROLE or a role name");
}

}  // namespace awsume_shell::credentials
