#pragma once
/// The process environment as a value. main() snapshots environ once and passes it
/// down, so that domain code never calls getenv and tests can hand in any environment.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace awsume_shell::util {

class Env {
public:
    Env() = default;
    /// Snapshot of a NULL-terminated "NAME=value" array (environ).
    static Env from_environ(char** envp);

    /// Value of NAME; an unset variable and an empty one are both nullopt, as AWS tools
    /// treat an empty AWS_* variable as unset.
    std::optional<std::string> get(const std::string& name) const;
    bool has(const std::string& name) const { return get(name).has_value(); }
    /// First of several names that is set (e.g. AWS_REGION, AWS_DEFAULT_REGION).
    std::optional<std::string> first_of(std::initializer_list<const char*> names) const;

    void set(const std::string& name, const std::string& value) { m_vars[name] = value; }
    void unset(const std::string& name) { m_vars.erase(name); }

    /// "NAME=value" strings for execve.
    std::vector<std::string> to_strings() const;
    const std::map<std::string, std::string>& vars() const { return m_vars; }

    /// $HOME, falling back to the passwd entry.
    std::string home() const;

private:
    std::map<std::string, std::string> m_vars;
};

/// "~" and "~/x" -> HOME and HOME/x; anything else unchanged.
std::string expand_home(const std::string& path, const Env& env);

/// awsume-shell's own folder (settings, cache, logs): $AWSUME_SHELL_HOME (a leading ~
/// expanded) when set, else ~/.awsume-shell.
std::string tool_home(const Env& env);

}  // namespace awsume_shell::util
