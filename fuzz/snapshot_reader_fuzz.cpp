// The snapshot reader (config/ini_snapshot.cpp) on any bytes, as a damaged or planted
// snapshot could hold: no crash, no read outside the bytes; a snapshot it accepts only ever
// gives entries inside the file (begin < end <= size, line >= 1), for the name asked. And
// the writer: entries made from the input are found again, exactly, once written.
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "awsume_shell/config/ini_snapshot.hpp"
#include "fuzz_check.hpp"

using awsume_shell::config::AwsFileKind;
using awsume_shell::config::encode_snapshot;
using awsume_shell::config::FileIdentity;
using awsume_shell::config::SnapshotEntry;
using awsume_shell::config::SnapshotView;

namespace {

/// The file the corpus' snapshots were written for (fuzz/corpus/snapshot_reader/README.md).
const FileIdentity k_identity{1, 2, 1000, 10, 11, 12, 13};
constexpr const char* k_path = "/x/config";

void check_entry(const std::optional<SnapshotEntry>& entry, std::string_view name) {
    if (entry) {
        FUZZ_CHECK(entry->name == name, "an entry is for the name asked");
        FUZZ_CHECK(entry->begin < entry->end && entry->end <= k_identity.size, "an entry lies in the file");
        FUZZ_CHECK(entry->line >= 1, "an entry's line is a line");
    }
}

void read_any(std::string_view bytes) {
    auto view = SnapshotView::open(bytes, AwsFileKind::config, k_path, k_identity);
    if (!view) {
        return;
    }
    // Probe with every short name the bytes hold and a few fixed ones.
    for (std::size_t i = 0; i + 4 <= bytes.size() && i < 4096; i += 4) {
        check_entry(view->find(bytes.substr(i, 4)), bytes.substr(i, 4));
    }
    for (std::string_view name : {"", "a", "default", "zzzz"}) {
        check_entry(view->find(name), name);
    }
}

/// Lines "NAME" of the input become entries at made-up offsets; they read back exactly.
void round_trip(std::string_view text) {
    std::vector<SnapshotEntry> entries;
    std::set<std::string> names;
    std::size_t at = 0;
    for (std::size_t start = 0; start < text.size() && entries.size() < 200;) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string name(text.substr(start, end - start));
        start = end + 1;
        if (names.insert(name).second && at + 5 <= k_identity.size) {
            entries.push_back(SnapshotEntry{name, at, at + 5, static_cast<int>(entries.size() + 1)});
            at += 5;
        }
    }
    const std::string bytes = encode_snapshot(AwsFileKind::config, k_path, k_identity, entries);
    auto view = SnapshotView::open(bytes, AwsFileKind::config, k_path, k_identity);
    FUZZ_CHECK(view.has_value(), "a written snapshot reads");
    FUZZ_CHECK(view->count() == entries.size(), "every entry is in it");
    for (const auto& e : entries) {
        const auto found = view->find(e.name);
        FUZZ_CHECK(found && found->begin == e.begin && found->end == e.end && found->line == e.line,
                   "each entry reads back as written");
    }
    FUZZ_CHECK(!SnapshotView::open(bytes, AwsFileKind::credentials, k_path, k_identity), "kind is checked");
    FileIdentity touched = k_identity;
    touched.ctime_ns += 1;
    FUZZ_CHECK(!SnapshotView::open(bytes, AwsFileKind::config, k_path, touched), "identity is checked");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = fuzz_text(data, size);
    read_any(bytes);
    round_trip(bytes);
    return 0;
}
