#include "awsume_shell/util/process_exec.hpp"

#include "awsume_shell/util/core_dumps.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/io.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace awsume_shell::util {

namespace {

constexpr const char* k_default_path = "/usr/local/bin:/usr/bin:/bin";

/// execve, and for a file the kernel does not recognise (a script without #!) /bin/sh, as
/// execvp does. Returns the errno of the failure.
int try_exec(const std::string& file, std::vector<std::string> argv, char* const* envp) {
    auto args = c_string_array(argv);
    ::execve(file.c_str(), args.data(), envp);
    const int err = errno;
    if (err != ENOEXEC) {
        return err;
    }
    std::vector<std::string> sh_argv{"sh", file};
    sh_argv.insert(sh_argv.end(), argv.begin() + 1, argv.end());
    auto sh_args = c_string_array(sh_argv);
    ::execve("/bin/sh", sh_args.data(), envp);
    return errno == ENOENT ? ENOEXEC : errno;
}

int fail(const std::string& name, const char* why, int status) {
    std::fprintf(stderr, "awsume-shell: %s: %s\n", printable(name).c_str(), why);
    return status;
}

}  // namespace

int exec_replacing(const std::vector<std::string>& argv, const Env& env) {
    if (argv.empty() || argv[0].empty()) {
        return fail(argv.empty() ? std::string("exec") : std::string("''"),
                    "command not found", 127);
    }
    std::vector<std::string> env_strings = env.to_strings();
    auto envp = c_string_array(env_strings);
    const std::string& name = argv[0];
    restore_core_limit();  // the user's command may dump core as it would without us

    if (name.find('/') != std::string::npos) {
        const int err = try_exec(name, argv, envp.data());
        return fail(name, std::strerror(err), err == ENOENT || err == ENOTDIR ? 127 : 126);
    }

    int found_err = 0;  // the first error of a file that exists but could not be run
    for (const std::string& file : path_candidates(name, env)) {
        const int err = try_exec(file, argv, envp.data());
        // Like execvp: keep looking past missing files and unusable directories; anything
        // else (EACCES, ENOEXEC without a shell, E2BIG...) is remembered and reported if
        // nothing later can be run.
        if (err != ENOENT && err != ENOTDIR && err != ESTALE && err != ENODEV &&
            err != ETIMEDOUT && found_err == 0) {
            found_err = err;
        }
    }
    if (found_err != 0) {
        return fail(name, std::strerror(found_err), 126);
    }
    return fail(name, "command not found", 127);
}

std::vector<std::string> path_candidates(const std::string& name, const Env& env) {
    const std::string path = env.get("PATH").value_or(k_default_path);
    std::vector<std::string> files;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find(':', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        const std::string dir = path.substr(start, end - start);
        files.push_back((dir.empty() ? std::string(".") : dir) + "/" + name);
        start = end + 1;
    }
    return files;
}

}  // namespace awsume_shell::util
