#include "awsume_shell/mfa/provisioner.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "awsume_shell/mfa/otpauth.hpp"

#include <unistd.h>

namespace awsume_shell::mfa {
namespace {

Result<void> check_writable_folder(const std::string& file) {
    const auto slash = file.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : file.substr(0, slash);
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        return make_error(Errc::usage, "--qr-png " + file + ": folder " + folder + " is not writable");
    }
    return {};
}


bool is_rejected_code(const Error& error) {
    return error.code == Errc::mfa || error.aws_code == "InvalidAuthenticationCode";
}

/// The steps after CreateVirtualMFADevice; any error it returns makes the caller delete the
/// device, so it never needs to clean up itself.
class Enrolment {
public:
    Enrolment(const ProvisionRequest& request, const model::Credentials& keys,
              ProvisionDeps& deps, const aws::IamUser& user, const aws::VirtualMfaDevice& device)
        : m_request(request), m_keys(keys), m_deps(deps), m_user(user), m_device(device) {}

    Result<void> run() {
        TRY_VOID(check_interrupt());
        TRY_VOID(show_code());
        TRY_VOID(check_interrupt());
        return enable();
    }

private:
    Result<void> check_interrupt() const {
        if (m_deps.interrupted()) {
            return make_error(Errc::interrupted, "interrupted");
        }
        return {};
    }

    Result<void> show_code() {
        const std::string uri =
            otpauth_uri(m_user.user_name, account_from_arn(m_user.arn), m_device.base32_seed);
        auto matrix = m_deps.encode_qr(uri);
        if (!matrix) {
            if (!m_request.show_secret) {
                return make_error(matrix.error().code,
                                  matrix.error().message +
                                      " (--show-secret prints the secret as text instead)");
            }
            m_deps.notice("cannot draw the QR code: " + matrix.error().message);
        } else {
            m_deps.print("Scan this QR code with your authenticator app:\n\n" +
                         render_terminal_qr(*matrix, m_request.qr) + "\n");
            if (m_request.qr_png_path) {
                TRY_VOID(m_deps.write_png(*m_request.qr_png_path, *matrix));
                m_deps.print("QR code also written to " + *m_request.qr_png_path + "\n");
            }
        }
        if (m_request.show_secret) {
            m_deps.print("Secret (base32, TOTP, SHA1, 6 digits, 30 s): " + m_device.base32_seed +
                         "\n");
        }
        m_deps.print("Device " + m_device.serial_number +
                     "\nEnter two consecutive codes from the app to enable it.\n");
        return {};
    }

    Result<void> enable() {
        const int attempts = std::max(1, m_request.max_attempts);
        for (int attempt = 1; attempt <= attempts; ++attempt) {
            TRY(std::string first, m_deps.codes.read_code(m_device.serial_number, "first"));
            TRY_VOID(check_interrupt());
            TRY(std::string second, m_deps.codes.read_code(m_device.serial_number, "second"));
            TRY_VOID(check_interrupt());
            if (first == second) {
                m_deps.notice("the two codes must be consecutive: wait for the app to show the "
                              "next code (attempt " + std::to_string(attempt) + " of " +
                              std::to_string(attempts) + ")");
                continue;
            }
            auto enabled = m_deps.iam.enable_mfa_device(m_keys, m_user.user_name,
                                                        m_device.serial_number, first, second);
            if (enabled) {
                return {};
            }
            if (!is_rejected_code(enabled.error())) {
                return enabled;
            }
            m_deps.notice("AWS rejected the codes (InvalidAuthenticationCode), attempt " +
                          std::to_string(attempt) + " of " + std::to_string(attempts) +
                          ": check the phone's clock and enter two new consecutive codes");
        }
        return make_error(Errc::mfa, "MFA device not enabled: codes rejected " +
                                         std::to_string(attempts) +
                                         " times (InvalidAuthenticationCode)");
    }

    const ProvisionRequest& m_request;
    const model::Credentials& m_keys;
    ProvisionDeps& m_deps;
    const aws::IamUser& m_user;
    const aws::VirtualMfaDevice& m_device;
};

void delete_device(ProvisionDeps& deps, const model::Credentials& keys,
                   const std::string& serial) {
    auto deleted = deps.iam.delete_virtual_mfa_device(keys, serial);
    if (deleted) {
        deps.notice("deleted the new MFA device " + serial + " again; nothing was changed");
    } else {
        deps.notice("could not delete the new MFA device " + serial + " (" +
                    deleted.error().message +
                    "): remove it with `aws iam delete-virtual-mfa-device --serial-number " +
                    serial + "`");
    }
}

Result<void> record_serial(const ProvisionRequest& request, ProvisionDeps& deps,
                           const std::string& serial, bool& saved) {
    const std::string section = config_section_for(request.profile);
    const std::string line = "mfa_serial = " + serial;
    if (!request.save) {
        deps.print("Add this line to [" + section + "] in " + request.config_file + ":\n" +
                   line + "\n");
        return {};
    }
    auto written = deps.save_setting(request.config_file, section, "mfa_serial", serial);
    if (!written) {
        // The device is enabled and works; deleting it now would need DeactivateMFADevice
        // first and lose the user's scan. Tell them the one line to add by hand instead.
        return make_error(written.error().code,
                          "MFA device " + serial + " is enabled, but " + request.config_file +
                              " was not updated (" + written.error().message +
                              "); add `" + line + "` to [" + section + "] by hand");
    }
    saved = true;
    deps.print("Wrote `" + line + "` to [" + section + "] in " + request.config_file + "\n");
    return {};
}

}  // namespace

Result<void> validate_device_name(const std::string& name) {
    if (name.empty() || name.size() > 226) {
        return make_error(Errc::usage, "--device-name: must be 1 to 226 characters");
    }
    for (const char ch : name) {
        const auto byte = static_cast<unsigned char>(ch);
        if (!std::isalnum(byte) && std::string_view("+=,.@_-").find(ch) == std::string_view::npos) {
            return make_error(Errc::usage, std::string("--device-name: '") + ch +
                                               "' is not allowed (letters, digits and +=,.@_-)");
        }
    }
    return {};
}

Result<ProvisionResult> provision_mfa(const ProvisionRequest& request,
                                      const model::Credentials& user_keys,
                                      ProvisionDeps& deps) {
    if (user_keys.is_temporary()) {
        return make_error(Errc::config, "profile " + request.profile +
                                            ": provision-mfa needs the user's long-term keys, "
                                            "not a session token");
    }
    if (request.device_name) {
        TRY_VOID(validate_device_name(*request.device_name));
    }
    if (request.qr_png_path) {
        // Found out before the device exists, not after its code is on the user's phone.
        TRY_VOID(check_writable_folder(*request.qr_png_path));
    }
    TRY(aws::IamUser user, deps.iam.get_user(user_keys));
    if (user.user_name.empty()) {
        return make_error(Errc::config, "profile " + request.profile + " holds the keys of " +
                                            user.arn +
                                            ", not of an IAM user: use the console for root MFA");
    }
    if (deps.interrupted()) {
        return make_error(Errc::interrupted, "interrupted");
    }
    const std::string name = request.device_name.value_or(user.user_name);
    TRY_VOID(validate_device_name(name));
    TRY(aws::VirtualMfaDevice device, deps.iam.create_virtual_mfa_device(user_keys, name));

    auto enrolled = Enrolment(request, user_keys, deps, user, device).run();
    if (!enrolled) {
        delete_device(deps, user_keys, device.serial_number);
        return unexpected(enrolled.error());
    }
    ProvisionResult result{user.user_name, device.serial_number, false};
    deps.print("MFA device " + device.serial_number + " is enabled for " + user.user_name + "\n");
    TRY_VOID(record_serial(request, deps, device.serial_number, result.saved));
    return result;
}

}  // namespace awsume_shell::mfa
