// awsume-shell: the only place that exits. Everything else returns Result<T>.
#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/util/core_dumps.hpp"

extern char** environ;

int main(int argc, char** argv) {
    awsume_shell::util::forbid_core_dumps();  // before any secret is read
    return awsume_shell::cli::guarded_main_entry(argc, argv, environ);
}
