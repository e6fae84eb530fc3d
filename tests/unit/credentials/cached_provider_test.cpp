#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "awsume_shell/credentials/source_providers.hpp"
#include "awsume_shell/credentials/sts_providers.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using testing::k_now;
using testing::World;

const cache::CacheKey k_key = cache::role_key("key AKIAUSER", "arn:aws:iam::222222222222:role/A",
                                              "dev", "");

/// Hands out "FRESH<n>" credentials living an hour; counts its calls in `calls`, and in a
/// file when given one (so that forked processes can be counted), taking `delay` to answer.
class CountingProvider final : public Provider {
public:
    CountingProvider(const util::Clock& clock, std::atomic<int>& calls,
                     std::chrono::milliseconds delay = {}, std::string count_file = {})
        : m_clock(clock), m_calls(calls), m_delay(delay), m_count_file(std::move(count_file)) {}

    Result<model::Credentials> retrieve() override {
        const int n = ++m_calls;
        if (!m_count_file.empty()) {
            int fd = ::open(m_count_file.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0600);
            [[maybe_unused]] auto written = ::write(fd, "x\n", 2);
            ::close(fd);
        }
        std::this_thread::sleep_for(m_delay);
        return model::Credentials{"FRESH" + std::to_string(n) + "-" + std::to_string(::getpid()),
                           "secret", "token", m_clock.now() + 3600};
    }
    std::string identity() const override { return "counting"; }
    std::string describe() const override { return "counting provider"; }

private:
    const util::Clock& m_clock;
    std::atomic<int>& m_calls;
    std::chrono::milliseconds m_delay;
    std::string m_count_file;
};

std::unique_ptr<Provider> cached(World& world, std::atomic<int>& calls, bool skip_cached = false,
                                 std::chrono::milliseconds delay = {}, std::string count_file = {}) {
    return make_cached_provider(
        std::make_unique<CountingProvider>(world.clock, calls, delay, std::move(count_file)), k_key,
        900, skip_cached, world.services);
}

void store_entry(World& world, const std::string& key_id, util::UnixTime expiration) {
    cache::Entry entry;
    entry.credentials = model::Credentials{key_id, "cached-secret", "cached-token", expiration};
    entry.description = "test";
    entry.created = expiration - 3600;  // an hour's credentials, as AWS's default
    ASSERT_TRUE(world.store.save(k_key, entry));
}

TEST(CachedProvider, FreshEntryIsServedWithoutAskingTheInnerProvider) {
    World world;
    store_entry(world, "CACHED", k_now + 3600);
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(creds->access_key_id, "CACHED");
    EXPECT_EQ(creds->session_token, "cached-token");
    EXPECT_EQ(calls, 0);
}

TEST(CachedProvider, MissingEntryIsFetchedAndStored) {
    World world;
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(calls, 1);
    auto entry = world.store.load(k_key);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->credentials.access_key_id, creds->access_key_id);
    EXPECT_EQ(entry->credentials.expiration, k_now + 3600);
    EXPECT_EQ(entry->created, k_now);
    EXPECT_EQ(entry->description, "counting provider");
}

TEST(CachedProvider, EntryWithinTheMarginIsFetchedAgain) {
    World world;
    store_entry(world, "CACHED", k_now + 600);  // 10 min left, margin 15 min
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(calls, 1);
    EXPECT_NE(creds->access_key_id, "CACHED");
    ASSERT_TRUE(world.store.load(k_key));
    EXPECT_EQ(world.store.load(k_key)->credentials.access_key_id, creds->access_key_id);
}

TEST(CachedProvider, EntryJustOutsideTheMarginIsServed) {
    World world;
    store_entry(world, "CACHED", k_now + 901);
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_TRUE(creds);
    EXPECT_EQ(creds->access_key_id, "CACHED");
    EXPECT_EQ(calls, 0);
}

TEST(CachedProvider, DamagedFileIsIgnoredAndReplaced) {
    World world;
    ASSERT_EQ(::mkdir(world.store.dir().c_str(), 0700), 0);
    const std::string path = world.store.path_for(k_key);
    testing::write_text(path, "{\"version\": 1, \"creden");
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    std::string problem;
    ASSERT_FALSE(world.store.load(k_key, &problem));
    EXPECT_FALSE(problem.empty());

    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(calls, 1);
    auto entry = world.store.load(k_key);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->credentials.access_key_id, creds->access_key_id);
}

TEST(CachedProvider, SkipCachedFetchesDespiteAFreshEntryAndStoresTheNewOne) {
    World world;
    store_entry(world, "CACHED", k_now + 3600);
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls, /*skip_cached=*/true)->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(calls, 1);
    EXPECT_NE(creds->access_key_id, "CACHED");
    EXPECT_EQ(world.store.load(k_key)->credentials.access_key_id, creds->access_key_id);
}

TEST(CachedProvider, InnerErrorIsPassedOnAndNothingIsStored) {
    World world;
    world.api->role_errors.push_back({Errc::aws, "AccessDenied: no", "AccessDenied"});
    RoleSpec role;
    role.role_arn = "arn:aws:iam::222222222222:role/A";
    role.session_name = "dev";
    auto provider = make_cached_provider(
        make_assume_role_provider(make_static_provider(testing::user_keys(), "alice"), role,
                                  world.services),
        k_key, 900, false, world.services);
    auto creds = provider->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::aws);
    EXPECT_TRUE(world.api->role_errors.empty()) << "the scripted AccessDenied was not asked for";
    EXPECT_FALSE(world.store.load(k_key));
}

// A cache directory that cannot be created costs future STS calls, not these credentials.
TEST(CachedProvider, UnwritableCacheDirectoryStillYieldsCredentials) {
    World world;
    // The cache directory cannot be created: its parent is a regular file.
    testing::write_text(world.dir.file("file"), "");
    cache::Store broken(world.dir.file("file") + "/cache");
    Services services{world.env, world.clock, world.log, broken, world.lazy, world.mfa};
    std::atomic<int> calls = 0;
    auto provider = make_cached_provider(std::make_unique<CountingProvider>(world.clock, calls),
                                         k_key, 900, false, services);
    auto creds = provider->retrieve();
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_EQ(calls, 1);
}

TEST(CachedProvider, LockHeldElsewhereTimesOutWithAnIoError) {
    World world;
    world.services.lock_timeout_ms = 0;
    auto held = world.store.lock(k_key, 0);
    ASSERT_TRUE(held) << held.error().message;
    std::atomic<int> calls = 0;
    auto creds = cached(world, calls)->retrieve();
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::io);
    EXPECT_EQ(calls, 0);
}

TEST(CachedProvider, LockMakesTwoThreadsFetchOnce) {
    World world;
    std::atomic<int> calls = 0;
    auto first = cached(world, calls, false, std::chrono::milliseconds(100));
    auto second = cached(world, calls, false, std::chrono::milliseconds(100));
    Result<model::Credentials> a = make_error(Errc::io, "not run");
    Result<model::Credentials> b = make_error(Errc::io, "not run");
    std::thread ta([&] { a = first->retrieve(); });
    std::thread tb([&] { b = second->retrieve(); });
    ta.join();
    tb.join();
    ASSERT_TRUE(a) << a.error().message;
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(a->access_key_id, b->access_key_id);
}

TEST(CachedProvider, LockMakesTwoProcessesFetchOnce) {
    World world;
    const std::string count_file = world.dir.file("fetches");
    std::vector<pid_t> children;
    for (int i = 0; i < 2; ++i) {
        pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            std::atomic<int> calls = 0;
            auto creds = cached(world, calls, false, std::chrono::milliseconds(100), count_file)
                             ->retrieve();
            ::_exit(creds ? 0 : 1);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    EXPECT_EQ(testing::read_text(count_file), "x\n");
    EXPECT_TRUE(world.store.load(k_key));
}

TEST(CachedProvider, TwoSkipCachedCallersBothGetNewCredentials) {
    World world;
    store_entry(world, "OLD", k_now + 3600);
    std::atomic<int> calls = 0;
    auto first = cached(world, calls, true, std::chrono::milliseconds(100));
    auto second = cached(world, calls, true, std::chrono::milliseconds(100));
    Result<model::Credentials> a = make_error(Errc::io, "not run");
    Result<model::Credentials> b = make_error(Errc::io, "not run");
    // Both saw "OLD" before the lock; whoever waits takes the new entry or fetches anew.
    std::thread ta([&] { a = first->retrieve(); });
    std::thread tb([&] { b = second->retrieve(); });
    ta.join();
    tb.join();
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->access_key_id, "OLD");
    EXPECT_NE(b->access_key_id, "OLD");
}

TEST(CachedProvider, PassesIdentityDescriptionAndLongTermThrough) {
    World world;
    auto provider = make_cached_provider(make_static_provider(testing::user_keys(), "alice"),
                                         k_key, 900, false, world.services);
    EXPECT_EQ(provider->identity(), "key AKIAUSER0000000001");
    EXPECT_TRUE(provider->long_term());
    EXPECT_NE(provider->describe().find("'alice'"), std::string::npos);
}

}  // namespace
}  // namespace awsume_shell::credentials
