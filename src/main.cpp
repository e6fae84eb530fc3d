// awsume-shell: the only place that exits. Everything else returns Result<T>.
#include "awsume_shell/cli/command.hpp"

extern char** environ;

int main(int argc, char** argv) { return awsume_shell::cli::guarded_main_entry(argc, argv, environ); }
