#include "awsume_shell/util/clock.hpp"

#include <cerrno>
#include <ctime>

namespace awsume_shell::util {

UnixTime SystemClock::now() const { return static_cast<UnixTime>(std::time(nullptr)); }

bool SystemSleeper::sleep_for(long seconds) {
    struct timespec left {};
    left.tv_sec = seconds > 0 ? seconds : 0;
    // EINTR means a handler ran (ignored signals and stops never end nanosleep): the caller
    // installed it to be woken.
    return ::nanosleep(&left, &left) == 0;
}

}  // namespace awsume_shell::util
