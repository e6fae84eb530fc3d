#include "awsume_shell/shell/session_state.hpp"

namespace awsume_shell::shell {

Result<std::optional<model::Request>> current_session(const util::Env& env) {
    auto text = env.get(model::k_session_variable);
    if (!text) {
        return std::optional<model::Request>{};
    }
    TRY(model::Request request, model::decode_request(*text));
    return std::optional<model::Request>{std::move(request)};
}

Result<void> check_not_nested(const util::Env& env, bool nested) {
    if (nested || !env.has(model::k_session_variable)) {
        return {};
    }
    std::string name;
    if (auto request = model::decode_request(*env.get(model::k_session_variable))) {
        name = request->profile.empty() ? request->role_arn.value_or("") : request->profile;
    }
    if (name.empty()) {
        name = env.get("AWSUME_PROFILE").value_or("?");
    }
    return make_error(Errc::usage, "already in an awsume-shell session for " + name +
                                       "; use --nested to start another");
}

}  // namespace awsume_shell::shell
