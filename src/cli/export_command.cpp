#include <unistd.h>

#include <CLI/CLI.hpp>

#include "awsume_shell/util/io.hpp"

#include "awsume_shell/cli/credential_options.hpp"
#include "awsume_shell/output/export_format.hpp"

namespace awsume_shell::cli {

namespace {

/// export PROFILE [--format F] (awsume -s): F is a row of output::export_formats(); json is
/// the AWS CLI's credential_process document, so
/// `credential_process = awsume-shell export P --format json` works in ~/.aws/config.
class ExportCommand final : public Command {
public:
    std::string_view name() const override { return "export"; }
    std::string_view summary() const override {
        return "print the credentials as sh, fish, dotenv or credential_process json";
    }
    void setup(CLI::App& app) override {
        add_credential_options(app, m_options);
        app.add_option("--format", m_format, output::export_format_names(false, ", ", ", ", " (default)"));
    }
    Result<int> run(Context& context) override {
        TRY(const output::ExportFormat* format, output::parse_export_format(m_format));
        TRY(auto session, obtain_session(m_options, context));
        TRY(auto info, deliver_session(session, m_options, context));
        TRY(std::string text, output::format_export(info, *format));
        TRY_VOID(util::write_all(STDOUT_FILENO, text));
        return 0;
    }

private:
    model::Request m_options;
    std::string m_format{output::export_formats().front().name};
};

}  // namespace

std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }

}  // namespace awsume_shell::cli
