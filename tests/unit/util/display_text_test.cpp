#include "awsume_shell/util/display_text.hpp"

#include <gtest/gtest.h>

using awsume_shell::util::printable;

TEST(Printable, PlainTextAndUtf8AreKept) {
    EXPECT_EQ(printable("prod-eu_1 a/b \\ \"x\""), "prod-eu_1 a/b \\ \"x\"");
    EXPECT_EQ(printable("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x91"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x91");
    EXPECT_EQ(printable(""), "");
}

TEST(Printable, ControlCharactersAreEscaped) {
    EXPECT_EQ(printable("evil\x1b]0;pwned\x07x"), "evil\\x1b]0;pwned\\x07x");
    EXPECT_EQ(printable("a\nb\tc\rd\x7f"), "a\\x0ab\\x09c\\x0dd\\x7f");
    EXPECT_EQ(printable(std::string("n\0ul", 4)), "n\\x00ul");
}

TEST(Printable, C1ControlsInUtf8AreEscaped) {
    EXPECT_EQ(printable("x\xC2\x9B" "2J"), "x\\u009b2J");  // U+009B is CSI
    EXPECT_EQ(printable("\xC2\xA0"), "\xC2\xA0");          // U+00A0 is printable
}

TEST(Printable, InvalidUtf8BytesAreEscaped) {
    EXPECT_EQ(printable("bad\xff\xfename"), "bad\\xff\\xfename");
    EXPECT_EQ(printable("\xC3"), "\\xc3");                  // truncated sequence
    EXPECT_EQ(printable("\xC0\xAF"), "\\xc0\\xaf");         // overlong '/'
    EXPECT_EQ(printable("\xED\xA0\x80"), "\\xed\\xa0\\x80"); // a surrogate
    EXPECT_EQ(printable("\xF4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}
