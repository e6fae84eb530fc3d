#include "awsume_shell/mfa/provisioner.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

namespace awsume_shell::mfa {
namespace {

using model::Credentials;

/// Records the IAM calls; accepts only the pair ("111111", "222222").
class FakeIam : public aws::Iam {
public:
    std::vector<std::string> calls;
    bool fail_enable_with_access_denied = false;
    bool user_is_root = false;

    Result<aws::IamUser> get_user(const Credentials&) override {
        calls.push_back("GetUser");
        if (user_is_root) {
            return aws::IamUser{"", "123456789012", "arn:aws:iam::123456789012:root"};
        }
        return aws::IamUser{"alice", "AIDA", "arn:aws:iam::123456789012:user/alice"};
    }
    Result<std::vector<aws::MfaDevice>> list_mfa_devices(const Credentials&,
                                                         const std::optional<std::string>&) override {
        return std::vector<aws::MfaDevice>{};
    }
    Result<aws::VirtualMfaDevice> create_virtual_mfa_device(const Credentials&,
                                                            const std::string& name) override {
        calls.push_back("Create " + name);
        return aws::VirtualMfaDevice{"arn:aws:iam::123456789012:mfa/" + name, "JBSWY3DPEHPK3PXP"};
    }
    Result<void> enable_mfa_device(const Credentials&, const std::string& user,
                                   const std::string& serial, const std::string& code1,
                                   const std::string& code2) override {
        calls.push_back("Enable " + user + " " + serial + " " + code1 + " " + code2);
        if (fail_enable_with_access_denied) {
            return make_error(Errc::aws, "AccessDenied: not allowed", "AccessDenied");
        }
        if (code1 == "111111" && code2 == "222222") {
            return {};
        }
        return make_error(Errc::aws, "InvalidAuthenticationCode: bad", "InvalidAuthenticationCode");
    }
    Result<void> delete_virtual_mfa_device(const Credentials&, const std::string& serial) override {
        calls.push_back("Delete " + serial);
        return {};
    }
};

class ScriptedCodes : public CodeReader {
public:
    std::deque<Result<std::string>> answers;
    Result<std::string> read_code(const std::string&, const std::string&) override {
        if (answers.empty()) {
            return make_error(Errc::mfa, "no more codes");
        }
        auto next = answers.front();
        answers.pop_front();
        return next;
    }
};

struct Harness {
    FakeIam iam;
    ScriptedCodes codes;
    std::string out;
    std::vector<std::string> notices;
    std::vector<std::string> saved;
    std::vector<std::string> pngs;
    ProvisionDeps deps{iam, codes, nullptr, nullptr, nullptr, nullptr, nullptr};
    ProvisionRequest request;
    Credentials keys{"AKIAEXAMPLE", "secret", "", std::nullopt};

    Harness() {
        deps.encode_qr = [](const std::string&) -> Result<QrMatrix> {
            return QrMatrix{1, {true}};
        };
        deps.print = [this](const std::string& s) { out += s; };
        deps.notice = [this](const std::string& s) { notices.push_back(s); };
        deps.write_png = [this](const std::string& path, const QrMatrix&) -> Result<void> {
            pngs.push_back(path);
            return {};
        };
        deps.save_setting = [this](const std::string& file, const std::string& section,
                                   const std::string& key, const std::string& value) -> Result<void> {
            saved.push_back(file + "|" + section + "|" + key + "=" + value);
            return {};
        };
        request.profile = "dev";
        request.config_file = "/home/alice/.aws/config";
    }
    void feed(std::initializer_list<const char*> codes_in) {
        for (const char* c : codes_in) {
            codes.answers.emplace_back(std::string(c));
        }
    }
};

TEST(Provisioner, CreatesEnablesAndSaves) {
    Harness h;
    h.feed({"111111", "222222"});
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->serial_number, "arn:aws:iam::123456789012:mfa/alice");
    EXPECT_TRUE(result->saved);
    EXPECT_EQ(h.iam.calls, (std::vector<std::string>{
                               "GetUser", "Create alice",
                               "Enable alice arn:aws:iam::123456789012:mfa/alice 111111 222222"}));
    EXPECT_EQ(h.saved, (std::vector<std::string>{
                           "/home/alice/.aws/config|profile dev|mfa_serial="
                           "arn:aws:iam::123456789012:mfa/alice"}));
    EXPECT_EQ(h.out.find("JBSWY3DPEHPK3PXP"), std::string::npos) << "secret printed unasked";
    EXPECT_NE(h.out.find("\u2588"), std::string::npos) << "no QR code drawn";
}

TEST(Provisioner, QrEncodesTheOtpauthUri) {
    Harness h;
    std::string encoded;
    h.deps.encode_qr = [&](const std::string& text) -> Result<QrMatrix> {
        encoded = text;
        return QrMatrix{1, {true}};
    };
    h.feed({"111111", "222222"});
    ASSERT_TRUE(provision_mfa(h.request, h.keys, h.deps));
    EXPECT_EQ(encoded,
              "otpauth://totp/AWS:alice@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=AWS");
}

TEST(Provisioner, WrongCodesThenSuccess) {
    Harness h;
    h.feed({"000000", "000001", "333333", "333333", "111111", "222222"});
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(h.iam.calls.size(), 4U);  // GetUser, Create, one rejected Enable, Enable
    EXPECT_EQ(h.notices.size(), 2U);    // rejected pair, identical pair
}

TEST(Provisioner, ThreeRejectedPairsDeleteTheDevice) {
    Harness h;
    h.feed({"000000", "000001", "000002", "000003", "000004", "000005"});
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::mfa);
    EXPECT_EQ(h.iam.calls.back(), "Delete arn:aws:iam::123456789012:mfa/alice");
    EXPECT_TRUE(h.saved.empty());
    EXPECT_NE(h.notices.back().find("deleted"), std::string::npos);
}

TEST(Provisioner, OtherEnableFailureDeletesAtOnce) {
    Harness h;
    h.iam.fail_enable_with_access_denied = true;
    h.feed({"111111", "222222"});
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().aws_code, "AccessDenied");
    EXPECT_EQ(h.iam.calls.size(), 4U);
    EXPECT_EQ(h.iam.calls.back(), "Delete arn:aws:iam::123456789012:mfa/alice");
}

TEST(Provisioner, CtrlCAtThePromptDeletesTheDevice) {
    Harness h;
    h.codes.answers.emplace_back(make_error(Errc::interrupted, "interrupted"));
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::interrupted);
    EXPECT_EQ(h.iam.calls.back(), "Delete arn:aws:iam::123456789012:mfa/alice");
}

TEST(Provisioner, CtrlCDuringCreateDeletesTheDevice) {
    Harness h;
    h.deps.interrupted = [&] { return h.iam.calls.size() >= 2; };
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::interrupted);
    EXPECT_EQ(h.iam.calls.back(), "Delete arn:aws:iam::123456789012:mfa/alice");
}

TEST(Provisioner, PngFailureDeletesTheDevice) {
    Harness h;
    h.request.qr_png_path = "/tmp/qr.png";
    h.deps.write_png = [](const std::string&, const QrMatrix&) -> Result<void> {
        return make_error(Errc::io, "--qr-png /tmp/qr.png: disk full");
    };
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    ASSERT_FALSE(h.iam.calls.empty());
    EXPECT_EQ(h.iam.calls.back(), "Delete arn:aws:iam::123456789012:mfa/alice");
}

TEST(Provisioner, PngFolderThatDoesNotExistIsRefusedBeforeCreating) {
    Harness h;
    h.request.qr_png_path = "/nonexistent-folder/qr.png";
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::usage);
    EXPECT_NE(result.error().message.find("--qr-png"), std::string::npos);
    for (const auto& call : h.iam.calls) {
        EXPECT_EQ(call.find("Create"), std::string::npos) << call;
    }
}

TEST(Provisioner, NoSavePrintsTheLineAndShowSecretPrintsTheSeed) {
    Harness h;
    h.request.save = false;
    h.request.show_secret = true;
    h.request.device_name = "alice-phone";
    h.request.qr_png_path = "/tmp/qr.png";
    h.feed({"111111", "222222"});
    auto result = provision_mfa(h.request, h.keys, h.deps);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_FALSE(result->saved);
    EXPECT_TRUE(h.saved.empty());
    EXPECT_EQ(h.pngs, std::vector<std::string>{"/tmp/qr.png"});
    EXPECT_NE(h.out.find("mfa_serial = arn:aws:iam::123456789012:mfa/alice-phone"),
              std::string::npos);
    EXPECT_NE(h.out.find("JBSWY3DPEHPK3PXP"), std::string::npos);
}

TEST(Provisioner, RefusesTemporaryKeysAndRootAndBadNames) {
    Harness h;
    Credentials session = h.keys;
    session.session_token = "token";
    EXPECT_EQ(provision_mfa(h.request, session, h.deps).error().code, Errc::config);

    h.request.device_name = "bad name";
    EXPECT_EQ(provision_mfa(h.request, h.keys, h.deps).error().code, Errc::usage);

    h.request.device_name.reset();
    h.iam.user_is_root = true;
    EXPECT_EQ(provision_mfa(h.request, h.keys, h.deps).error().code, Errc::config);
    EXPECT_EQ(h.iam.calls, std::vector<std::string>{"GetUser"});
}

}  // namespace
}  // namespace awsume_shell::mfa
