#pragma once
/// A credential provider yields Credentials; providers compose like aws-vault's: an
/// AssumeRole provider wraps its source provider, a cached provider wraps any of them.

#include <memory>
#include <string>

#include "awsume_shell/model/credentials.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::credentials {

class Provider {
public:
    virtual ~Provider() = default;
    virtual Result<model::Credentials> retrieve() = 0;
    /// Stable and secret-free: names *what* this provider yields, not the current keys
    /// (an MFA session is "mfa-session of key AKIA…", whatever its current key is). Cache
    /// keys of roles assumed from this provider are built from it.
    virtual std::string identity() const = 0;
    /// For --debug: "static keys of profile 'alice'".
    virtual std::string describe() const = 0;
    /// True when the credentials are long-term IAM user keys (GetSessionToken allowed,
    /// AssumeRole not subject to the one-hour chaining cap).
    virtual bool long_term() const { return false; }
    /// Work a cached provider has done before it takes its cache lock, on a miss: an
    /// interactive sign-in that other processes wait for under a lock of its own, so that
    /// they can say what they wait for instead of hanging silently on the cache's lock.
    virtual Result<void> prepare() { return {}; }
};

}  // namespace awsume_shell::credentials
