// The credentials server's request reader (output/server_http.cpp) on any bytes, as any
// local process may send them: no crash, no exception; a head it accepts has a token
// method, a path target and lower-case header names without a repeat; and a head is never
// "incomplete" once it holds more than the limit.
#include <cctype>
#include <set>

#include "awsume_shell/output/server_http.hpp"
#include "fuzz_check.hpp"

namespace output = awsume_shell::output;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz_text(data, size);
    const output::ParsedHead parsed = output::parse_request_head(text);
    if (size >= output::k_max_request_head) {
        FUZZ_CHECK(parsed.status != output::HeadStatus::incomplete, "a long head is decided");
    }
    if (parsed.status == output::HeadStatus::bad) {
        FUZZ_CHECK(!parsed.problem.empty(), "a refusal says why");
    }
    if (parsed.status != output::HeadStatus::complete) {
        return 0;
    }
    FUZZ_CHECK(!parsed.head.method.empty(), "a method");
    FUZZ_CHECK(!parsed.head.target.empty() && parsed.head.target.front() == '/', "a path");
    std::set<std::string> names;
    for (const auto& [name, value] : parsed.head.headers) {
        FUZZ_CHECK(names.insert(name).second, "no header twice");
        for (char c : name) {
            FUZZ_CHECK(std::tolower(static_cast<unsigned char>(c)) == static_cast<unsigned char>(c), "lower case");
        }
        FUZZ_CHECK(value.find_first_of("\r\n") == std::string::npos, "values are one line");
    }
    return 0;
}
