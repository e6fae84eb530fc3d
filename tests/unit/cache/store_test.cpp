#include "awsume_shell/cache/store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "unit/cache/temp_dir.hpp"

using awsume_shell::cache::Entry;
using awsume_shell::cache::role_key;
using awsume_shell::cache::Store;
using awsume_shell::testing::in_child;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

namespace {

const auto k_key = role_key("AKIAEXAMPLE", "arn:aws:iam::123456789012:role/Admin", "alice", "");

Entry sample() {
    Entry e;
    e.credentials.access_key_id = "ASIAEXAMPLE";
    e.credentials.secret_access_key = "secret/+key";
    e.credentials.session_token = "token==";
    e.credentials.expiration = 1795317260;
    e.description = "role Admin via prod";
    e.created = 1795313660;
    return e;
}

std::string valid_json() {
    return R"({"version":1,"kind":"role","description":"d","AccessKeyId":"ASIA1",)"
           R"("SecretAccessKey":"s","SessionToken":"t","Expiration":"2026-11-22T03:14:20Z",)"
           R"("created":"2026-11-22T02:14:20Z"})";
}

}  // namespace

TEST(Store, RoundTripsAnEntryPrivately) {
    TempDir tmp;
    Store store(tmp.file("home/cache"));
    ASSERT_TRUE(store.save(k_key, sample()));
    EXPECT_EQ(mode_of(store.dir()), 0700u);
    EXPECT_EQ(mode_of(store.path_for(k_key)), 0600u);
    std::string problem;
    auto loaded = store.load(k_key, &problem);
    ASSERT_TRUE(loaded) << problem;
    EXPECT_EQ(loaded->credentials.access_key_id, "ASIAEXAMPLE");
    EXPECT_EQ(loaded->credentials.secret_access_key, "secret/+key");
    EXPECT_EQ(loaded->credentials.session_token, "token==");
    EXPECT_EQ(loaded->credentials.expiration, 1795317260);
    EXPECT_EQ(loaded->description, "role Admin via prod");
    EXPECT_EQ(loaded->created, 1795313660);
    const std::string text = read_text(store.path_for(k_key));
    EXPECT_NE(text.find("\"Expiration\": \"2026-11-22T03:14:20Z\""), std::string::npos) << text;
}

TEST(Store, LongTermKeysRoundTripWithoutTokenOrExpiry) {
    TempDir tmp;
    Store store(tmp.path());
    Entry e = sample();
    e.credentials.session_token.clear();
    e.credentials.expiration.reset();
    ASSERT_TRUE(store.save(k_key, e));
    auto loaded = store.load(k_key);
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->credentials.session_token.empty());
    EXPECT_FALSE(loaded->credentials.expiration);
    EXPECT_EQ(read_text(store.path_for(k_key)).find("SessionToken"), std::string::npos);
}

TEST(Store, MissingIsNulloptWithoutProblem) {
    TempDir tmp;
    Store store(tmp.file("nope"));
    std::string problem;
    EXPECT_FALSE(store.load(k_key, &problem));
    EXPECT_EQ(problem, "");
}

TEST(Store, DamagedFilesAreNulloptWithAReason) {
    struct Case {
        std::string content;
        std::string expect;
    };
    const std::string v = valid_json();
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string s = v;
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    const Case cases[] = {
        {"", "not a JSON object"},
        {"{not json", "not a JSON object"},
        {"[1,2]", "not a JSON object"},
        {replace("\"version\":1", "\"version\":2"), "version"},
        {replace("\"version\":1,", ""), "version"},
        {replace("\"kind\":\"role\"", "\"kind\":\"mfa-session\""), "kind"},
        {replace("\"AccessKeyId\":\"ASIA1\",", ""), "AccessKeyId"},
        {replace("\"SecretAccessKey\":\"s\"", "\"SecretAccessKey\":5"), "SecretAccessKey"},
        {replace("\"SecretAccessKey\":\"s\"", "\"SecretAccessKey\":\"\""), "SecretAccessKey"},
        {replace("2026-11-22T03:14:20Z", "tomorrow"), "Expiration"},
        {replace("2026-11-22T03:14:20Z", "2026-11-22T03:14:20"), "Expiration"},
        {replace("\"SessionToken\":\"t\"", "\"SessionToken\":[]"), "SessionToken"},
        {replace(",\"created\":\"2026-11-22T02:14:20Z\"", ""), "created"},
        {std::string(70 * 1024, ' ') + v, "64 KiB"},
    };
    TempDir tmp;
    Store store(tmp.path());
    for (const auto& c : cases) {
        write_text(store.path_for(k_key), c.content);
        ::chmod(store.path_for(k_key).c_str(), 0600);
        std::string problem;
        EXPECT_FALSE(store.load(k_key, &problem)) << c.content.substr(0, 200);
        EXPECT_NE(problem.find(c.expect), std::string::npos) << problem;
    }
    write_text(store.path_for(k_key), v);
    EXPECT_TRUE(store.load(k_key));  // the base case itself is fine
}

TEST(Store, WorldReadableFileIsNotTrusted) {
    TempDir tmp;
    Store store(tmp.path());
    ASSERT_TRUE(store.save(k_key, sample()));
    ::chmod(store.path_for(k_key).c_str(), 0644);
    std::string problem;
    EXPECT_FALSE(store.load(k_key, &problem));
    EXPECT_NE(problem.find("0644"), std::string::npos) << problem;
    EXPECT_NE(problem.find("not trusted"), std::string::npos) << problem;
}

TEST(Store, WrongFileTypesAreRefused) {
    TempDir tmp;
    Store store(tmp.path());
    std::filesystem::create_directory(store.path_for(k_key));
    std::string problem;
    EXPECT_FALSE(store.load(k_key, &problem));
    EXPECT_NE(problem, "");
    std::filesystem::remove(store.path_for(k_key));

    ASSERT_EQ(::mkfifo(store.path_for(k_key).c_str(), 0600), 0);
    problem.clear();
    EXPECT_FALSE(store.load(k_key, &problem));  // must not hang on a FIFO either
    EXPECT_NE(problem.find("not a regular file"), std::string::npos) << problem;
    std::filesystem::remove(store.path_for(k_key));
}

TEST(Store, SymlinkIsNeitherReadNorFollowedForWriting) {
    TempDir tmp;
    Store store(tmp.file("cache"));
    ASSERT_TRUE(store.save(k_key, sample()));
    const std::string elsewhere = tmp.file("elsewhere.json");
    std::filesystem::rename(store.path_for(k_key), elsewhere);
    ASSERT_EQ(::symlink(elsewhere.c_str(), store.path_for(k_key).c_str()), 0);
    std::string problem;
    EXPECT_FALSE(store.load(k_key, &problem));
    EXPECT_NE(problem.find("symlink"), std::string::npos) << problem;

    const std::string before = read_text(elsewhere);
    Entry other = sample();
    other.description = "new";
    ASSERT_TRUE(store.save(k_key, other));
    EXPECT_EQ(read_text(elsewhere), before);
    EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::symlink_status(store.path_for(k_key))));
    EXPECT_EQ(store.load(k_key)->description, "new");
}

TEST(Store, LockIsExclusiveAcrossProcesses) {
    TempDir tmp;
    Store store(tmp.file("cache"));
    auto lock = store.lock(k_key, 0);
    ASSERT_TRUE(lock) << lock.error().message;
    EXPECT_EQ(lock->path(), store.path_for(k_key) + ".lock");
    EXPECT_EQ(in_child([&] { return store.lock(k_key, 50) ? 0 : 1; }), 1);
    lock->release();
    EXPECT_EQ(in_child([&] { return store.lock(k_key, 50) ? 0 : 1; }), 0);
}

TEST(Store, DefaultDirHonoursAwsumeShellHome) {
    awsume_shell::util::Env env;
    env.set("HOME", "/home/u");
    EXPECT_EQ(Store::default_dir(env), "/home/u/.awsume-shell/cache");
    env.set("AWSUME_SHELL_HOME", "/x/y");
    EXPECT_EQ(Store::default_dir(env), "/x/y/cache");
}
