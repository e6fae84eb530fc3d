// The credential_process output reader (credentials/process_provider.cpp) on any bytes, as
// any program named in a profile could print: no crash, no exception; a failure is one
// Errc::io line naming the command; a success is a Version 1 document with string keys,
// checked here against nlohmann_json's own reading of the text.
#include <nlohmann/json.hpp>

#include <string>

#include "awsume_shell/credentials/source_providers.hpp"
#include "fuzz_check.hpp"

using awsume_shell::Errc;
using awsume_shell::credentials::parse_credential_process_output;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(fuzz_text(data, size));
    auto creds = parse_credential_process_output(text, "fuzz-command");
    if (!creds) {
        FUZZ_CHECK(creds.error().code == Errc::io, "bad output is an io error");
        FUZZ_CHECK(creds.error().message.rfind("fuzz-command: ", 0) == 0, "the error names the command");
        FUZZ_CHECK(creds.error().message.find_first_of("\r\n") == std::string::npos, "the error is one line");
        return 0;
    }
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    FUZZ_CHECK(doc.is_object(), "accepted output is a JSON object");
    FUZZ_CHECK(doc.contains("Version") && doc.at("Version") == 1, "accepted output has \"Version\": 1");
    for (const auto& [name, got] : {std::pair{"AccessKeyId", creds->access_key_id},
                                    std::pair{"SecretAccessKey", creds->secret_access_key}}) {
        FUZZ_CHECK(doc.contains(name) && doc.at(name).is_string() && doc.at(name) == got, "keys as sent");
    }
    return 0;
}
