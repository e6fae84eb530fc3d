#pragma once
/// Time as a seam: code that decides freshness asks a Clock, so tests can move time.

#include <cstdint>

namespace awsume_shell::util {

/// Seconds since the Unix epoch, UTC.
using UnixTime = std::int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    virtual UnixTime now() const = 0;
};

class SystemClock final : public Clock {
public:
    UnixTime now() const override;
};

/// A clock that stands still until moved; for tests.
class FixedClock final : public Clock {
public:
    explicit FixedClock(UnixTime t) : m_now(t) {}
    UnixTime now() const override { return m_now; }
    void advance(UnixTime seconds) { m_now += seconds; }

private:
    UnixTime m_now;
};

}  // namespace awsume_shell::util
