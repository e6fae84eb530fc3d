// The cache entry reader (cache/entry_json.cpp) on any bytes, as a damaged or planted cache
// file could hold: no crash, no exception; nullopt always says why; an entry it accepts is
// complete and survives being written and read again unchanged. And the writer, with the
// input as description (a profile name can hold any bytes): what it writes reads back.
#include <nlohmann/json.hpp>

#include <string>

#include "awsume_shell/util/time_format.hpp"
#include "cache/entry_json.hpp"
#include "fuzz_check.hpp"

namespace cache = awsume_shell::cache;
using awsume_shell::util::UnixTime;

namespace {

// Times the writer's "%04d" year can show and the reader's 4-digit year can take back:
// 0001-01-01 to 9999-12-31. The reader accepts a little outside (year 0000 with a positive
// UTC offset, year 9999 with a negative one); such an entry expired millennia ago.
constexpr UnixTime k_first = -62135596800, k_last = 253402300799;
bool writable(UnixTime t) { return t >= k_first && t <= k_last; }

bool same(const cache::Entry& a, const cache::Entry& b) {
    return a.credentials.access_key_id == b.credentials.access_key_id &&
           a.credentials.secret_access_key == b.credentials.secret_access_key &&
           a.credentials.session_token == b.credentials.session_token &&
           a.credentials.expiration == b.credentials.expiration && a.description == b.description &&
           a.created == b.created;
}

std::optional<cache::Entry> read(std::string_view text, std::string& problem) {
    problem.clear();
    auto entry = cache::entry_from_json(text, "role", problem);
    FUZZ_CHECK(entry.has_value() == problem.empty(), "nullopt exactly when a problem is named");
    FUZZ_CHECK(problem.find_first_of("\r\n") == std::string::npos, "the problem is one line");
    return entry;
}

/// As nlohmann_json judges it (overlong forms and surrogates are not UTF-8 either).
bool valid_utf8(const std::string& s) {
    try {
        (void)nlohmann::json(s).dump();
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz_text(data, size);
    std::string problem;
    if (auto entry = read(text, problem)) {
        FUZZ_CHECK(!entry->credentials.access_key_id.empty() && !entry->credentials.secret_access_key.empty(),
                   "an accepted entry has a key and a secret");
        if (writable(entry->created) && writable(entry->credentials.expiration.value_or(0))) {
            const std::string written = cache::entry_to_json("role", *entry);
            auto again = read(written, problem);
            FUZZ_CHECK(again && same(*entry, *again), "an accepted entry reads back unchanged");
        }
    }

    // The writer: the input as description, its first bytes as times.
    cache::Entry entry;
    entry.credentials = {"ASIAFUZZ", "secret", "token", std::nullopt};
    entry.description = std::string(text);
    if (size >= 4) {
        entry.created = static_cast<UnixTime>(data[0] | data[1] << 8 | data[2] << 16) * 3600 + data[3];
        entry.credentials.expiration = entry.created + data[3] * 60;
    }
    const std::string written = cache::entry_to_json("role", entry);
    auto again = read(written, problem);
    FUZZ_CHECK(again.has_value(), "what the writer writes reads back");
    if (valid_utf8(entry.description)) {
        FUZZ_CHECK(same(entry, *again), "an entry with UTF-8 text reads back unchanged");
    }
    return 0;
}
