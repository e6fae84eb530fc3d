#pragma once
/// provision-mfa: create a virtual MFA device for the caller's IAM user, show its QR code,
/// enable it with two consecutive codes and record mfa_serial in the config file.
/// Everything outside (AWS, terminal, files, Ctrl-C) comes in through ProvisionDeps, so the
/// whole flow runs in unit tests against fakes.

#include <functional>
#include <optional>
#include <string>

#include "awsume_shell/aws/iam.hpp"
#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/mfa/qr_encode.hpp"
#include "awsume_shell/mfa/terminal_qr.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::mfa {

/// Where the two codes come from: /dev/tty in real use, a script in tests.
class CodeReader {
public:
    virtual ~CodeReader() = default;
    /// One six-digit code for `serial`; `which` says "first" or "second".
    /// Errc::interrupted on Ctrl-C, Errc::mfa when no terminal can be asked.
    virtual Result<std::string> read_code(const std::string& serial, const std::string& which) = 0;
};

struct ProvisionRequest {
    std::string profile = "default";
    std::optional<std::string> device_name;  ///< default: the IAM user name
    std::optional<std::string> qr_png_path;
    std::string config_file;                 ///< where mfa_serial is written
    bool save = true;                        ///< false: --no-save, print the line instead
    bool show_secret = false;                ///< print the base32 seed as text
    TerminalQrOptions qr;
    int max_attempts = 3;                    ///< code pairs tried before giving up
};

struct ProvisionResult {
    std::string user_name;
    std::string serial_number;
    bool saved = false;
};

struct ProvisionDeps {
    aws::Iam& iam;
    CodeReader& codes;
    QrEncoder encode_qr;
    std::function<void(const std::string&)> print;   ///< stdout (QR code, instructions)
    std::function<void(const std::string&)> notice;  ///< one line on stderr
    std::function<Result<void>(const std::string& path, const QrMatrix&)> write_png;
    /// Sets key = value in [section] of file, keeping every other byte.
    std::function<Result<void>(const std::string& file, const std::string& section,
                               const std::string& key, const std::string& value)>
        save_setting;
    /// True once Ctrl-C was pressed (checked between steps; AWS calls are not cut short).
    std::function<bool()> interrupted = [] { return false; };
};

/// Runs the whole flow with the user's long-term keys. On any failure after the device was
/// created (including Ctrl-C) it deletes the device again and says so in one notice.
Result<ProvisionResult> provision_mfa(const ProvisionRequest& request,
                                      const model::Credentials& user_keys,
                                      ProvisionDeps& deps);

/// IAM's rule for virtual MFA device names: 1-226 of [A-Za-z0-9+=,.@_-].
Result<void> validate_device_name(const std::string& name);

}  // namespace awsume_shell::mfa
