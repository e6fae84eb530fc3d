#include "awsume_shell/util/core_dumps.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace awsume_shell::util {

namespace {

struct rlimit g_user_core_limit {};
bool g_saved = false;

}  // namespace

void forbid_core_dumps() noexcept {
    // Also makes /proc/self owned by root for other processes; the process itself still
    // reads /proc/self/exe (the kernel always lets a task inspect itself).
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (::getrlimit(RLIMIT_CORE, &g_user_core_limit) == 0) {
        g_saved = true;
        struct rlimit none = g_user_core_limit;
        none.rlim_cur = 0;
        ::setrlimit(RLIMIT_CORE, &none);
    }
}

void restore_core_limit() noexcept {
    if (g_saved) {
        ::setrlimit(RLIMIT_CORE, &g_user_core_limit);
    }
}

}  // namespace awsume_shell::util
