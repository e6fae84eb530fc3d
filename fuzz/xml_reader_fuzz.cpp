// The XML reader (aws/xml_tree.cpp over expat) and every AWS Query answer parser on it
// (aws/query_xml.cpp), on any bytes as a server (or a proxy, or an attacker on the path)
// could send: no crash, no hang; a failure is one error of the documented kind that names
// the host; a success holds what the parser promises.
#include <string>
#include <vector>

#include "awsume_shell/aws/query_xml.hpp"
#include "awsume_shell/aws/xml_tree.hpp"
#include "fuzz_check.hpp"

using awsume_shell::Errc;
using awsume_shell::Error;
namespace aws = awsume_shell::aws;

namespace {

const std::string k_host = "sts.fuzz.example";

bool names_host(const Error& error) { return error.message.find(k_host) != std::string::npos; }

template <typename R>
void check_failure(const R& result) {
    if (!result) {
        FUZZ_CHECK(result.error().code == Errc::network, "a bad answer is a network error");
        FUZZ_CHECK(names_host(result.error()), "a bad answer names the host");
        FUZZ_CHECK(result.error().message.find_first_of("\r\n") == std::string::npos, "an error is one line");
    }
}

void walk(const aws::XmlElement& root) {
    std::vector<const aws::XmlElement*> todo{&root};  // no recursion: trees may be deep
    while (!todo.empty()) {
        const aws::XmlElement* element = todo.back();
        todo.pop_back();
        FUZZ_CHECK(element->name.find(':') == std::string::npos, "element names lose their prefix");
        for (const auto& child : element->children) {
            FUZZ_CHECK(child != nullptr, "no empty child");
            todo.push_back(child.get());
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body = fuzz_text(data, size);
    if (auto tree = aws::parse_xml(body, k_host)) {
        FUZZ_CHECK(*tree != nullptr, "a parsed document has a root");
        walk(**tree);
        (void)(*tree)->find("GetSessionTokenResult/Credentials/AccessKeyId");
    } else {
        check_failure(tree);
    }

    const Error error = aws::parse_error_response(body, 403, k_host);
    FUZZ_CHECK(error.code == Errc::aws || error.code == Errc::mfa || error.code == Errc::network,
               "an error answer is an AWS, MFA or network error");
    FUZZ_CHECK(error.message.find_first_of("\r\n") == std::string::npos, "an error is one line");

    for (const char* action : {"GetSessionToken", "AssumeRole"}) {
        auto creds = aws::parse_credentials_response(body, action, k_host);
        check_failure(creds);
        if (creds) {
            FUZZ_CHECK(!creds->access_key_id.empty() && !creds->secret_access_key.empty(),
                       "parsed credentials have a key and a secret");
        }
    }
    check_failure(aws::parse_caller_identity(body, k_host));
    check_failure(aws::parse_get_user(body, k_host));
    auto page = aws::parse_list_mfa_devices(body, k_host);
    check_failure(page);
    check_failure(aws::parse_create_virtual_mfa_device(body, k_host));
    check_failure(aws::parse_empty_response(body, "EnableMFADevice", k_host));
    (void)aws::base64_decode(body);
    return 0;
}
