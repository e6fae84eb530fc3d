#include "awsume_shell/util/browser.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sstream>
#include <vector>

#include "awsume_shell/util/process_exec.hpp"
#include "awsume_shell/util/process_spawn.hpp"

namespace awsume_shell::util {

namespace {

bool is_executable_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<std::string> find_executable(const std::string& name, const Env& env) {
    if (name.empty()) {
        return std::nullopt;
    }
    if (name.find('/') != std::string::npos) {
        return is_executable_file(name) ? std::optional<std::string>(name) : std::nullopt;
    }
    for (const std::string& file : path_candidates(name, env)) {
        if (is_executable_file(file)) {
            return file;
        }
    }
    return std::nullopt;
}

Result<std::vector<std::string>> browser_command(const std::string& url, const Env& env) {
    std::vector<std::string> argv;
    const auto browser = env.get("BROWSER");
    if (browser) {
        std::istringstream words(browser->substr(0, browser->find(':')));
        bool placed = false;
        for (std::string word; words >> word;) {
            if (auto at = word.find("%s"); at != std::string::npos && !argv.empty()) {
                word.replace(at, 2, url);
                placed = true;
            }
            argv.push_back(word);
        }
        if (!argv.empty() && !placed) {
            argv.push_back(url);
        }
    } else {
        argv = {"xdg-open", url};
    }
    if (argv.empty()) {
        return make_error(Errc::io, "no browser to open: BROWSER is blank");
    }
    auto program = find_executable(argv[0], env);
    if (!program) {
        return make_error(Errc::io, "no browser to open: " + argv[0] + (browser ? " (BROWSER)" : "") +
                                        " is not an executable on PATH");
    }
    argv[0] = *program;
    return argv;
}

Result<std::string> open_in_browser(const std::string& url, const Env& env) {
    TRY(auto argv, browser_command(url, env));
    const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) {
        return make_error(Errc::io, "cannot open /dev/null for the browser");
    }
    auto started = start_daemon(argv, env, {null_fd, null_fd, null_fd}, "the browser");
    ::close(null_fd);
    if (!started) {
        return unexpected(started.error());
    }
    return argv[0];
}

}  // namespace awsume_shell::util
