// The SSO token reader (cache/sso_token.cpp) on any bytes, as a damaged or planted
// ~/.aws/sso/cache file could hold: no crash, no exception; nullopt always says why, in one
// line; a token it accepts survives our rewrite unchanged, with every member we do not own
// kept as it was; and whatever the file held, what we write over it reads back as written.
#include <nlohmann/json.hpp>

#include <string>

#include "awsume_shell/cache/sso_token.hpp"
#include "fuzz_check.hpp"

namespace cache = awsume_shell::cache;
using awsume_shell::util::UnixTime;

namespace {

using Json = nlohmann::ordered_json;

// Years 0001..9999, what "%04d" writes and the reader takes back.
constexpr UnixTime k_first = -62135596800, k_last = 253402300799;
bool writable(UnixTime t) { return t >= k_first && t <= k_last; }

bool same(const cache::SsoToken& a, const cache::SsoToken& b) {
    return a.access_token == b.access_token && a.expires_at == b.expires_at &&
           a.refresh_token == b.refresh_token && a.client_id == b.client_id &&
           a.client_secret == b.client_secret && a.registration_expires_at == b.registration_expires_at &&
           a.region == b.region && a.start_url == b.start_url;
}

std::optional<cache::SsoToken> read(std::string_view text) {
    std::string problem;
    auto token = cache::sso_token_from_json(text, problem);
    FUZZ_CHECK(token.has_value() == problem.empty(), "nullopt exactly when a problem is named");
    FUZZ_CHECK(problem.find_first_of("\r\n") == std::string::npos, "the problem is one line");
    return token;
}

bool ours(const std::string& key) {
    for (const char* name : {"accessToken", "expiresAt", "refreshToken", "clientId", "clientSecret",
                             "registrationExpiresAt", "region", "startUrl"}) {
        if (key == name) {
            return true;
        }
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz_text(data, size);
    (void)cache::parse_sso_time(text);

    if (auto token = read(text)) {
        if (writable(token->expires_at) && writable(token->registration_expires_at.value_or(0))) {
            const std::string merged = cache::merge_sso_token(text, *token);
            auto again = read(merged);
            FUZZ_CHECK(again && same(*token, *again), "an accepted token reads back unchanged");
            const Json before = Json::parse(text, nullptr, false);
            const Json after = Json::parse(merged, nullptr, false);
            for (auto it = before.begin(); it != before.end(); ++it) {
                if (!ours(it.key())) {
                    FUZZ_CHECK(after.contains(it.key()) && after[it.key()] == it.value(),
                               "a member we do not own is kept");
                }
            }
        }
    }

    // The writer over whatever the file held.
    cache::SsoToken token;
    token.access_token = "AT";
    token.expires_at = 1796205600;
    token.refresh_token = "RT";
    token.client_id = "CID";
    token.client_secret = "CS";
    token.registration_expires_at = 1796205600 + 86400;
    auto written = read(cache::merge_sso_token(text, token));
    FUZZ_CHECK(written && same(*written, token), "what we write over any file reads back");
    return 0;
}
