// Stands in for libFuzzer's main in the normal (gcc, non-fuzz) build: runs a fuzz target
// over files, so the corpus and the crash reproducers of fuzz/ are unit tests
// (ctest fuzz_replay_<target>) and a fixed crash stays fixed.
//   fuzz_replay_<target> FILE_OR_DIR...    (a folder: every file in it, sorted)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_check.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        if (fs::is_directory(arg)) {
            std::vector<fs::path> in_dir;
            for (const auto& entry : fs::directory_iterator(arg)) {
                if (entry.is_regular_file() && entry.path().filename() != "README.md") {
                    in_dir.push_back(entry.path());
                }
            }
            std::sort(in_dir.begin(), in_dir.end());
            files.insert(files.end(), in_dir.begin(), in_dir.end());
        } else if (fs::exists(arg)) {
            files.push_back(arg);
        } else {
            std::cerr << "fuzz replay: no such file or folder: " << arg.string() << "\n";
            return 2;
        }
    }
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Named first, so that a crash report starts with the input that caused it.
        std::cerr << "replay " << file.string() << " (" << bytes.size() << " bytes)\n";
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << "fuzz replay: " << files.size() << " inputs, no crash\n";
    return files.empty() ? 1 : 0;
}
