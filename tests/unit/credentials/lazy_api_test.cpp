#include <gtest/gtest.h>

#include "awsume_shell/credentials/services.hpp"
#include "unit/credentials/fake_api.hpp"

namespace awsume_shell::credentials {
namespace {

TEST(LazyApi, HandsOutTheServicesItWasGiven) {
    util::FixedClock clock{testing::k_now};
    auto fake = std::make_shared<testing::FakeApi>(clock);
    LazyApi api(aws::Clients{.sts = fake});
    auto sts = api.sts();
    ASSERT_TRUE(sts);
    EXPECT_EQ(*sts, fake.get());
    // A service a test leaves out is an error, not a null pointer to call through.
    auto iam = api.iam();
    ASSERT_FALSE(iam);
    EXPECT_EQ(iam.error().code, Errc::io);
    EXPECT_EQ(iam.error().message, "no AWS IAM client");
}

TEST(LazyApi, OpensTheModuleOnlyWhenAServiceIsAskedFor) {
    aws::ClientOptions options;
    options.env.set("AWSUME_SHELL_AWS_MODULE", "/nonexistent/libawsume-shell-aws.so");
    LazyApi api(options);  // no error here: nothing is loaded yet
    auto sts = api.sts();
    ASSERT_FALSE(sts);
    EXPECT_EQ(sts.error().message,
              "AWS module not found at AWSUME_SHELL_AWS_MODULE=/nonexistent/libawsume-shell-aws.so");
}

}  // namespace
}  // namespace awsume_shell::credentials
