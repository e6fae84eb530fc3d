#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>

#include "awsume_shell/cli/auto_refresh.hpp"
#include "awsume_shell/cli/refresher_registry.hpp"
#include "awsume_shell/util/display_text.hpp"
#include "awsume_shell/util/io.hpp"
#include "awsume_shell/util/time_format.hpp"

namespace awsume_shell::cli {

namespace {

std::string listing(const std::vector<RefresherRecord>& records) {
    std::vector<std::array<std::string, 5>> rows = {{"PROFILE", "PID", "SOURCE", "NEXT REFRESH", "EXPIRES"}};
    for (const auto& r : records) {
        rows.push_back({util::printable(r.output_profile), std::to_string(r.pid), util::printable(r.source),
                        util::format_iso8601(r.next_refresh), util::format_iso8601(r.expires)});
    }
    std::array<size_t, 5> width{};
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            out += row[i];
            if (i + 1 < row.size()) {
                out += std::string(width[i] - row[i].size() + 2, ' ');
            }
        }
        out += "\n";
    }
    return out;
}

/// auto-refresh --list | --stop NAME | --stop-all: the -a refreshers, one per output
/// profile (docs/auto-refresh.md). `--serve` is the refresher itself, started by -a.
class AutoRefreshCommand final : public Command {
public:
    std::string_view name() const override { return "auto-refresh"; }
    std::string_view summary() const override {
        return "list (--list) or stop (--stop NAME, --stop-all) the -a refreshers";
    }
    void setup(CLI::App& app) override {
        auto* list = app.add_flag("--list", m_list, "profile, pid, source, next refresh and expiry of each");
        auto* stop = app.add_option("--stop", m_stop, "stop the refresher of output profile NAME");
        auto* stop_all = app.add_flag("--stop-all", m_stop_all, "stop every refresher");
        auto* serve = app.add_flag("--serve", m_serve, "the refresher itself (started by -a)")->group("");
        list->excludes(stop)->excludes(stop_all)->excludes(serve);
        stop->excludes(stop_all)->excludes(serve);
        stop_all->excludes(serve);
    }
    Result<int> run(Context& context) override {
        if (m_serve) {
            return serve_auto_refresh(context);
        }
        RefresherRegistry registry(context.env);
        if (m_stop) {
            TRY(auto stopped, registry.stop(*m_stop));
            context.log.info("stopped the auto-refresh of '" + stopped.output_profile +
                             "' (pid " + std::to_string(stopped.pid) + ")");
            return 0;
        }
        if (m_stop_all) {
            for (const auto& record : registry.running()) {
                TRY(auto stopped, registry.stop(record.output_profile));
                context.log.info("stopped the auto-refresh of '" + stopped.output_profile +
                                 "' (pid " + std::to_string(stopped.pid) + ")");
            }
            return 0;
        }
        if (!m_list) {
            return make_error(Errc::usage, "auto-refresh: give --list, --stop NAME or --stop-all");
        }
        auto records = registry.running();
        if (!records.empty()) {
            TRY_VOID(util::write_all(STDOUT_FILENO, listing(records)));
        }
        return 0;
    }

private:
    bool m_list = false;
    std::optional<std::string> m_stop;
    bool m_stop_all = false;
    bool m_serve = false;
};

}  // namespace

std::unique_ptr<Command> make_auto_refresh_command() { return std::make_unique<AutoRefreshCommand>(); }

}  // namespace awsume_shell::cli
