#include "awsume_shell/util/clock.hpp"

#include <ctime>

namespace awsume_shell::util {

UnixTime SystemClock::now() const { return static_cast<UnixTime>(std::time(nullptr)); }

}  // namespace awsume_shell::util
