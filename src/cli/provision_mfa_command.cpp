#include <unistd.h>

#include <CLI/CLI.hpp>

#include "awsume_shell/util/io.hpp"

#include "awsume_shell/aws/api_loader.hpp"
#include "awsume_shell/cli/command.hpp"
#include "awsume_shell/config/tool_settings.hpp"
#include "awsume_shell/credentials/client_options.hpp"
#include "awsume_shell/util/region.hpp"
#include "awsume_shell/util/terminal.hpp"
#include "awsume_shell/config/aws_files.hpp"
#include "awsume_shell/config/ini_editor.hpp"
#include "awsume_shell/mfa/png_writer.hpp"
#include "awsume_shell/mfa/provisioner.hpp"
#include "awsume_shell/mfa/tty_code_reader.hpp"
#include "awsume_shell/mfa/user_keys.hpp"

namespace awsume_shell::cli {

namespace {

/// provision-mfa [--profile P] [--device-name N] [--qr-png FILE] [--no-save] [--show-secret]
/// [--invert] (aws-session's provision-mfa, with the QR code drawn by libqrencode).
class ProvisionMfaCommand final : public Command {
public:
    std::string_view name() const override { return "provision-mfa"; }
    std::string_view summary() const override {
        return "create and enable a virtual MFA device for a user profile, its QR code in the "
               "terminal";
    }
    void setup(CLI::App& app) override {
        app.add_option("--profile", m_profile,
                       "user profile with long-term keys (default: $AWS_PROFILE, else default)");
        app.add_option("--device-name", m_device_name, "device name (default: the IAM user name)");
        app.add_option("--qr-png", m_qr_png, "also write the QR code as a PNG (mode 0600)");
        app.add_flag("--no-save", m_no_save, "print the mfa_serial line instead of writing it");
        app.add_flag("--show-secret", m_show_secret,
                     "also print the secret as text, for typing it into an app");
        app.add_flag("--invert", m_invert,
                     "draw dark modules as blocks (light terminal themes with colour off)");
        app.add_option("--config-file", m_config_file, "AWS config file (default ~/.aws/config)");
        app.add_option("--credentials-file", m_credentials_file,
                       "AWS credentials file (default ~/.aws/credentials)");
        app.add_option("--region", m_region, "AWS region");
        app.add_flag("--debug")->description("trace to stderr, secrets redacted");
    }

    Result<int> run(Context& context) override {
        const std::string profile_name =
            m_profile.value_or(context.env.first_of({"AWS_PROFILE", "AWS_DEFAULT_PROFILE"})
                                   .value_or("default"));
        if (m_region) {
            TRY_VOID(util::check_region(*m_region, "--region", Errc::usage));
        }
        TRY(std::optional<std::string> env_region, util::region_from_env(context.env));
        const auto paths = config::locate_aws_files(context.env, m_config_file, m_credentials_file);
        TRY(config::ProfileSet profiles, config::load_profiles(paths));
        TRY(model::Credentials keys, mfa::long_term_user_keys(profiles, profile_name));
        TRY_VOID(mfa::TtyCodeReader::available());
        const config::Profile* profile = profiles.find(profile_name);

        // Only IAM is called; the region only tells its partition (aws::iam_endpoint signs
        // for the partition's IAM region, behind AWS_ENDPOINT_URL_IAM too).
        const std::string region =
            m_region.value_or(env_region.value_or(profile->get("region").value_or("")));
        if (!m_region && !env_region && !region.empty()) {
            TRY_VOID(util::check_region(region, profile->origin("region"), Errc::config));
        }
        TRY(const config::ToolSettings settings, config::load_tool_settings(context.env, context.cwd));
        TRY(const aws::ClientOptions options,
            credentials::make_client_options({context.env, context.clock, context.log, settings},
                                             {region, profile->get("endpoint_url"), profile->get("ca_bundle")}));
        TRY(aws::Clients clients, aws::load_clients(options));

        mfa::ProvisionRequest request;
        request.profile = profile_name;
        request.device_name = m_device_name;
        request.qr_png_path = m_qr_png;
        request.config_file = paths.config;
        request.save = !m_no_save;
        request.show_secret = m_show_secret;
        request.qr.utf8 = mfa::locale_is_utf8(context.env);
        request.qr.colour = util::colour_wanted(context.env, ::isatty(STDOUT_FILENO) == 1);
        request.qr.invert = m_invert;

        mfa::TtyCodeReader codes;
        const util::Log& log = context.log;
        mfa::ProvisionDeps deps{*clients.iam, codes, mfa::module_qr_encoder(),
                                 [](const std::string& text) { (void)util::write_all(STDOUT_FILENO, text); },
                                [&log](const std::string& line) { log.info(line); },
                                mfa::write_qr_png, nullptr};
        deps.save_setting = [](const std::string& file, const std::string& section,
                               const std::string& key, const std::string& value) {
            return config::set_values_in_file(file, section, {{key, value}}, 0600);
        };
        deps.interrupted = [] { return mfa::SigintGuard::interrupted(); };

        mfa::SigintGuard guard;
        auto result = mfa::provision_mfa(request, keys, deps);
        if (!result && mfa::SigintGuard::signal_number() != 0) {
            // The device is deleted again by now; the status says which signal ended us.
            context.log.error(result.error().message);
            return 128 + mfa::SigintGuard::signal_number();
        }
        TRY_VOID(result);
        return 0;
    }

private:
    std::optional<std::string> m_profile;
    std::optional<std::string> m_device_name;
    std::optional<std::string> m_qr_png;
    std::optional<std::string> m_config_file;
    std::optional<std::string> m_credentials_file;
    std::optional<std::string> m_region;
    bool m_no_save = false;
    bool m_show_secret = false;
    bool m_invert = false;
};

}  // namespace

std::unique_ptr<Command> make_provision_mfa_command() {
    return std::make_unique<ProvisionMfaCommand>();
}

}  // namespace awsume_shell::cli
