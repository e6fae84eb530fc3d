#pragma once
// Helpers for the shell area's unit tests: temp folders and running a shell snippet.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <stdlib.h>

namespace awsume_shell::shell::testing {

inline std::string make_temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "shell-test.XXXXXX").string();
    return ::mkdtemp(pattern.data()) ? pattern : std::string();
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// stdout of `sh -c command`, and its exit status in *status.
inline std::string run_command(const std::string& command, int* status = nullptr) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return out;
    }
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, n);
    }
    int rc = ::pclose(pipe);
    if (status != nullptr) {
        *status = rc;
    }
    return out;
}

}  // namespace awsume_shell::shell::testing
