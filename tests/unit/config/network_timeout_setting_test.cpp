// network_timeout: the one deadline for all the network calls of a command (issue 8 item 16).
#include <gtest/gtest.h>

#include "awsume_shell/config/tool_settings.hpp"

using awsume_shell::config::apply_tool_settings;
using awsume_shell::config::ToolSettings;

TEST(NetworkTimeoutSetting, DefaultsToThirtySeconds) { EXPECT_EQ(ToolSettings{}.network_timeout, 30); }

TEST(NetworkTimeoutSetting, TakesADurationAndAnEmptyValueRestoresTheDefault) {
    ToolSettings s;
    ASSERT_TRUE(apply_tool_settings(s, "network_timeout = 2m\n", "S"));
    EXPECT_EQ(s.network_timeout, 120);
    ASSERT_TRUE(apply_tool_settings(s, "network_timeout =\n", "S"));
    EXPECT_EQ(s.network_timeout, 30);
}

TEST(NetworkTimeoutSetting, OutOfRangeIsAnErrorNamingFileAndLine) {
    for (const char* value : {"0", "0s", "2h"}) {
        ToolSettings s;
        auto r = apply_tool_settings(s, std::string("\nnetwork_timeout = ") + value + "\n", "S");
        ASSERT_FALSE(r) << value;
        EXPECT_EQ(r.error().message,
                  std::string("S:2: network_timeout: must be between 1s and 10m, got '") + value + "'");
    }
}
