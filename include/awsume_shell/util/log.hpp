#pragma once
/// Messages to the user on stderr, all prefixed "awsume-shell: ". Debug lines only with
/// --debug / AWSUME_SHELL_DEBUG=1 / AWS_SESSION_DEBUG=1; callers never pass secrets
/// (use model::redact_key_id and friends). Control characters in a message are shown
/// escaped (util::printable).

#include <string_view>

namespace awsume_shell::util {

class Log {
public:
    explicit Log(bool debug = false) : m_debug(debug) {}
    bool debug_enabled() const { return m_debug; }
    void set_debug(bool on) { m_debug = on; }
    /// Each line starts with the ISO 8601 UTC time: for logs read later (the -a refresher).
    void set_timestamps(bool on) { m_timestamps = on; }

    void debug(std::string_view message) const;
    void warning(std::string_view message) const;
    void error(std::string_view message) const;
    /// A line without level, e.g. "[prod] role credentials expire at 14:37 (in 59m)".
    void info(std::string_view message) const;

private:
    void write(std::string_view level, std::string_view message) const;

    bool m_debug;
    bool m_timestamps = false;
};

}  // namespace awsume_shell::util
