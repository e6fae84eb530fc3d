#include <gtest/gtest.h>

#include "awsume_shell/credentials/client_options.hpp"

namespace awsume_shell::credentials {
namespace {

struct World {
    Result<aws::ClientOptions> make(AwsTarget target = {}) {
        return make_client_options(Environment{env, clock, log, settings}, std::move(target));
    }
    util::Env env;
    util::FixedClock clock{1700000000};
    util::Log log{false};
    config::ToolSettings settings;
};

TEST(ClientOptions, TheTargetTheSettingsAndTheDebugSetting) {
    World world;
    world.settings.network_timeout = 7;
    AwsTarget target;
    target.region = "eu-west-1";
    target.endpoint_url = "https://sts.example";
    target.ca_bundle = "/etc/ca.pem";
    target.partition = "aws-cn";
    auto options = world.make(target);
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->region, "eu-west-1");
    EXPECT_EQ(options->endpoint_url, "https://sts.example");
    EXPECT_EQ(options->ca_bundle, "/etc/ca.pem");
    EXPECT_EQ(options->partition, "aws-cn");
    EXPECT_EQ(options->network_timeout_ms, 7000);
    EXPECT_EQ(options->total_timeout_ms, aws::ClientOptions{}.total_timeout_ms);
    EXPECT_FALSE(options->debug);
    world.log.set_debug(true);
    EXPECT_TRUE(world.make()->debug);
}

TEST(ClientOptions, HttpTimeoutBoundsEveryAttempt) {
    World world;
    world.env.set("AWSUME_SHELL_HTTP_TIMEOUT_MS", "1500");
    auto options = world.make();
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->total_timeout_ms, 1500);
    EXPECT_EQ(options->connect_timeout_ms, 1500);
    EXPECT_EQ(options->read_timeout_ms, 1500);
    world.env.set("AWSUME_SHELL_HTTP_TIMEOUT_MS", "1");
    EXPECT_EQ(world.make()->connect_timeout_ms, 1);
}

TEST(ClientOptions, BadHttpTimeoutIsAUsageErrorNamingIt) {
    World world;
    for (const char* text : {"0", "-5", "1.5s", "abc", "99999999999999999999"}) {
        world.env.set("AWSUME_SHELL_HTTP_TIMEOUT_MS", text);
        auto options = world.make();
        ASSERT_FALSE(options) << text;
        EXPECT_EQ(options.error().code, Errc::usage);
        EXPECT_NE(options.error().message.find("AWSUME_SHELL_HTTP_TIMEOUT_MS"), std::string::npos);
    }
}

}  // namespace
}  // namespace awsume_shell::credentials
