#include "awsume_shell/output/server_http.hpp"

#include <gtest/gtest.h>

using namespace awsume_shell::output;

TEST(ServerHttp, ReadsWhatBotocoreSends) {
    const auto parsed = parse_request_head(
        "GET /awsume-shell/credentials HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nAccept: application/json\r\n"
        "Authorization: abc123\r\nUser-Agent: Botocore/1.29\r\n\r\n");
    ASSERT_EQ(parsed.status, HeadStatus::complete) << parsed.problem;
    EXPECT_EQ(parsed.head.method, "GET");
    EXPECT_EQ(parsed.head.target, "/awsume-shell/credentials");
    EXPECT_EQ(parsed.head.header("authorization"), "abc123");
    EXPECT_EQ(parsed.head.header("accept"), "application/json");
    EXPECT_FALSE(parsed.head.header("cookie"));
}

TEST(ServerHttp, HeaderNamesAreCaseInsensitiveAndValuesTrimmed) {
    const auto parsed = parse_request_head("GET / HTTP/1.0\r\naUtHoRiZaTiOn: \t tok \t\r\n\r\n");
    ASSERT_EQ(parsed.status, HeadStatus::complete);
    EXPECT_EQ(parsed.head.header("authorization"), "tok");
}

TEST(ServerHttp, WaitsForTheBlankLine) {
    EXPECT_EQ(parse_request_head("GET / HTTP/1.1\r\nHost: x\r\n").status, HeadStatus::incomplete);
    EXPECT_EQ(parse_request_head("").status, HeadStatus::incomplete);
}

TEST(ServerHttp, RefusesAnEndlessHead) {
    const std::string endless = "GET / HTTP/1.1\r\nX: " + std::string(k_max_request_head, 'a');
    EXPECT_EQ(parse_request_head(endless).status, HeadStatus::too_large);
    const std::string long_complete = "GET / HTTP/1.1\r\nX: " + std::string(k_max_request_head, 'a') + "\r\n\r\n";
    EXPECT_EQ(parse_request_head(long_complete).status, HeadStatus::too_large);
}

TEST(ServerHttp, RefusesWhatSmugglersUse) {
    for (const char* head : {
             "GET / HTTP/1.1\r\nAuthorization: a\r\nAuthorization: b\r\n\r\n",  // which one?
             "GET / HTTP/1.1\r\nX: a\nAuthorization: b\r\n\r\n",                 // bare LF
             "GET / HTTP/1.1\r\nX: a\rB\r\n\r\n",                                // bare CR
             "GET / HTTP/1.1\r\n folded\r\n\r\n",
             "GET / HTTP/2.0\r\n\r\n",
             "GET  / HTTP/1.1\r\n\r\n",
             "GET / HTTP/1.1 extra\r\n\r\n",
             "GET http://evil/ HTTP/1.1\r\n\r\n",
             "G(T / HTTP/1.1\r\n\r\n",
             "GET / HTTP/1.1\r\n: empty-name\r\n\r\n",
             "GET / HTTP/1.1\r\nno colon\r\n\r\n",
         }) {
        const std::string text(head);
        EXPECT_EQ(parse_request_head(text).status, HeadStatus::bad) << text;
    }
    const std::string nul = std::string("GET / HTTP/1.1\r\nX: a") + '\0' + "b\r\n\r\n";
    EXPECT_EQ(parse_request_head(nul).status, HeadStatus::bad);
}

TEST(ServerHttp, ResponsesCloseTheConnectionAndAreNeverCached) {
    const std::string out = http_response(405, "{}", "Allow: GET\r\n");
    EXPECT_EQ(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                   "Cache-Control: no-store\r\nConnection: close\r\nAllow: GET\r\n\r\n{}");
}

TEST(ServerHttp, ErrorDocumentIsAwsShapeAndEscaped) {
    EXPECT_EQ(error_document("AccessDenied", "bad \"token\"\n"),
              "{\"code\": \"AccessDenied\", \"message\": \"bad \\\"token\\\"\\n\"}");
}
