// Runs every case of AWS's SigV4 test suite (tests/data/sigv4-testsuite/v4: a copy kept in
// the repository, see its README.md), header- and query-signed, comparing canonical request, string to
// sign and signature byte for byte.
#include "awsume_shell/aws/sigv4.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace aws = awsume_shell::aws;
namespace fs = std::filesystem;

namespace {

const fs::path k_suite = fs::path(AWSUME_SHELL_SIGV4_SUITE) / "v4";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(k_suite, ec)) {
        if (entry.is_directory()) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

aws::SigningRequest parse_request(const std::string& text) {
    aws::SigningRequest request;
    std::size_t line_end = text.find('\n');
    std::string first = text.substr(0, line_end);
    std::size_t space = first.find(' ');
    std::size_t version = first.rfind(" HTTP/");
    request.method = first.substr(0, space);
    std::string target = first.substr(space + 1, version - space - 1);
    std::size_t question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) {
        std::string query = target.substr(question + 1);
        std::size_t start = 0;
        while (start < query.size()) {
            std::size_t amp = query.find('&', start);
            std::string pair = query.substr(start, amp == std::string::npos ? amp : amp - start);
            std::size_t eq = pair.find('=');
            request.query.emplace_back(
                aws::uri_decode(pair.substr(0, eq)),
                eq == std::string::npos ? "" : aws::uri_decode(pair.substr(eq + 1)));
            start = amp == std::string::npos ? query.size() : amp + 1;
        }
    }
    std::size_t pos = line_end == std::string::npos ? text.size() : line_end + 1;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end == std::string::npos ? end : end - pos);
        pos = end == std::string::npos ? text.size() : end + 1;
        if (line.empty()) {
            request.body = text.substr(pos);
            break;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            request.headers.back().second += "\n" + line;  // folded header line
            continue;
        }
        std::size_t colon = line.find(':');
        request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    }
    return request;
}

aws::SigningParams parse_context(const std::string& text) {
    auto json = nlohmann::json::parse(text);
    aws::SigningParams params;
    params.credentials.access_key_id = json["credentials"]["access_key_id"];
    params.credentials.secret_access_key = json["credentials"]["secret_access_key"];
    params.credentials.session_token = json["credentials"].value("token", "");
    params.region = json["region"];
    params.service = json["service"];
    params.normalize_path = json.value("normalize", true);
    params.sign_body = json.value("sign_body", false);
    params.omit_session_token = json.value("omit_session_token", false);
    params.expires_seconds = json.value("expiration_in_seconds", 3600);
    std::tm tm{};
    std::istringstream(json["timestamp"].get<std::string>()) >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
    params.time = timegm(&tm);
    return params;
}

class SigV4Suite : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Suite, HeaderSigningMatchesVectors) {
    const fs::path dir = k_suite / GetParam();
    auto request = parse_request(read_file(dir / "request.txt"));
    auto params = parse_context(read_file(dir / "context.json"));
    auto result = aws::sign(request, params);
    EXPECT_EQ(result.canonical_request, read_file(dir / "header-canonical-request.txt"));
    EXPECT_EQ(result.string_to_sign, read_file(dir / "header-string-to-sign.txt"));
    EXPECT_EQ(result.signature, read_file(dir / "header-signature.txt"));
}

TEST_P(SigV4Suite, QuerySigningMatchesVectors) {
    const fs::path dir = k_suite / GetParam();
    auto request = parse_request(read_file(dir / "request.txt"));
    auto params = parse_context(read_file(dir / "context.json"));
    params.location = aws::SignatureLocation::query;
    auto result = aws::sign(request, params);
    EXPECT_EQ(result.canonical_request, read_file(dir / "query-canonical-request.txt"));
    EXPECT_EQ(result.string_to_sign, read_file(dir / "query-string-to-sign.txt"));
    EXPECT_EQ(result.signature, read_file(dir / "query-signature.txt"));
}

INSTANTIATE_TEST_SUITE_P(V4, SigV4Suite, ::testing::ValuesIn(case_names()),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(SigV4, SuiteHasAllThirtyEightCases) { EXPECT_EQ(case_names().size(), 38u); }

TEST(SigV4, AuthorizationHeaderHasCredentialScopeAndSignature) {
    auto dir = k_suite / "get-vanilla";
    auto result = aws::sign(parse_request(read_file(dir / "request.txt")),
                            parse_context(read_file(dir / "context.json")));
    std::string signed_request = read_file(dir / "header-signed-request.txt");
    ASSERT_FALSE(result.headers.empty());
    EXPECT_EQ(result.headers.back().first, "Authorization");
    EXPECT_NE(signed_request.find("Authorization:" + result.headers.back().second),
              std::string::npos);
}

TEST(SigV4, AmzDateFormatsUtc) {
    EXPECT_EQ(aws::amz_date(1440938160), "20150830T123600Z");
    EXPECT_EQ(aws::amz_date(0), "19700101T000000Z");
    EXPECT_EQ(aws::amz_date(951782400), "20000229T000000Z");
}

TEST(SigV4, UriEncodeKeepsUnreservedOnly) {
    EXPECT_EQ(aws::uri_encode("a b/c+~", false), "a%20b%2Fc%2B~");
    EXPECT_EQ(aws::uri_encode("a b/c", true), "a%20b/c");
    EXPECT_EQ(aws::uri_decode("%E1%88%B4x%2"), "\xE1\x88\xB4x%2");
}

}  // namespace
