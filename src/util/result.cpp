#include "awsume_shell/util/result.hpp"

namespace awsume_shell {

int exit_code_for(Errc code) {
    switch (code) {
    case Errc::aws:
    case Errc::network:
    case Errc::io:
        return 1;
    case Errc::usage:
    case Errc::config:
        return 2;
    case Errc::mfa:
    case Errc::sign_in:
        return 3;
    case Errc::interrupted:
        return 130;
    }
    return 1;
}

}  // namespace awsume_shell
