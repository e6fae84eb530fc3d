#include "awsume_shell/util/spellcheck.hpp"

#include <gtest/gtest.h>

using awsume_shell::util::did_you_mean;
using awsume_shell::util::edit_distance;
using awsume_shell::util::spellcheck;

TEST(EditDistance, CountsInsertDeleteReplaceAndTransposition) {
    EXPECT_EQ(edit_distance("prod", "prod"), 0u);
    EXPECT_EQ(edit_distance("prodd", "prod"), 1u);
    EXPECT_EQ(edit_distance("prd", "prod"), 1u);
    EXPECT_EQ(edit_distance("prox", "prod"), 1u);
    EXPECT_EQ(edit_distance("rpod", "prod"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Spellcheck, SuggestsNearestFirstAtMostThree) {
    const std::vector<std::string> names{"prod", "dev", "prod-admin", "staging", "prod2", "pro", "prid"};
    const auto got = spellcheck("prodd", names);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0], "prod");
    EXPECT_EQ(got[1], "prod2");
}

TEST(Spellcheck, NothingCloseGivesNothing) {
    EXPECT_TRUE(spellcheck("zzzzzz", {"prod", "dev"}).empty());
    EXPECT_EQ(did_you_mean("zzzzzz", {"prod", "dev"}), "");
}

TEST(Spellcheck, CaseDifferenceRanksFirstAndExactIsSkipped) {
    const auto got = spellcheck("Prod", {"prod", "prd", "Prod"});
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0], "prod");
}

TEST(Spellcheck, DidYouMeanFormatsAList) {
    EXPECT_EQ(did_you_mean("prodd", {"prod"}), "; did you mean 'prod'?");
    EXPECT_EQ(did_you_mean("dev1", {"dev", "dev2", "dev3"}), "; did you mean 'dev', 'dev2' or 'dev3'?");
}
