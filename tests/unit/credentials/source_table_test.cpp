#include "awsume_shell/credentials/source_table.hpp"

#include <gtest/gtest.h>

#include "awsume_shell/config/source_rules.hpp"

namespace awsume_shell::credentials {
namespace {

// The two halves of a source are two tables in two areas: a kind the resolver can make
// that no provider fetches would surface only as "resolves to no credentials" at run time.
TEST(SourceTable, EveryKindTheResolverMakesHasAProvider) {
    for (const auto& rule : config::profile_source_rules()) {
        if (!rule.kind.empty()) {
            EXPECT_NE(source_factory(rule.kind), nullptr) << rule.kind;
        }
    }
    for (const auto& rule : config::credential_source_rules()) {
        if (!rule.kind.empty()) {
            EXPECT_NE(source_factory(rule.kind), nullptr) << rule.kind;
        }
    }
}

TEST(SourceTable, ARoleIsNoSource) {
    EXPECT_EQ(source_factory(config::HopKind::assume_role), nullptr);
    EXPECT_EQ(source_factory(""), nullptr);
}

TEST(SourceTable, KindsAreNamedOnce) {
    const auto table = source_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
        for (std::size_t j = i + 1; j < table.size(); ++j) {
            EXPECT_NE(table[i].kind, table[j].kind);
        }
    }
}

}  // namespace
}  // namespace awsume_shell::credentials
