// Issue 8, items 25 and 26: the one freshness rule (refresh_margin_for) and its use on a cache
// hit: short roles are reused for two thirds of their life; a longer --role-duration than
// the cached entry's request is fetched anew.
#include <gtest/gtest.h>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using testing::k_now;
using testing::World;

TEST(RefreshMargin, IsRefreshBeforeExpiryForCredentialsThatLiveLongEnough) {
    EXPECT_EQ(model::refresh_margin_for(900, 3600), 900);
    EXPECT_EQ(model::refresh_margin_for(900, 2700), 900);
    EXPECT_EQ(model::refresh_margin_for(900, 43200), 900);
}

TEST(RefreshMargin, IsAThirdOfTheLifetimeForShortCredentials) {
    EXPECT_EQ(model::refresh_margin_for(900, 900), 300);   // duration_seconds = 900, default margin
    EXPECT_EQ(model::refresh_margin_for(3600, 3600), 1200);  // refresh_before_expiry = 1h, 1 h role
    EXPECT_EQ(model::refresh_margin_for(60, 900), 60);     // the intermediate margin is untouched
}

TEST(RefreshMargin, UnknownOrNonsenseLifetimeKeepsTheSetting) {
    EXPECT_EQ(model::refresh_margin_for(900, std::nullopt), 900);
    EXPECT_EQ(model::refresh_margin_for(900, 0), 900);
    EXPECT_EQ(model::refresh_margin_for(900, -50), 900);
}

TEST(FreshAt, UsesTheLifetimeWhenIssuedIsKnown) {
    model::Credentials c{"ASIA", "s", "t", k_now + 900};
    c.issued = k_now;
    EXPECT_TRUE(c.fresh_at(k_now, 900));         // just issued: 900 s left > 300
    EXPECT_TRUE(c.fresh_at(k_now + 599, 900));   // 301 s left
    EXPECT_FALSE(c.fresh_at(k_now + 600, 900));  // 300 s left: renew
    c.issued.reset();
    EXPECT_FALSE(c.fresh_at(k_now, 900));  // lifetime unknown: the plain margin
}

class OneHourRoles final : public Provider {
public:
    OneHourRoles(const util::Clock& clock, int& calls, util::UnixTime lifetime)
        : m_clock(clock), m_calls(calls), m_lifetime(lifetime) {}
    Result<model::Credentials> retrieve() override {
        ++m_calls;
        return model::Credentials{"FRESH" + std::to_string(m_calls), "s", "t", m_clock.now() + m_lifetime};
    }
    std::string identity() const override { return "roles"; }
    std::string describe() const override { return "roles"; }

private:
    const util::Clock& m_clock;
    int& m_calls;
    util::UnixTime m_lifetime;
};

const cache::CacheKey k_key = cache::role_key("key AKIAUSER", "arn:aws:iam::2:role/A", "dev", "");

std::unique_ptr<Provider> cached(World& world, int& calls, util::UnixTime lifetime,
                                 std::optional<long> requested) {
    return make_cached_provider(std::make_unique<OneHourRoles>(world.clock, calls, lifetime), k_key,
                                900, false, world.services, requested);
}

TEST(CachedFreshness, A15MinuteRoleIsReusedForTenMinutes) {
    World world;
    int calls = 0;
    ASSERT_TRUE(cached(world, calls, 900, 900)->retrieve());
    world.clock.advance(599);
    auto again = cached(world, calls, 900, 900)->retrieve();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->access_key_id, "FRESH1");
    EXPECT_EQ(again->issued, k_now);
    world.clock.advance(1);
    EXPECT_EQ(cached(world, calls, 900, 900)->retrieve()->access_key_id, "FRESH2");
    EXPECT_EQ(calls, 2);
}

TEST(CachedFreshness, ALongerRequestIsNotServedByAShorterEntry) {
    World world;
    int calls = 0;
    ASSERT_TRUE(cached(world, calls, 3600, 3600)->retrieve());
    EXPECT_EQ(cached(world, calls, 7200, 7200)->retrieve()->access_key_id, "FRESH2");
    // The 2 h entry serves shorter requests, and callers that ask for no duration.
    EXPECT_EQ(cached(world, calls, 3600, 3600)->retrieve()->access_key_id, "FRESH2");
    EXPECT_EQ(cached(world, calls, 900, std::nullopt)->retrieve()->access_key_id, "FRESH2");
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(world.store.load(k_key)->requested_duration, 7200);
}

}  // namespace
}  // namespace awsume_shell::credentials
