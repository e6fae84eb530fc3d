#include "awsume_shell/credentials/source_table.hpp"

#include <array>

namespace awsume_shell::credentials {

// Each defined in its source's own file; this table is their only caller.
std::unique_ptr<Provider> static_keys_source(const config::Hop& hop, Services& services);
std::unique_ptr<Provider> environment_source(const config::Hop& hop, Services& services);
std::unique_ptr<Provider> credential_process_source(const config::Hop& hop, Services& services);
std::unique_ptr<Provider> sso_source(const config::Hop& hop, Services& services);
std::unique_ptr<Provider> ec2_instance_metadata_source(const config::Hop& hop, Services& services);
std::unique_ptr<Provider> ecs_container_source(const config::Hop& hop, Services& services);

namespace {

constexpr std::array k_sources{
    SourceRow{config::HopKind::static_keys, static_keys_source},
    SourceRow{config::HopKind::environment, environment_source},
    SourceRow{config::HopKind::credential_process, credential_process_source},
    SourceRow{"sso", sso_source},
    SourceRow{config::HopKind::ec2_instance_metadata, ec2_instance_metadata_source},
    SourceRow{config::HopKind::ecs_container, ecs_container_source},
};

}  // namespace

std::span<const SourceRow> source_table() { return k_sources; }

SourceFactory source_factory(std::string_view kind) {
    for (const SourceRow& row : k_sources) {
        if (row.kind == kind) {
            return row.make;
        }
    }
    return nullptr;
}

}  // namespace awsume_shell::credentials
