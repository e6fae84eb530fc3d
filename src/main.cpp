// awsume-shell: the process entry. Commands return Result<T>; guarded_main_entry turns the
// result (or any exception that escapes) into one line on stderr and the exit code
// (util/result.hpp). Children that fail between fork and exec end with _exit in the process
// code, never through here.
#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/util/core_dumps.hpp"

extern char** environ;

int main(int argc, char** argv) {
    awsume_shell::util::forbid_core_dumps();  // before any secret is read
    return awsume_shell::cli::guarded_main_entry(argc, argv, environ);
}
