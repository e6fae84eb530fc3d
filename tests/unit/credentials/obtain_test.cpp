#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "awsume_shell/cache/cache_key.hpp"
#include "awsume_shell/cache/store.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/ini_snapshot.hpp"
#include "awsume_shell/credentials/obtain.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

using model::Request;
using testing::k_now;

/// obtain_credentials over real files in a temp dir. The AWS module points nowhere: these
/// paths must be answered from the files and the cache alone.
struct Files {
    Files() {
        env.set("HOME", dir.path());
        env.set("AWS_CONFIG_FILE", dir.file("config"));
        env.set("AWS_SHARED_CREDENTIALS_FILE", dir.file("credentials"));
        env.set("AWSUME_SHELL_HOME", dir.file("home"));
        env.set("AWSUME_SHELL_AWS_MODULE", dir.file("no-such-module.so"));
        testing::write_text(dir.file("config"), "[default]\nregion = eu-west-1\n");
        testing::write_text(dir.file("credentials"),
                            "[default]\naws_access_key_id = AKIADEFAULT000000001\n"
                            "aws_secret_access_key = default-secret\n");
    }
    Result<Obtained> obtain(const Request& request) {
        return obtain_credentials(request, Environment{env, clock, log, settings});
    }

    testing::TempDir dir;
    util::Env env;
    util::FixedClock clock{k_now};
    util::Log log{false};
    config::ToolSettings settings;
};

TEST(ObtainCredentials, StaticProfileIsHandedOnWithItsRegion) {
    Files files;
    Request request;
    request.profile = "default";
    auto obtained = files.obtain(request);
    ASSERT_TRUE(obtained) << obtained.error().message;
    EXPECT_EQ(obtained->profile, "default");
    EXPECT_EQ(obtained->credentials.access_key_id, "AKIADEFAULT000000001");
    EXPECT_EQ(obtained->region, "eu-west-1");
    EXPECT_EQ(obtained->config_path, files.dir.file("config"));
}

TEST(ObtainCredentials, RegionOptionAndEnvironmentWinOverTheProfile) {
    Files files;
    files.env.set("AWS_DEFAULT_REGION", "us-east-2");
    Request request;
    request.profile = "default";
    EXPECT_EQ(files.obtain(request)->region, "us-east-2");
    request.region = "ap-south-1";
    EXPECT_EQ(files.obtain(request)->region, "ap-south-1");
}

TEST(ObtainCredentials, NoProfileIsAUsageError) {
    Files files;
    auto obtained = files.obtain(Request{});
    ASSERT_FALSE(obtained);
    EXPECT_EQ(obtained.error().code, Errc::usage);
}

TEST(ObtainCredentials, BadRoleArnIsAUsageError) {
    Files files;
    Request request;
    request.role_arn = "Admin";  // no role_prefix
    auto obtained = files.obtain(request);
    ASSERT_FALSE(obtained);
    EXPECT_EQ(obtained.error().code, Errc::usage);
    EXPECT_NE(obtained.error().message.find("--role-arn"), std::string::npos);
}

TEST(ObtainCredentials, BadSessionDurationInTheEnvironmentIsAUsageError) {
    Files files;
    files.env.set("AWS_SESSION_DURATION", "12h");
    Request request;
    request.profile = "default";
    auto obtained = files.obtain(request);
    ASSERT_FALSE(obtained);
    EXPECT_EQ(obtained.error().code, Errc::usage);
    EXPECT_NE(obtained.error().message.find("AWS_SESSION_DURATION"), std::string::npos);
}

TEST(ObtainCredentials, RoleArnAloneIsServedFromTheCacheWithoutTheAwsModule) {
    Files files;
    files.settings.role_prefix = "123456789012";
    // What an earlier run stored: the role assumed from the default profile's keys, named
    // after the IAM user (looked up on the miss).
    cache::Store store(cache::Store::default_dir(files.env));
    cache::Entry entry;
    entry.credentials = model::Credentials{"ASIACACHED", "s", "t", k_now + 3600};
    entry.created = k_now - 60;
    ASSERT_TRUE(store.save(cache::role_key("key AKIADEFAULT000000001",
                                           "arn:aws:iam::123456789012:role/Admin",
                                           "<iam-user-name>", ""),
                           entry));
    Request request;
    request.role_arn = "Admin";
    auto obtained = files.obtain(request);
    ASSERT_TRUE(obtained) << obtained.error().message;
    EXPECT_EQ(obtained->credentials.access_key_id, "ASIACACHED");
    EXPECT_EQ(obtained->profile, "Admin");
}

TEST(ObtainCredentials, CacheMissNeedsTheAwsModuleAndSaysSo) {
    Files files;
    Request request;
    request.role_arn = "123456789012:Admin";
    auto obtained = files.obtain(request);
    ASSERT_FALSE(obtained);
    EXPECT_EQ(obtained.error().code, Errc::io);
    EXPECT_NE(obtained.error().message.find("AWSUME_SHELL_AWS_MODULE"), std::string::npos)
        << obtained.error().message;
}


TEST(ObtainCredentials, AProfileASnapshotMissesIsLookedUpInTheWholeFile) {
    // A snapshot that does not know a profile (an edit its file's identity did not show,
    // as on a file system with coarse times) must not make that profile "not found".
    Files files;
    const std::string config = files.dir.file("config");
    testing::write_text(config, "[default]\nregion = eu-west-1\n\n[profile b]\n"
                                "aws_access_key_id = AKIAPROFILEB00000001\naws_secret_access_key = b-secret\n");
    const std::string dir = config::snapshot_dir_in(cache::Store::default_dir(files.env));
    ASSERT_EQ(std::system(("mkdir -p '" + dir + "' && chmod 700 '" + dir + "'").c_str()), 0);
    struct stat st {};
    ASSERT_EQ(::stat(config.c_str(), &st), 0);
    const std::string snapshot = config::snapshot_path(dir, config::AwsFileKind::config, config);
    testing::write_text(snapshot, config::encode_snapshot(config::AwsFileKind::config, config,
                                                          config::FileIdentity::of(st),
                                                          {{"default", 0, 30, 1}}));
    ASSERT_EQ(::chmod(snapshot.c_str(), 0600), 0);
    Request request;
    request.profile = "b";
    auto obtained = files.obtain(request);
    ASSERT_TRUE(obtained) << obtained.error().message;
    EXPECT_EQ(obtained->credentials.access_key_id, "AKIAPROFILEB00000001");
}

}  // namespace
}  // namespace awsume_shell::credentials
