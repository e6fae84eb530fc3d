#pragma once
/// One error model for the whole program: functions that can fail return Result<T>.
/// The names follow std::expected (C++23) so that moving to it is a rename.
/// No exception crosses a module boundary; adapters of throwing libraries catch.

#include <string>
#include <utility>
#include <variant>

namespace awsume_shell {

/// What kind of failure; decides the exit code (see exit_code_for) and nothing else.
enum class Errc {
    aws,      ///< AWS answered with an error document (exit 1)
    network,  ///< connection, timeout, malformed answer (exit 1)
    io,       ///< local file or process trouble (exit 1)
    usage,    ///< bad option or argument (exit 2)
    config,   ///< bad config/credentials/settings file or profile (exit 2)
    mfa,      ///< MFA code rejected, or needed and not obtainable (exit 3)
    sign_in,  ///< an IAM Identity Center sign-in is needed and cannot happen here (exit 3)
    interrupted,  ///< user pressed Ctrl-C (exit 130)
};

struct Error {
    Errc code;
    std::string message;  ///< one line, names file:line, option or AWS error code
    std::string aws_code; ///< AWS's error code when code == Errc::aws (e.g. "AccessDenied")
};

/// Exit code of the process for an error: the only place this mapping lives.
int exit_code_for(Errc code);

/// Wrapper that lets `return unexpected(...)` convert into any Result<T>.
struct Unexpected {
    Error error;
};

inline Unexpected make_error(Errc code, std::string message, std::string aws_code = {}) {
    return Unexpected{Error{code, std::move(message), std::move(aws_code)}};
}
inline Unexpected unexpected(Error error) { return Unexpected{std::move(error)}; }

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Unexpected e) : m_state(std::in_place_index<1>, std::move(e.error)) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() & { return std::get<0>(m_state); }
    const T& value() const& { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(m_state); }
    template <class U>
    T value_or(U&& fallback) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected e) : m_error(std::move(e.error)), m_failed(true) {}
    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    const Error& error() const { return m_error; }

private:
    Error m_error{Errc::io, {}, {}};
    bool m_failed = false;
};

}  // namespace awsume_shell

/// Propagate an error: `TRY(auto x, f());` or `TRY_VOID(g());`
#define AWSUME_CAT2(a, b) a##b
#define AWSUME_CAT(a, b) AWSUME_CAT2(a, b)
#define TRY(decl, expr)                                                   \
    auto AWSUME_CAT(try_result_, __LINE__) = (expr);                      \
    if (!AWSUME_CAT(try_result_, __LINE__)) {                             \
        return ::awsume_shell::unexpected(AWSUME_CAT(try_result_, __LINE__).error()); \
    }                                                                     \
    decl = std::move(AWSUME_CAT(try_result_, __LINE__)).value()
#define TRY_VOID(expr)                                                    \
    do {                                                                  \
        auto try_void_result = (expr);                                    \
        if (!try_void_result) {                                           \
            return ::awsume_shell::unexpected(try_void_result.error());   \
        }                                                                 \
    } while (0)
