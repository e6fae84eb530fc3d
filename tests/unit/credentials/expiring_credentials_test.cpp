// Issue 8 item 18: credentials that come back expired, or with less than a minute left,
// are an error at the root (the provider's answer), never cached, never handed on.
#include <gtest/gtest.h>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using testing::k_now;
using testing::World;

/// Where a short-lived answer would be cached if it were accepted.
const cache::CacheKey k_short_key = cache::role_key("key AKIASHORT", "arn:aws:iam::222222222222:role/Short",
                                                    "short", "");

/// Answers with credentials that expire `life` seconds from now.
class ShortLivedProvider final : public Provider {
public:
    explicit ShortLivedProvider(long life) : m_life(life) {}
    Result<model::Credentials> retrieve() override {
        return model::Credentials{"ASIASHORT", "secret", "token", k_now + m_life};
    }
    std::string identity() const override { return "short"; }
    std::string describe() const override { return "role arn:aws:iam::222222222222:role/A"; }

private:
    long m_life;
};

TEST(UsableLifetime, AcceptsAMinuteAndMoreAndKeysWithoutExpiry) {
    EXPECT_TRUE(check_usable_lifetime(model::Credentials{"A", "s", "t", k_now + 61}, k_now, "x"));
    EXPECT_TRUE(check_usable_lifetime(model::Credentials{"A", "s", "", std::nullopt}, k_now, "x"));
}

TEST(UsableLifetime, RefusesExpiredAndNearlyExpiredNamingTheSourceAndTime) {
    auto expired = check_usable_lifetime(model::Credentials{"A", "s", "t", k_now - 10}, k_now, "role R");
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, Errc::aws);
    EXPECT_NE(expired.error().message.find("role R"), std::string::npos) << expired.error().message;
    EXPECT_NE(expired.error().message.find("expired"), std::string::npos) << expired.error().message;
    auto soon = check_usable_lifetime(model::Credentials{"A", "s", "t", k_now + 60}, k_now, "role R");
    ASSERT_FALSE(soon);
    EXPECT_NE(soon.error().message.find("expire"), std::string::npos) << soon.error().message;
}

TEST(CachedProviderLifetime, ExpiredAnswerIsAnErrorAndNotCached) {
    World world;
    auto provider = make_cached_provider(std::make_unique<ShortLivedProvider>(-5), k_short_key, 900,
                                         false, world.services);
    auto creds = provider->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_FALSE(world.store.load(k_short_key));
}

TEST(CachedProviderLifetime, AnswerWithHalfAMinuteLeftIsAnErrorAndNotCached) {
    World world;
    auto provider = make_cached_provider(std::make_unique<ShortLivedProvider>(30), k_short_key, 900,
                                         false, world.services);
    ASSERT_FALSE(provider->retrieve());
    EXPECT_FALSE(world.store.load(k_short_key));
}

}  // namespace
}  // namespace awsume_shell::credentials
