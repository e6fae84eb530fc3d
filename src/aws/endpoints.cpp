#include "awsume_shell/aws/endpoints.hpp"

#include <cctype>
#include <optional>

#include "awsume_shell/util/region.hpp"

namespace awsume_shell::aws {

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') {
        base.remove_suffix(1);
    }
    return std::string(base) + std::string(path);
}

std::string ascii_lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

namespace {

std::string lower(std::string text) { return ascii_lower(std::move(text)); }

bool is_ipv4_loopback(const std::string& host) {
    // Four dotted decimal octets, the first 127.
    int parts = 0;
    std::size_t start = 0;
    while (start <= host.size()) {
        std::size_t dot = host.find('.', start);
        std::string part = host.substr(start, dot == std::string::npos ? dot : dot - start);
        if (part.empty() || part.size() > 3) {
            return false;
        }
        for (char c : part) {
            if (!std::isdigit(static_cast<unsigned char>(c))) {
                return false;
            }
        }
        if (std::stoi(part) > 255 || (parts == 0 && part != "127")) {
            return false;
        }
        ++parts;
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    return parts == 4;
}

std::string custom_signing_region(const ClientOptions& options) {
    return options.region.empty() ? "us-east-1" : options.region;
}

struct Source {
    std::string url;
    std::string setting;
};

std::optional<Source> custom_url(const ClientOptions& options, const char* service_variable,
                                 bool use_profile_setting) {
    if (auto url = options.env.get(service_variable)) {
        return Source{*url, service_variable};
    }
    if (auto url = options.env.get("AWS_ENDPOINT_URL")) {
        return Source{*url, "AWS_ENDPOINT_URL"};
    }
    if (use_profile_setting && options.endpoint_url && !options.endpoint_url->empty()) {
        return Source{*options.endpoint_url, "endpoint_url"};
    }
    return std::nullopt;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
    std::string h = lower(host);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
        h = h.substr(1, h.size() - 2);
    }
    return h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" || is_ipv4_loopback(h);
}

Result<Endpoint> parse_endpoint_url(const std::string& url, const std::string& setting,
                                    const std::string& signing_region) {
    auto fail = [&](const std::string& why) {
        return make_error(Errc::config, setting + ": " + why + " (got '" + url + "')");
    };
    std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        return fail("endpoint URL must start with https://");
    }
    std::string scheme = lower(url.substr(0, scheme_end));
    if (scheme != "https" && scheme != "http") {
        return fail("endpoint URL must use https://");
    }
    std::size_t authority_start = scheme_end + 3;
    std::size_t path_start = url.find_first_of("/?#", authority_start);
    std::string authority = url.substr(authority_start, path_start == std::string::npos
                                                            ? std::string::npos
                                                            : path_start - authority_start);
    if (authority.empty() || authority.find('@') != std::string::npos) {
        return fail("endpoint URL needs a host and no user info");
    }
    std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (path.find_first_of("?#") != std::string::npos) {
        return fail("endpoint URL may not carry a query or fragment");
    }
    // Host without port; IPv6 literals keep their brackets out.
    std::string host = authority;
    if (host.front() == '[') {
        std::size_t close = host.find(']');
        if (close == std::string::npos) {
            return fail("endpoint URL has an unterminated IPv6 address");
        }
        host = host.substr(1, close - 1);
    } else if (std::size_t colon = host.rfind(':'); colon != std::string::npos) {
        host = host.substr(0, colon);
    }
    if (scheme == "http" && !is_loopback_host(host)) {
        return fail("plain http:// is accepted only for loopback addresses; use https://");
    }
    std::string base = scheme + "://" + authority;
    return Endpoint{base + path, authority, path, signing_region};
}

std::string partition_of(const ClientOptions& options) {
    if (!options.partition.empty() && options.partition != "aws") {
        return options.partition;
    }
    if (options.region.rfind("cn-", 0) == 0) {
        return "aws-cn";
    }
    if (options.region.rfind("us-gov-", 0) == 0) {
        return "aws-us-gov";
    }
    return "aws";
}

Result<Endpoint> sts_endpoint(const ClientOptions& options) {
    // The callers check the region where they know its source; this guards the host name.
    if (!options.region.empty()) {
        TRY_VOID(util::check_region(options.region, "region", Errc::config));
    }
    if (auto custom = custom_url(options, "AWS_ENDPOINT_URL_STS", true)) {
        return parse_endpoint_url(custom->url, custom->setting, custom_signing_region(options));
    }
    std::string partition = partition_of(options);
    std::string region = options.region;
    if (region.empty() && partition == "aws") {
        return Endpoint{"https://sts.amazonaws.com/", "sts.amazonaws.com", "/", "us-east-1"};
    }
    if (region.empty()) {
        region = partition == "aws-cn" ? "cn-north-1" : "us-gov-west-1";
    }
    std::string host = "sts." + region + (partition == "aws-cn" ? ".amazonaws.com.cn"
                                                                : ".amazonaws.com");
    return Endpoint{"https://" + host + "/", host, "/", region};
}

Result<Endpoint> iam_endpoint(const ClientOptions& options) {
    // IAM is global: whatever URL it is reached at, it signs for its partition's region
    // (us-east-1 in "aws"), never for the profile's region.
    std::string partition = partition_of(options);
    Endpoint standard{"https://iam.amazonaws.com/", "iam.amazonaws.com", "/", "us-east-1"};
    if (partition == "aws-cn") {
        standard = Endpoint{"https://iam.cn-north-1.amazonaws.com.cn/",
                            "iam.cn-north-1.amazonaws.com.cn", "/", "cn-north-1"};
    } else if (partition == "aws-us-gov") {
        standard = Endpoint{"https://iam.us-gov.amazonaws.com/", "iam.us-gov.amazonaws.com", "/",
                            "us-gov-west-1"};
    }
    // The profile's endpoint_url is a service-agnostic override aimed at STS in practice;
    // only the IAM-specific and global variables move IAM.
    if (auto custom = custom_url(options, "AWS_ENDPOINT_URL_IAM", false)) {
        return parse_endpoint_url(custom->url, custom->setting, standard.signing_region);
    }
    return standard;
}

namespace {

/// An SSO service of `sso_region`: the service's variable, AWS_ENDPOINT_URL, else
/// https://PREFIX.REGION.amazonaws.com (.com.cn in China). Unsigned calls: the signing
/// region is only the request's.
Result<Endpoint> sso_endpoint(const ClientOptions& options, const std::string& sso_region, const char* variable,
                              const std::string& prefix) {
    TRY_VOID(util::check_region(sso_region, "sso_region", Errc::config));
    if (auto custom = custom_url(options, variable, false)) {
        return parse_endpoint_url(custom->url, custom->setting, sso_region);
    }
    const std::string host =
        prefix + "." + sso_region + (sso_region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com");
    return Endpoint{"https://" + host + "/", host, "/", sso_region};
}

}  // namespace

Result<Endpoint> sso_portal_endpoint(const ClientOptions& options, const std::string& sso_region) {
    return sso_endpoint(options, sso_region, "AWS_ENDPOINT_URL_SSO", "portal.sso");
}

Result<Endpoint> sso_oidc_endpoint(const ClientOptions& options, const std::string& sso_region) {
    return sso_endpoint(options, sso_region, "AWS_ENDPOINT_URL_SSO_OIDC", "oidc");
}

}  // namespace awsume_shell::aws
