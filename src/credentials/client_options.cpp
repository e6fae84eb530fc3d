#include "awsume_shell/credentials/client_options.hpp"

#include <algorithm>

namespace awsume_shell::credentials {

Result<aws::ClientOptions> make_client_options(const Environment& e, AwsTarget target) {
    aws::ClientOptions client;
    client.env = e.env;
    client.region = std::move(target.region);
    client.endpoint_url = std::move(target.endpoint_url);
    client.ca_bundle = std::move(target.ca_bundle);
    client.partition = std::move(target.partition);
    client.debug = e.log.debug_enabled();
    client.network_timeout_ms = e.settings.network_timeout * 1000;
    if (auto timeout = e.env.get("AWSUME_SHELL_HTTP_TIMEOUT_MS")) {
        long value = 0;
        try {
            size_t used = 0;
            value = std::stol(*timeout, &used);
            value = used == timeout->size() ? value : 0;
        } catch (const std::exception&) {
        }
        if (value <= 0) {
            return make_error(Errc::usage, "AWSUME_SHELL_HTTP_TIMEOUT_MS='" + *timeout +
                                               "' is not a positive number of milliseconds");
        }
        client.total_timeout_ms = value;
        client.connect_timeout_ms = std::min(client.connect_timeout_ms, value);
        client.read_timeout_ms = std::min(client.read_timeout_ms, value);
    }
    return client;
}

}  // namespace awsume_shell::credentials
