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

/// Waiting as a seam, beside the clock: a poll loop sleeps through a Sleeper, so its unit
/// tests move a FixedClock instead of waiting.
class Sleeper {
public:
    virtual ~Sleeper() = default;
    /// Sleeps `seconds`; false when a handled signal (Ctrl-C) cut it short.
    virtual bool sleep_for(long seconds) = 0;
};

class SystemSleeper final : public Sleeper {
public:
    bool sleep_for(long seconds) override;
};

/// Sleeping on a FixedClock: moves it on and returns at once; for tests.
class FixedClockSleeper final : public Sleeper {
public:
    explicit FixedClockSleeper(FixedClock& clock) : m_clock(clock) {}
    bool sleep_for(long seconds) override {
        m_clock.advance(seconds);
        ++m_sleeps;
        return true;
    }
    int sleeps() const { return m_sleeps; }

private:
    FixedClock& m_clock;
    int m_sleeps = 0;
};

}  // namespace awsume_shell::util
