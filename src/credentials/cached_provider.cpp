#include "awsume_shell/credentials/sts_providers.hpp"

namespace awsume_shell::credentials {

namespace {

class CachedProvider final : public Provider {
public:
    CachedProvider(std::unique_ptr<Provider> inner, cache::CacheKey key, long margin,
                   bool skip_cached, std::optional<long> requested_duration, Services& services)
        : m_inner(std::move(inner)), m_key(std::move(key)), m_margin(margin),
          m_skip_cached(skip_cached), m_requested_duration(requested_duration),
          m_services(services) {}

    Result<model::Credentials> retrieve() override {
        // With -r the cached entry is ignored, but remembered: if it has changed once we
        // hold the lock, another process refreshed it meanwhile and its answer is as new
        // as ours would be.
        std::optional<std::string> seen_key;
        if (m_skip_cached) {
            if (auto entry = m_services.store.load(m_key)) {
                seen_key = entry->credentials.access_key_id;
            }
        } else if (auto hit = usable_entry(std::nullopt)) {
            return *hit;
        }
        TRY_VOID(m_inner->prepare());
        auto lock = lock_entry();
        if (!lock && !util::is_lock_timeout(lock.error())) {
            // An unusable cache (read-only home, full disk) costs STS calls, not credentials.
            m_services.log.warning("cache unusable (" + lock.error().message +
                                   "); fetching without it");
            return m_inner->retrieve();
        }
        if (!lock) {
            return unexpected(lock.error());
        }
        // Whoever held the lock before us may have just fetched what we need.
        if (auto hit = usable_entry(m_skip_cached ? std::optional<std::string>(seen_key.value_or(""))
                                                  : std::nullopt)) {
            return *hit;
        }
        TRY(auto fresh, m_inner->retrieve());
        TRY_VOID(check_usable_lifetime(fresh, m_services.clock.now(), m_inner->describe()));
        cache::Entry entry;
        entry.description = m_inner->describe();
        entry.created = m_services.clock.now();
        entry.requested_duration = m_requested_duration;
        if (!fresh.issued) {
            fresh.issued = entry.created;
        }
        entry.credentials = fresh;
        if (auto saved = m_services.store.save(m_key, entry); !saved) {
            // Losing the cache costs a future STS call, not these credentials.
            m_services.log.warning("could not cache credentials: " + saved.error().message);
        } else {
            m_services.log.debug("cached " + m_key.kind + " " + m_key.label + " in " +
                                 m_services.store.path_for(m_key));
        }
        return fresh;
    }
    /// Nothing on a hit; else the inner provider's (a chain's outer role calls this on its
    /// source before it takes its own lock).
    Result<void> prepare() override {
        if (!m_skip_cached && usable_entry(std::nullopt)) {
            return {};
        }
        return m_inner->prepare();
    }
    std::string identity() const override { return m_inner->identity(); }
    std::string describe() const override { return m_inner->describe(); }
    bool long_term() const override { return m_inner->long_term(); }

private:
    /// The entry's lock. A wait longer than a few seconds (another awsume-shell asking for
    /// an MFA code or signing in) is said once, so that nobody stares at a silent terminal.
    Result<util::FileLock> lock_entry() const {
        constexpr long k_quiet_wait_ms = 5000;
        return util::acquire_saying_long_waits(
            [&](long timeout_ms) { return m_services.store.lock(m_key, timeout_ms); }, k_quiet_wait_ms,
            m_services.lock_timeout_ms,
            [&] { m_services.log.info("waiting for another awsume-shell that fetches the " + m_inner->describe()); });
    }

    /// The cached credentials if fresh enough; with `not_key`, only if their key differs.
    std::optional<model::Credentials> usable_entry(const std::optional<std::string>& not_key) const {
        std::string problem;
        auto entry = m_services.store.load(m_key, &problem);
        if (!entry) {
            if (!problem.empty()) {
                m_services.log.debug("ignoring cache file " + m_services.store.path_for(m_key) +
                                     ": " + problem);
            }
            return std::nullopt;
        }
        if (not_key && entry->credentials.access_key_id == *not_key) {
            return std::nullopt;
        }
        if (m_requested_duration && entry->requested_duration &&
            *entry->requested_duration < *m_requested_duration) {
            m_services.log.debug("cached " + m_key.kind + " " + m_key.label + " was asked for " +
                                 std::to_string(*entry->requested_duration) + " s, " +
                                 std::to_string(*m_requested_duration) + " s wanted now");
            return std::nullopt;
        }
        entry->credentials.issued = entry->created;
        if (!entry->credentials.fresh_at(m_services.clock.now(), m_margin)) {
            m_services.log.debug("cached " + m_key.kind + " " + m_key.label +
                                 " is too close to expiry");
            return std::nullopt;
        }
        m_services.log.debug("using cached " + m_key.kind + " " + m_key.label);
        return entry->credentials;
    }

    std::unique_ptr<Provider> m_inner;
    cache::CacheKey m_key;
    long m_margin;
    bool m_skip_cached;
    std::optional<long> m_requested_duration;
    Services& m_services;
};

}  // namespace

std::unique_ptr<Provider> make_cached_provider(std::unique_ptr<Provider> inner, cache::CacheKey key,
                                               long margin, bool skip_cached, Services& services,
                                               std::optional<long> requested_duration) {
    return std::make_unique<CachedProvider>(std::move(inner), std::move(key), margin, skip_cached,
                                            requested_duration, services);
}

}  // namespace awsume_shell::credentials
