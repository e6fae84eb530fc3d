#include "awsume_shell/config/ini_snapshot.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "awsume_shell/config/aws_files.hpp"

using awsume_shell::config::AwsFileKind;
using awsume_shell::config::AwsFilePaths;
using awsume_shell::config::encode_snapshot;
using awsume_shell::config::FileIdentity;
using awsume_shell::config::k_max_snapshots;
using awsume_shell::config::load_profiles;
using awsume_shell::config::save_snapshot;
using awsume_shell::config::settled;
using awsume_shell::config::snapshot_path;
using awsume_shell::config::SnapshotEntry;
using awsume_shell::config::SnapshotView;

namespace {

FileIdentity some_identity() { return FileIdentity{1, 2, 1000, 10, 11, 12, 13}; }

std::string three_entries() {
    return encode_snapshot(AwsFileKind::config, "/x/config", some_identity(),
                           {{"zeta", 900, 1000, 40}, {"alpha", 0, 100, 1}, {"mid", 100, 900, 5}});
}

}  // namespace

TEST(SnapshotView, FindsEveryEntryAndNothingElse) {
    const std::string bytes = three_entries();
    auto view = SnapshotView::open(bytes, AwsFileKind::config, "/x/config", some_identity());
    ASSERT_TRUE(view);
    EXPECT_EQ(view->count(), 3U);
    const auto mid = view->find("mid");
    ASSERT_TRUE(mid);
    EXPECT_EQ(mid->begin, 100U);
    EXPECT_EQ(mid->end, 900U);
    EXPECT_EQ(mid->line, 5);
    EXPECT_EQ(view->find("zeta")->line, 40);
    EXPECT_EQ(view->find("alpha")->begin, 0U);
    EXPECT_FALSE(view->find("beta"));
    EXPECT_FALSE(view->find(""));
}

TEST(SnapshotView, IsOnlyForTheFileItWasWrittenFor) {
    const std::string bytes = three_entries();
    EXPECT_FALSE(SnapshotView::open(bytes, AwsFileKind::credentials, "/x/config", some_identity()));
    EXPECT_FALSE(SnapshotView::open(bytes, AwsFileKind::config, "/x/credentials", some_identity()));
    for (int field = 0; field < 7; ++field) {
        FileIdentity other = some_identity();
        std::int64_t* ns[] = {&other.mtime_s, &other.mtime_ns, &other.ctime_s, &other.ctime_ns};
        if (field < 3) {
            (field == 0 ? other.dev : field == 1 ? other.ino : other.size) += 1;
        } else {
            *ns[field - 3] += 1;
        }
        EXPECT_FALSE(SnapshotView::open(bytes, AwsFileKind::config, "/x/config", other)) << "field " << field;
    }
}

TEST(SnapshotView, RefusesATruncatedOrLongerSnapshot) {
    const std::string bytes = three_entries();
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        EXPECT_FALSE(SnapshotView::open(bytes.substr(0, n), AwsFileKind::config, "/x/config", some_identity()))
            << n;
    }
    EXPECT_FALSE(SnapshotView::open(bytes + "x", AwsFileKind::config, "/x/config", some_identity()));
}

TEST(SnapshotView, RefusesEntriesOutsideTheFileOrNotDistinct) {
    auto open_with = [](std::vector<SnapshotEntry> entries) {
        const std::string bytes = encode_snapshot(AwsFileKind::config, "/x/config", some_identity(), entries);
        return SnapshotView::open(bytes, AwsFileKind::config, "/x/config", some_identity()).has_value();
    };
    EXPECT_TRUE(open_with({{"a", 0, 1000, 1}}));
    EXPECT_FALSE(open_with({{"a", 0, 1001, 1}}));   // past the file's end
    EXPECT_FALSE(open_with({{"a", 10, 10, 1}}));    // empty
    EXPECT_FALSE(open_with({{"a", 20, 10, 1}}));    // backwards
    EXPECT_FALSE(open_with({{"a", 0, 10, 0}}));     // no line 0
    EXPECT_FALSE(open_with({{"a", 0, 10, 1}, {"a", 10, 20, 2}}));  // twice
}

TEST(SnapshotView, AnyFlippedByteIsRefusedOrStaysWithinTheFile) {
    const std::string bytes = three_entries();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
        auto view = SnapshotView::open(damaged, AwsFileKind::config, "/x/config", some_identity());
        if (!view) {
            continue;
        }
        for (const char* name : {"alpha", "mid", "zeta", "x"}) {
            if (auto entry = view->find(name)) {
                EXPECT_LT(entry->begin, entry->end);
                EXPECT_LE(entry->end, 1000U);
            }
        }
    }
}

TEST(SnapshotSettled, NotWithinTwoSecondsOfAChange) {
    const FileIdentity id{1, 2, 3, 100, 500, 100, 600};
    EXPECT_FALSE(settled(id, 100, 700));
    EXPECT_FALSE(settled(id, 102, 600));  // exactly 2 s after the ctime
    EXPECT_TRUE(settled(id, 102, 601));
    EXPECT_FALSE(settled(id, 50, 0));  // a time in the future
}

class SnapshotLoadTest : public ::testing::Test {
protected:
    void SetUp() override {
        char templ[] = "/tmp/awsume-snapshot-test-XXXXXX";
        ASSERT_NE(mkdtemp(templ), nullptr);
        m_dir = templ;
        m_snaps = m_dir + "/cache/config-snapshots";
        m_paths = AwsFilePaths{m_dir + "/config", m_dir + "/credentials"};
    }
    void TearDown() override { std::system(("rm -rf '" + m_dir + "'").c_str()); }
    void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }
    FileIdentity identity(const std::string& path) {
        struct stat st {};
        EXPECT_EQ(::stat(path.c_str(), &st), 0);
        return FileIdentity::of(st);
    }
    /// A snapshot of `path` as it is now, holding `entries`, planted as a run would write it.
    void plant(AwsFileKind kind, const std::string& path, std::vector<SnapshotEntry> entries, mode_t mode = 0600) {
        std::system(("mkdir -p '" + m_snaps + "'").c_str());
        const std::string file = snapshot_path(m_snaps, kind, path);
        write(file, encode_snapshot(kind, path, identity(path), std::move(entries)));
        ASSERT_EQ(::chmod(file.c_str(), mode), 0);
    }
    /// The entry of the section that starts with `header` in `text` (up to the next '[').
    static SnapshotEntry entry(const std::string& name, const std::string& text, const std::string& header) {
        const std::size_t begin = text.find(header);
        const std::size_t next = text.find("\n[", begin);
        const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(begin), '\n'));
        return SnapshotEntry{name, begin, next == std::string::npos ? text.size() : next + 1, line};
    }
    std::string m_dir, m_snaps;
    AwsFilePaths m_paths;
};

namespace {
const std::string k_config = "[default]\nregion = eu-west-1\n\n[profile a]\nregion = a-1\n\n[profile b]\nregion = b-1\n";
const std::string k_credentials = "[u]\naws_access_key_id = AKIA1\naws_secret_access_key = s1\n";
}  // namespace

TEST_F(SnapshotLoadTest, ASettledFileIsSnapshottedAndThenReadByItsSnapshot) {
    write(m_paths.config, k_config);
    write(m_paths.credentials, k_credentials);
    auto first = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->from_snapshot().empty());
    struct stat st {};
    EXPECT_NE(::stat(snapshot_path(m_snaps, AwsFileKind::config, m_paths.config).c_str(), &st), 0)
        << "a file changed in the last 2 s is not snapshotted";
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    ASSERT_TRUE(load_profiles(m_paths, m_snaps));
    ASSERT_EQ(::stat(snapshot_path(m_snaps, AwsFileKind::config, m_paths.config).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600U);
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->from_snapshot(), (std::vector<std::string>{m_paths.config, m_paths.credentials}));
    ASSERT_NE(set->find("b"), nullptr);
    EXPECT_EQ(set->find("b")->get("region"), "b-1");
    EXPECT_EQ(set->find("b")->origin("region"), m_paths.config + ":8");
    EXPECT_EQ(set->find("u")->get("aws_access_key_id"), "AKIA1");
    EXPECT_EQ(set->find("u")->origin(), m_paths.credentials + ":1");
    EXPECT_EQ(set->find("nope"), nullptr);
    EXPECT_EQ(set->names(), (std::vector<std::string>{"a", "b", "default", "u"}));
    EXPECT_FALSE(set->problem());
}

TEST_F(SnapshotLoadTest, ASameSizeEditWithTheOldMtimeIsReadFromTheFile) {
    write(m_paths.config, k_config);
    plant(AwsFileKind::config, m_paths.config, {entry("a", k_config, "[profile a]")});
    struct stat before {};
    ASSERT_EQ(::stat(m_paths.config.c_str(), &before), 0);
    auto served = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(served);
    EXPECT_EQ(served->from_snapshot(), std::vector<std::string>{m_paths.config});
    EXPECT_EQ(served->find("a")->get("region"), "a-1");

    std::string edited = k_config;
    edited.replace(edited.find("a-1"), 3, "a-2");
    write(m_paths.config, edited);
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    ASSERT_EQ(::utimensat(AT_FDCWD, m_paths.config.c_str(), times, 0), 0);  // touch -d the old mtime
    ASSERT_EQ(identity(m_paths.config).size, static_cast<std::uint64_t>(before.st_size));
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->from_snapshot().empty());
    EXPECT_EQ(set->find("a")->get("region"), "a-2");
}

TEST_F(SnapshotLoadTest, ASnapshotPointingElsewhereIsCheckedAgainstTheFile) {
    write(m_paths.config, k_config);
    const SnapshotEntry b = entry("b", k_config, "[profile b]");
    SnapshotEntry a_at_b = b;
    a_at_b.name = "a";  // a lie: [profile b]'s bytes for profile a
    SnapshotEntry cut = entry("default", k_config, "[default]");
    cut.end -= 3;  // ends inside the section
    plant(AwsFileKind::config, m_paths.config, {a_at_b, b, cut});
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->find("b")->get("region"), "b-1");
    ASSERT_NE(set->find("a"), nullptr);
    EXPECT_EQ(set->find("a")->get("region"), "a-1");
    EXPECT_EQ(set->find("a")->origin(), m_paths.config + ":4");
    EXPECT_EQ(set->find("default")->get("region"), "eu-west-1");
    EXPECT_TRUE(set->from_snapshot().empty()) << "read whole once the snapshot failed";
    EXPECT_FALSE(set->problem());

    SnapshotEntry default_cut = entry("default", k_config, "[default]");
    default_cut.end -= 3;
    plant(AwsFileKind::config, m_paths.config, {default_cut});
    auto again = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->find("default")->get("region"), "eu-west-1");
}

TEST_F(SnapshotLoadTest, AFileReadWholeAfterAllStillFailsOnABrokenLine) {
    const std::string broken = k_config + "not a key line\n";
    write(m_paths.config, broken);
    SnapshotEntry a_at_b = entry("b", broken, "[profile b]");
    a_at_b.name = "a";
    plant(AwsFileKind::config, m_paths.config, {a_at_b});
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->find("a"), nullptr);
    ASSERT_TRUE(set->problem());
    EXPECT_EQ(set->problem()->message.rfind(m_paths.config + ":9: ", 0), 0U) << set->problem()->message;
}

TEST_F(SnapshotLoadTest, ASnapshotThatIsNotOursAloneIsIgnored) {
    write(m_paths.config, k_config);
    plant(AwsFileKind::config, m_paths.config, {entry("a", k_config, "[profile a]")}, 0644);
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->from_snapshot().empty());

    const std::string file = snapshot_path(m_snaps, AwsFileKind::config, m_paths.config);
    ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
    ASSERT_EQ(::rename(file.c_str(), (file + ".real").c_str()), 0);
    ASSERT_EQ(::symlink((file + ".real").c_str(), file.c_str()), 0);
    auto via_link = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(via_link);
    EXPECT_TRUE(via_link->from_snapshot().empty());
    EXPECT_EQ(via_link->find("a")->get("region"), "a-1");
}

TEST_F(SnapshotLoadTest, ASnapshotOfTheOtherKindIsIgnored) {
    write(m_paths.config, k_config);
    // The config file's snapshot planted under the credentials file's name.
    std::system(("mkdir -p '" + m_snaps + "'").c_str());
    const std::string planted = snapshot_path(m_snaps, AwsFileKind::credentials, m_paths.config);
    write(planted, encode_snapshot(AwsFileKind::config, m_paths.config, identity(m_paths.config),
                                   {entry("a", k_config, "[profile a]")}));
    ASSERT_EQ(::chmod(planted.c_str(), 0600), 0);
    plant(AwsFileKind::config, m_paths.config, {entry("a", k_config, "[profile a]")});
    AwsFilePaths both{m_paths.config, m_paths.config};
    auto set = load_profiles(both, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->from_snapshot(), std::vector<std::string>{m_paths.config}) << "only the config's own";
}

TEST(SnapshotSave, KeepsAtMostKMaxSnapshotsTheNewestFirst) {
    // Every AWS file ever read has its snapshot (tests and CI name temporary ones): the
    // folder is capped, the longest unwritten go first.
    char templ[] = "/tmp/awsume-snapshot-cap-XXXXXX";
    ASSERT_NE(mkdtemp(templ), nullptr);
    const std::string dir = std::string(templ) + "/snaps";
    const std::size_t written = k_max_snapshots + 5;
    for (std::size_t i = 0; i < written; ++i) {
        save_snapshot(dir, AwsFileKind::config, "/tmp/config-" + std::to_string(i), some_identity(),
                      {{"a", 0, 10, 1}});
        // Their write times apart by a second each, oldest first.
        const std::string file = snapshot_path(dir, AwsFileKind::config, "/tmp/config-" + std::to_string(i));
        const struct timespec times[2] = {{static_cast<time_t>(1'000'000 + i), 0}, {static_cast<time_t>(1'000'000 + i), 0}};
        ::utimensat(AT_FDCWD, file.c_str(), times, 0);
    }
    std::size_t kept = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        kept += e.path().extension() == ".snap" ? 1 : 0;
    }
    EXPECT_EQ(kept, k_max_snapshots);
    struct stat st {};
    EXPECT_EQ(::stat(snapshot_path(dir, AwsFileKind::config, "/tmp/config-" + std::to_string(written - 1)).c_str(), &st), 0)
        << "the newest is kept";
    EXPECT_NE(::stat(snapshot_path(dir, AwsFileKind::config, "/tmp/config-0").c_str(), &st), 0) << "the oldest goes";
    std::filesystem::remove_all(templ);
}

namespace {
const std::string k_sso_config =
    "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n\n"
    "[sso-session corp]\nsso_start_url = https://corp/start\nsso_region = eu-west-1\n\n"
    "[profile other]\nregion = x\n";
}  // namespace

TEST_F(SnapshotLoadTest, ASessionSectionIsServedByTheSnapshotAndAnEditToItIsSeen) {
    write(m_paths.config, k_sso_config);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    ASSERT_TRUE(load_profiles(m_paths, m_snaps));  // writes the snapshot
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    ASSERT_EQ(set->from_snapshot(), std::vector<std::string>{m_paths.config});
    const auto* session = set->find_sso_session("corp");
    ASSERT_NE(session, nullptr);
    EXPECT_EQ(session->get("sso_start_url"), "https://corp/start");
    EXPECT_EQ(session->origin("sso_region"), m_paths.config + ":8");
    EXPECT_EQ(set->find_sso_session("nope"), nullptr);
    EXPECT_EQ(set->find_sso_session("dev"), nullptr) << "a profile is no session";
    EXPECT_EQ(set->find("corp"), nullptr) << "a session is no profile";
    EXPECT_EQ(set->from_snapshot(), std::vector<std::string>{m_paths.config}) << "all of it from the snapshot";

    std::string edited = k_sso_config;
    edited.replace(edited.find("https://corp/start"), 18, "https://corp.example/start");
    write(m_paths.config, edited);
    auto after = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(after);
    ASSERT_NE(after->find_sso_session("corp"), nullptr);
    EXPECT_EQ(after->find_sso_session("corp")->get("sso_start_url"), "https://corp.example/start");
}

TEST_F(SnapshotLoadTest, ASnapshotOfTheVersionWithoutSessionsIsNotBelieved) {
    // Version 01 had profile entries only: its "no such entry" would hide every session.
    write(m_paths.config, k_sso_config);
    std::string old = encode_snapshot(AwsFileKind::config, m_paths.config, identity(m_paths.config),
                                      {entry("dev", k_sso_config, "[profile dev]"),
                                       entry("other", k_sso_config, "[profile other]")});
    old[7] = '1';  // "AWSNAP01"
    std::system(("mkdir -p '" + m_snaps + "'").c_str());
    const std::string file = snapshot_path(m_snaps, AwsFileKind::config, m_paths.config);
    write(file, old);
    ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->from_snapshot().empty());
    ASSERT_NE(set->find_sso_session("corp"), nullptr);
}

TEST_F(SnapshotLoadTest, ASessionEntryPointingAtAProfileIsCheckedAgainstTheFile) {
    write(m_paths.config, k_sso_config);
    SnapshotEntry lie = entry(awsume_shell::config::snapshot_entry_of_session("corp"), k_sso_config, "[profile other]");
    plant(AwsFileKind::config, m_paths.config, {entry("dev", k_sso_config, "[profile dev]"), lie});
    auto set = load_profiles(m_paths, m_snaps);
    ASSERT_TRUE(set);
    ASSERT_NE(set->find_sso_session("corp"), nullptr);
    EXPECT_EQ(set->find_sso_session("corp")->get("sso_region"), "eu-west-1");
    EXPECT_TRUE(set->from_snapshot().empty()) << "read whole once the snapshot failed";
}
