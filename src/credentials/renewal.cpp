#include "awsume_shell/credentials/renewal.hpp"

#include <algorithm>
#include <iterator>

namespace awsume_shell::credentials {

long retry_delay(int failures) {
    long delay = k_renewal_floor;
    for (int i = 1; i < failures && delay < 600; ++i) {
        delay *= 2;
    }
    return std::min(delay, 600L);
}

bool is_transient(const Error& error) {
    switch (error.code) {
    case Errc::network:
    case Errc::io:
        return true;
    case Errc::aws: {
        static const char* const k_transient[] = {
            "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "ServiceUnavailable", "InternalFailure", "InternalError", "IDPCommunicationError"};
        return std::any_of(std::begin(k_transient), std::end(k_transient),
                           [&](const char* code) { return error.aws_code == code; });
    }
    default:
        return false;
    }
}

bool needs_the_user(const Error& error) { return error.code == Errc::mfa || error.code == Errc::sign_in; }

}  // namespace awsume_shell::credentials
