// SHA-1 against the FIPS 180 example vectors (and the padding edges, checked against
// Python's hashlib), since the AWS CLI's SSO cache file names depend on every bit.
#include <gtest/gtest.h>

#include <string>

#include "awsume_shell/util/sha1.hpp"

namespace util = awsume_shell::util;

TEST(Sha1, Fips180Vectors) {
    EXPECT_EQ(util::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(util::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(util::sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(util::sha1_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "a49b2446a02c645bf419f995b67091253a04a259");
    EXPECT_EQ(util::sha1_hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, PaddingEdges) {
    // 55 bytes: marker and length fit in one block; 56 and 64: they need a second one.
    EXPECT_EQ(util::sha1_hex(std::string(55, 'a')), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    EXPECT_EQ(util::sha1_hex(std::string(56, 'a')), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    EXPECT_EQ(util::sha1_hex(std::string(64, 'a')), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

TEST(Sha1, AwsCliCacheKeys) {
    // botocore: hashlib.sha1(session_name.encode("utf-8")).hexdigest(), values from Python
    EXPECT_EQ(util::sha1_hex("my-sso"), "0ad374308c5a4e22f723adf10145eafad7c4031c");
    EXPECT_EQ(util::sha1_hex("https://my-sso-portal.awsapps.com/start"),
              "c7aaaf71fcc8777ae2475525ed049d39fe16c484");
}
