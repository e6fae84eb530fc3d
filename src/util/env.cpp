#include "awsume_shell/util/env.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstring>

namespace awsume_shell::util {

Env Env::from_environ(char** envp) {
    Env env;
    for (char** p = envp; p && *p; ++p) {
        const char* eq = std::strchr(*p, '=');
        if (eq == nullptr) {
            continue;
        }
        env.m_vars.emplace(std::string(*p, static_cast<size_t>(eq - *p)), std::string(eq + 1));
    }
    return env;
}

std::optional<std::string> Env::get(const std::string& name) const {
    auto it = m_vars.find(name);
    if (it == m_vars.end() || it->second.empty()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<std::string> Env::first_of(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
        if (auto value = get(name)) {
            return value;
        }
    }
    return std::nullopt;
}

std::vector<std::string> Env::to_strings() const {
    std::vector<std::string> out;
    out.reserve(m_vars.size());
    for (const auto& [name, value] : m_vars) {
        out.push_back(name + "=" + value);
    }
    return out;
}

std::string Env::home() const {
    if (auto home = get("HOME")) {
        return *home;
    }
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_dir != nullptr) {
        return pw->pw_dir;
    }
    return "/";
}

std::string expand_home(const std::string& path, const Env& env) {
    if (path == "~") {
        return env.home();
    }
    if (path.rfind("~/", 0) == 0) {
        return env.home() + path.substr(1);
    }
    return path;
}

std::string tool_home(const Env& env) {
    if (auto home = env.get("AWSUME_SHELL_HOME")) {
        return expand_home(*home, env);
    }
    return env.home() + "/.awsume-shell";
}

}  // namespace awsume_shell::util
