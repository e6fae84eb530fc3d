// Compiled into awsume_shell_aws_api, linked by the binary: dlopen only, no curl/OpenSSL.
#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/aws/module_version.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <string>
#include <vector>

extern char** environ;

namespace awsume_shell::aws {
namespace {

constexpr const char* k_module_name = "libawsume-shell-aws.so";
constexpr const char* k_factory_symbol = "awsume_shell_create_aws_clients";

std::string executable_dir() {
    std::string buffer(4096, '\0');
    ssize_t length = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (length <= 0) {
        return {};
    }
    buffer.resize(static_cast<std::size_t>(length));
    std::size_t slash = buffer.rfind('/');
    return slash == std::string::npos ? std::string{} : buffer.substr(0, slash);
}

std::vector<std::string> candidate_paths(const util::Env& env) {
    if (auto path = env.get("AWSUME_SHELL_AWS_MODULE")) {
        return {*path};
    }
    std::string dir = executable_dir();
    if (dir.empty()) {
        return {};
    }
    return {dir + "/" + k_module_name, dir + "/../lib/awsume-shell/" + k_module_name};
}

/// Read before any other symbol: every other one passes C++ objects whose layout only a
/// module of the same build shares.
Result<void> check_version(void* handle, const std::string& path) {
    using VersionFn = const char* (*)();
    dlerror();
    auto version = reinterpret_cast<VersionFn>(dlsym(handle, k_module_version_symbol));
    const char* text = version != nullptr ? version() : nullptr;
    if (text != nullptr && std::strcmp(text, k_module_version) == 0) {
        return {};
    }
    return make_error(Errc::io, "the AWS module " + path + " is from another build (" +
                                    (text != nullptr ? std::string(text) : "no version") +
                                    "; this binary: " + k_module_version +
                                    "): install the binary and its module from the same build");
}

/// The module stays loaded for the life of the process (objects it made outlive any scope
/// we could close it in), so the handle is process-wide state by nature.
struct ModuleState {
    std::mutex mutex;
    void* handle = nullptr;
};

ModuleState& module_state() {
    static ModuleState state;
    return state;
}

Result<void*> open_module(const util::Env& env) {
    ModuleState& state = module_state();
    std::lock_guard lock(state.mutex);
    if (state.handle != nullptr) {
        return state.handle;
    }
    std::vector<std::string> paths = candidate_paths(env);
    std::string tried;
    for (const std::string& path : paths) {
        if (access(path.c_str(), F_OK) != 0) {
            tried += (tried.empty() ? "" : ", ") + path;
            continue;
        }
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            const char* reason = dlerror();
            return make_error(Errc::io, "cannot load the AWS module " + path + ": " +
                                            (reason != nullptr ? reason : "unknown error"));
        }
        if (auto same = check_version(handle, path); !same) {
            dlclose(handle);  // nothing of it was used
            return unexpected(same.error());
        }
        state.handle = handle;
        return handle;
    }
    if (env.has("AWSUME_SHELL_AWS_MODULE")) {
        return make_error(Errc::io, "AWS module not found at AWSUME_SHELL_AWS_MODULE=" + tried);
    }
    return make_error(Errc::io, std::string("AWS module ") + k_module_name + " not found (tried " +
                                    (tried.empty() ? "nothing: cannot locate the executable"
                                                   : tried) +
                                    "; set AWSUME_SHELL_AWS_MODULE to its path)");
}

Result<void*> lookup(void* handle, const char* name) {
    dlerror();
    void* symbol = dlsym(handle, name);
    if (symbol == nullptr) {
        const char* reason = dlerror();
        return make_error(Errc::io, std::string("the AWS module lacks symbol ") + name + ": " +
                                        (reason != nullptr ? reason : "null"));
    }
    return symbol;
}

}  // namespace

Result<Clients> load_clients(const ClientOptions& options) {
    TRY(void* handle, open_module(options.env));
    TRY(void* symbol, lookup(handle, k_factory_symbol));
    using Factory = int (*)(const ClientOptions*, Clients*);
    Clients clients;
    if (reinterpret_cast<Factory>(symbol)(&options, &clients) != 0) {
        return make_error(Errc::io, "the AWS module could not create its client (out of memory)");
    }
    return clients;
}

Result<void> load_module(const util::Env& env) {
    TRY_VOID(open_module(env));
    return {};
}

Result<void*> find_module_symbol(const char* name) {
    // Without options at hand, the module path override comes from the live environment;
    // this is the adapter edge where that is acceptable.
    TRY(void* handle, open_module(util::Env::from_environ(environ)));
    return lookup(handle, name);
}

}  // namespace awsume_shell::aws
