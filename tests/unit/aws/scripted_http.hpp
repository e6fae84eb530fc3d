#pragma once
// The real AWS clients over a scripted HttpClient (for the aws area's unit tests): answers
// are played in order, every request is kept, sleeps and debug lines are recorded.

#include <deque>
#include <fstream>
#include <sstream>

#include "awsume_shell/aws/aws_api.hpp"

namespace aws_test {

namespace aws = awsume_shell::aws;
namespace util = awsume_shell::util;

inline std::string fixture(const std::string& name) {
    std::ifstream in(std::string(AWSUME_SHELL_TEST_DATA) + "/aws/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class ScriptedHttpClient final : public aws::HttpClient {
public:
    std::deque<awsume_shell::Result<aws::HttpResponse>> answers;
    std::vector<aws::HttpRequest> requests;

    awsume_shell::Result<aws::HttpResponse> send(const aws::HttpRequest& request) override {
        requests.push_back(request);
        if (answers.empty()) {
            return awsume_shell::make_error(awsume_shell::Errc::network, "script exhausted");
        }
        auto answer = answers.front();
        answers.pop_front();
        return answer;
    }
};

inline aws::HttpResponse reply(long status, const std::string& fixture_name,
                        std::map<std::string, std::string> headers = {}) {
    return aws::HttpResponse{status, std::move(headers), fixture(fixture_name)};
}

inline std::string header(const aws::HttpRequest& request, const std::string& name) {
    for (const auto& [n, v] : request.headers) {
        if (n == name) {
            return v;
        }
    }
    return {};
}

constexpr util::UnixTime k_now = 1795317600;  // 2026-11-22T03:20:00Z

struct Harness {
    ScriptedHttpClient* http = nullptr;
    std::vector<double> sleeps;
    std::vector<std::string> debug_lines;
    aws::Clients api;

    explicit Harness(aws::ClientOptions options = {}) {
        auto client = std::make_unique<ScriptedHttpClient>();
        http = client.get();
        aws::RetryHooks hooks;
        hooks.sleep = [this](double seconds) { sleeps.push_back(seconds); };
        hooks.random01 = [] { return 0.5; };
        options.debug = true;
        api = aws::make_aws_clients(options, std::move(client),
                                std::make_shared<util::FixedClock>(k_now), hooks,
                                [this](const std::string& line) { debug_lines.push_back(line); });
    }
};

}  // namespace aws_test
