// Issue 8, item 26: the cache remembers the DurationSeconds asked for, so that a longer
// request is not served by a shorter entry; entries of older versions read as their lifetime.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "awsume_shell/cache/store.hpp"
#include "unit/cache/temp_dir.hpp"

using awsume_shell::cache::Entry;
using awsume_shell::cache::role_key;
using awsume_shell::cache::Store;
using awsume_shell::testing::TempDir;


namespace {

const auto k_key = role_key("AKIAEXAMPLE", "arn:aws:iam::123456789012:role/Admin", "alice", "");

/// A cache file as a user's own awsume-shell left it (0600).
void write_text(const std::string& path, const std::string& text) {
    awsume_shell::testing::write_text(path, text);
    ::chmod(path.c_str(), 0600);
}

std::string old_entry(const char* expiration, const char* created, const char* extra = "") {
    return std::string(R"({"version":1,"kind":"role","AccessKeyId":"ASIA1","SecretAccessKey":"s",)") +
           R"("SessionToken":"t","Expiration":")" + expiration + R"(","created":")" + created +
           "\"" + extra + "}";
}

TEST(RequestedDuration, RoundTrips) {
    TempDir tmp;
    Store store(tmp.path());
    Entry e;
    e.credentials.access_key_id = "ASIA1";
    e.credentials.secret_access_key = "s";
    e.credentials.expiration = 1795317260;
    e.created = 1795313660;
    e.requested_duration = 7200;  // lowered by AWS to 1 h: what was asked is kept
    ASSERT_TRUE(store.save(k_key, e));
    auto loaded = store.load(k_key);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->requested_duration, 7200);
}

TEST(RequestedDuration, AnOldEntryReadsAsItsLifetimeToTheMinute) {
    TempDir tmp;
    Store store(tmp.path());
    // Saved 3 s after the call: 3597 s of life, asked for an hour.
    write_text(store.path_for(k_key), old_entry("2026-11-22T03:14:20Z", "2026-11-22T02:14:23Z"));
    std::string problem;
    auto loaded = store.load(k_key, &problem);
    ASSERT_TRUE(loaded) << problem;
    EXPECT_EQ(loaded->requested_duration, 3600);
}

TEST(RequestedDuration, AWrongValueMakesTheEntryUnusable) {
    TempDir tmp;
    Store store(tmp.path());
    for (const char* bad : {R"(,"requested_duration":"3600")", R"(,"requested_duration":-5)",
                            R"(,"requested_duration":1.5)"}) {
        write_text(store.path_for(k_key), old_entry("2026-11-22T03:14:20Z", "2026-11-22T02:14:20Z", bad));
        std::string problem;
        EXPECT_FALSE(store.load(k_key, &problem)) << bad;
        EXPECT_NE(problem.find("requested_duration"), std::string::npos) << problem;
    }
}

}  // namespace
