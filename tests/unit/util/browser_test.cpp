// Which browser opens a URL: $BROWSER as Python's webbrowser reads it (no shell), else
// xdg-open, found on the environment's PATH.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "awsume_shell/util/browser.hpp"
#include "unit/cache/temp_dir.hpp"

namespace util = awsume_shell::util;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

namespace {

std::string executable(const TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    write_text(path, "#!/bin/sh\n");
    ::chmod(path.c_str(), 0700);
    return path;
}

}  // namespace

TEST(Browser, FindsExecutablesOnTheGivenPath) {
    TempDir dir;
    const std::string firefox = executable(dir, "firefox");
    write_text(dir.file("plain"), "not executable");
    util::Env env;
    env.set("PATH", "/nonexistent:" + dir.path());
    EXPECT_EQ(util::find_executable("firefox", env), firefox);
    EXPECT_FALSE(util::find_executable("plain", env));
    EXPECT_FALSE(util::find_executable("missing", env));
    EXPECT_EQ(util::find_executable(firefox, util::Env()), firefox);
}

TEST(Browser, BrowserVariableAsPythonReadsIt) {
    TempDir dir;
    const std::string firefox = executable(dir, "firefox");
    util::Env env;
    env.set("PATH", dir.path());
    env.set("BROWSER", "firefox --new-window %s:lynx");
    EXPECT_EQ(util::browser_command("https://x/?c=1", env).value(),
              (std::vector<std::string>{firefox, "--new-window", "https://x/?c=1"}));
    env.set("BROWSER", "firefox");
    EXPECT_EQ(util::browser_command("https://x/", env).value(), (std::vector<std::string>{firefox, "https://x/"}));
    env.set("BROWSER", "nosuchbrowser");
    auto missing = util::browser_command("https://x/", env);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "no browser to open: nosuchbrowser (BROWSER) is not an executable on PATH");
}

TEST(Browser, WithoutBrowserItIsXdgOpen) {
    TempDir dir;
    const std::string xdg = executable(dir, "xdg-open");
    util::Env env;
    env.set("PATH", dir.path());
    EXPECT_EQ(util::browser_command("https://x/", env).value(), (std::vector<std::string>{xdg, "https://x/"}));
    env.set("PATH", "/nonexistent");
    EXPECT_FALSE(util::browser_command("https://x/", env));
}

TEST(Browser, OpenStartsItWithoutWaiting) {
    TempDir dir;
    const std::string browser = dir.file("browser");
    write_text(browser, "#!/bin/sh\nsleep 1\necho \"$1\" >" + dir.file("opened") + "\n");
    ::chmod(browser.c_str(), 0700);
    util::Env env;
    env.set("PATH", "/usr/bin:/bin");
    env.set("BROWSER", browser);
    auto opened = util::open_in_browser("https://x/device", env);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(*opened, browser);
    struct stat st {};
    EXPECT_NE(::stat(dir.file("opened").c_str(), &st), 0) << "returned only after the browser ended";
    for (int i = 0; i < 50 && ::stat(dir.file("opened").c_str(), &st) != 0; ++i) {
        ::usleep(100 * 1000);
    }
    EXPECT_EQ(awsume_shell::testing::read_text(dir.file("opened")), "https://x/device\n");
}
