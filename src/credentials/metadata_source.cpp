#include "awsume_shell/credentials/metadata_source.hpp"

namespace awsume_shell::credentials {

Unexpected MetadataSource::in_context(const Error& error) const {
    return unexpected(Error{error.code,
                            "profile '" + m_profile + "' (credential_source = " + m_value + ", " + m_origin +
                                "): " + error.message,
                            error.aws_code});
}

Result<model::Credentials> MetadataSource::checked(Result<model::Credentials> answer) const {
    if (!answer) {
        return in_context(answer.error());
    }
    if (auto usable = model::check_usable_lifetime(*answer, m_clock.now(), describe()); !usable) {
        return in_context(usable.error());
    }
    return answer;
}

}  // namespace awsume_shell::credentials
