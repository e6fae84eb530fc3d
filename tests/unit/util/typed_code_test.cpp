#include "awsume_shell/util/typed_code.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace awsume_shell::util {
namespace {

TEST(NormaliseTypedCode, KeepsSixDigitsAndDropsTheSeparatorsAppsShow) {
    EXPECT_EQ(normalise_typed_code("240191"), "240191");
    EXPECT_EQ(normalise_typed_code("240 191"), "240191");
    EXPECT_EQ(normalise_typed_code(" 240-191\r\n"), "240191");
    EXPECT_EQ(normalise_typed_code("2 4 0 1 9 1"), "240191");
}

TEST(NormaliseTypedCode, AnythingElseIsEmpty) {
    for (const char* bad : {"", " ", "12345", "1234567", "12345a", "12ab56", "240_191", "240.191",
                            "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6"}) {
        EXPECT_EQ(normalise_typed_code(bad), "") << bad;
    }
}

TEST(DiscardTypedAhead, IsHarmlessOnSomethingThatIsNotATerminal) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ASSERT_EQ(::write(fds[1], "x", 1), 1);
    discard_typed_ahead(-1);
    discard_typed_ahead(fds[0]);
    char c = 0;
    EXPECT_EQ(::read(fds[0], &c, 1), 1);  // a pipe is left alone
    ::close(fds[0]);
    ::close(fds[1]);
}

}  // namespace
}  // namespace awsume_shell::util
