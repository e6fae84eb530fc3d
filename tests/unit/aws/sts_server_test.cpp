// End to end against the local STS/IAM server (tests/sts_server/server.py) with the real
// libcurl client: signing, error mapping, retries and clock-skew correction on the wire.
// Skipped when python3 is missing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "awsume_shell/aws/aws_api.hpp"
#include "awsume_shell/aws/http_client.hpp"

namespace aws = awsume_shell::aws;
namespace fs = std::filesystem;
using awsume_shell::Errc;
using awsume_shell::model::Credentials;

namespace {

const std::string k_server_dir = std::string(AWSUME_SHELL_SOURCE_DIR) + "/tests/sts_server";
const std::string k_seed = "JBSWY3DPEHPK3PXP";
const Credentials k_alice{"AKIAALICEEXAMPLE0001", "alice/secret/EXAMPLEKEY", "", std::nullopt};

const char* k_world = R"({"accounts": {"111122223333": {
  "users": {"alice": {"access_keys": [{"id": "AKIAALICEEXAMPLE0001",
                                       "secret": "alice/secret/EXAMPLEKEY"}],
                      "mfa_devices": [{"serial": "arn:aws:iam::111122223333:mfa/alice",
                                       "seed_base32": "JBSWY3DPEHPK3PXP"}]}},
  "roles": {"admin": {"trust": ["arn:aws:iam::111122223333:user/alice"], "require_mfa": true},
            "plain": {"trust": ["arn:aws:iam::111122223333:user/alice"]}}}}})";

bool have_python() {
    static const bool found = std::system("command -v python3 >/dev/null 2>&1") == 0;
    return found;
}

std::string run(const std::string& command) {
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
            out += buffer;
        }
        pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
        out.pop_back();
    }
    return out;
}

std::string totp(int offset_steps) {
    return run("python3 " + k_server_dir + "/totp.py " + k_seed + " --offset " +
               std::to_string(offset_steps));
}

class StsServer : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!have_python()) {
            return;
        }
        s_dir = fs::temp_directory_path() / ("awsume-aws-e2e-" + std::to_string(getpid()));
        fs::create_directories(s_dir);
        std::ofstream(s_dir / "world.json") << k_world;
        const std::string server = k_server_dir + "/server.py";
        const std::string world = (s_dir / "world.json").string();
        const std::string port_file = (s_dir / "port").string();
        s_pid = fork();
        if (s_pid == 0) {
            execlp("python3", "python3", server.c_str(), "--world", world.c_str(), "--port-file",
                   port_file.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 200 && s_port.empty(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            std::ifstream in(port_file);
            std::getline(in, s_port);
        }
    }
    static void TearDownTestSuite() {
        if (s_pid > 0) {
            kill(s_pid, SIGTERM);
            waitpid(s_pid, nullptr, 0);
            s_pid = -1;
        }
        std::error_code ec;
        fs::remove_all(s_dir, ec);
    }

    void SetUp() override {
        if (!have_python()) {
            GTEST_SKIP() << "python3 not found: cannot run tests/sts_server/server.py";
        }
        ASSERT_FALSE(s_port.empty()) << "the STS test server did not start";
        admin("POST", "/_admin/clear-faults", "");
        admin("POST", "/_admin/reset-calls", "");
        options.env.set("AWS_ENDPOINT_URL", base_url());
        options.region = "us-east-1";
        options.total_timeout_ms = 10000;
        aws::RetryHooks hooks;
        hooks.sleep = [](double) {};
        hooks.random01 = [] { return 0.0; };
        api = aws::make_aws_clients(options, aws::make_curl_http_client(options),
                                std::make_shared<awsume_shell::util::SystemClock>(), hooks);
    }

    std::string base_url() const { return "http://127.0.0.1:" + s_port; }

    void admin(const std::string& method, const std::string& path, const std::string& body) {
        auto http = aws::make_curl_http_client(options);
        auto response = http->send({method, base_url() + path,
                                    {{"Content-Type", "application/json"}}, body, 0, {}});
        ASSERT_TRUE(response) << response.error().message;
        ASSERT_EQ(response->status, 200) << response->body;
    }

    /// Requests the server answered with an injected fault since SetUp (-1: no answer), so
    /// that a test of a fault checks that the fault fired.
    int faults_injected() {
        auto http = aws::make_curl_http_client(options);
        auto response = http->send({"GET", base_url() + "/_admin/calls", {}, "", 0, {}});
        if (!response || response->status != 200) {
            return -1;
        }
        return nlohmann::json::parse(response->body).value("faults_injected", -1);
    }

    aws::ClientOptions options;
    aws::Clients api;

    static inline fs::path s_dir;
    static inline pid_t s_pid = -1;
    static inline std::string s_port;
};

TEST_F(StsServer, GetCallerIdentityWithUserKeys) {
    auto id = api.sts->get_caller_identity(k_alice);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(id->account, "111122223333");
    EXPECT_EQ(id->arn, "arn:aws:iam::111122223333:user/alice");
}

TEST_F(StsServer, AssumeRoleThenUseTheTemporaryCredentials) {
    aws::AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::111122223333:role/plain";
    request.role_session_name = "e2e";
    request.duration_seconds = 900;
    auto creds = api.sts->assume_role(k_alice, request);
    ASSERT_TRUE(creds) << creds.error().message;
    EXPECT_TRUE(creds->is_temporary());
    ASSERT_TRUE(creds->expiration);
    auto id = api.sts->get_caller_identity(*creds);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(id->arn, "arn:aws:sts::111122223333:assumed-role/plain/e2e");
}

TEST_F(StsServer, MfaSessionThenRoleRequiringMfa) {
    aws::GetSessionTokenRequest session_request;
    session_request.serial_number = "arn:aws:iam::111122223333:mfa/alice";
    session_request.token_code = totp(-1);
    auto session = api.sts->get_session_token(k_alice, session_request);
    ASSERT_TRUE(session) << session.error().message;

    aws::AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::111122223333:role/admin";
    request.role_session_name = "e2e-admin";
    auto creds = api.sts->assume_role(*session, request);
    ASSERT_TRUE(creds) << creds.error().message;
}

TEST_F(StsServer, WrongMfaCodeIsAnMfaError) {
    aws::AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::111122223333:role/admin";
    request.role_session_name = "e2e";
    request.serial_number = "arn:aws:iam::111122223333:mfa/alice";
    std::string wrong = totp(0) == "000000" ? "111111" : "000000";
    request.token_code = wrong;
    auto creds = api.sts->assume_role(k_alice, request);
    ASSERT_FALSE(creds);
    EXPECT_EQ(creds.error().code, Errc::mfa) << creds.error().message;
}

TEST_F(StsServer, UnknownKeyIsAnAwsError) {
    Credentials stranger{"AKIAUNKNOWNEXAMPLE01", "nope", "", std::nullopt};
    auto id = api.sts->get_caller_identity(stranger);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::aws);
    EXPECT_FALSE(id.error().aws_code.empty());
}

TEST_F(StsServer, ThrottlingIsRetried) {
    admin("POST", "/_admin/faults", R"({"action": "GetCallerIdentity", "kind": "throttle", "count": 2})");
    auto id = api.sts->get_caller_identity(k_alice);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(faults_injected(), 2);
}

TEST_F(StsServer, ServiceUnavailableGivesUpAfterThreeAttempts) {
    admin("POST", "/_admin/faults", R"({"action": "*", "kind": "503", "count": 3})");
    auto id = api.sts->get_caller_identity(k_alice);
    ASSERT_FALSE(id);
    EXPECT_NE(id.error().message.find("after 3 attempts"), std::string::npos)
        << id.error().message;
    EXPECT_EQ(faults_injected(), 3);
}

TEST_F(StsServer, MalformedAnswerIsANetworkError) {
    admin("POST", "/_admin/faults", R"({"action": "*", "kind": "malformed"})");
    auto id = api.sts->get_caller_identity(k_alice);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, Errc::network);
    EXPECT_NE(id.error().message.find("malformed response from 127.0.0.1"), std::string::npos)
        << id.error().message;
    EXPECT_EQ(faults_injected(), 1);
}

TEST_F(StsServer, ClockSkewIsCorrected) {
    admin("POST", "/_admin/faults", R"({"action": "*", "kind": "skew", "seconds": 1200})");
    auto id = api.sts->get_caller_identity(k_alice);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(faults_injected(), 1);
}

TEST_F(StsServer, ProvisionVirtualMfaDevice) {
    auto user = api.iam->get_user(k_alice);
    ASSERT_TRUE(user) << user.error().message;
    EXPECT_EQ(user->user_name, "alice");

    auto device = api.iam->create_virtual_mfa_device(k_alice, "alice-e2e");
    ASSERT_TRUE(device) << device.error().message;
    EXPECT_EQ(device->serial_number, "arn:aws:iam::111122223333:mfa/alice-e2e");
    ASSERT_FALSE(device->base32_seed.empty());
    auto code = [&](int offset) {
        return run("python3 " + k_server_dir + "/totp.py " + device->base32_seed + " --offset " +
                   std::to_string(offset));
    };
    // Two consecutive codes from the same 30 s step: asked again if the step turned between.
    std::string first, second;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const std::time_t step = std::time(nullptr) / 30;
        first = code(-1);
        second = code(0);
        if (std::time(nullptr) / 30 == step) {
            break;
        }
    }
    auto enabled = api.iam->enable_mfa_device(k_alice, "alice", device->serial_number, first, second);
    ASSERT_TRUE(enabled) << enabled.error().message;
    auto devices = api.iam->list_mfa_devices(k_alice, std::nullopt);
    ASSERT_TRUE(devices) << devices.error().message;
    bool found = false;
    for (const auto& d : *devices) {
        found = found || d.serial_number == device->serial_number;
    }
    EXPECT_TRUE(found);

    auto spare = api.iam->create_virtual_mfa_device(k_alice, "alice-spare");
    ASSERT_TRUE(spare) << spare.error().message;
    auto deleted = api.iam->delete_virtual_mfa_device(k_alice, spare->serial_number);
    EXPECT_TRUE(deleted) << deleted.error().message;
}

}  // namespace
