// The libqrencode wrapper of the AWS module (src/mfa/qr_encode.cpp), decoded back with
// zbarimg (Debian zbar-tools) from a PGM image.
#include "awsume_shell/mfa/qr_encode.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace awsume_shell::mfa {
namespace {

const char* const k_uri =
    "otpauth://totp/AWS:alice@123456789012?secret="
    "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=AWS";

std::string decode_with_zbarimg(const std::vector<unsigned char>& modules, int size) {
    const int scale = 4;
    const int side = (size + 8) * scale;
    const std::string path = ::testing::TempDir() + "awsume_shell_qr_encode_test.pgm";
    {
        std::ofstream out(path, std::ios::binary);
        out << "P5\n" << side << " " << side << "\n255\n";
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const int mx = x / scale - 4;
                const int my = y / scale - 4;
                const bool dark = mx >= 0 && my >= 0 && mx < size && my < size &&
                                  modules[static_cast<std::size_t>(my * size + mx)] != 0;
                out.put(dark ? '\0' : static_cast<char>(255));
            }
        }
    }
    const std::string command = "zbarimg --quiet --raw '" + path + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    std::string decoded;
    char buffer[512];
    while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        decoded += buffer;
    }
    if (pipe != nullptr) {
        pclose(pipe);
    }
    std::remove(path.c_str());
    return decoded;
}

TEST(QrEncode, EncodesAnOtpauthUriThatZbarimgReadsBack) {
    std::vector<unsigned char> modules(k_max_qr_size * k_max_qr_size);
    int size = 0;
    ASSERT_EQ(qr_encode_modules(k_uri, modules.data(), static_cast<int>(modules.size()), &size), 0);
    // Version 6 or 7 at level M for ~140 bytes: fits an 80-column terminal with half blocks.
    EXPECT_GE(size, 21);
    EXPECT_LE(size, 49);
    EXPECT_EQ((size - 17) % 4, 0);
    for (int i = 0; i < size * size; ++i) {
        ASSERT_LE(modules[static_cast<std::size_t>(i)], 1);
    }
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "zbarimg not installed (Debian zbar-tools)";
    }
    EXPECT_EQ(decode_with_zbarimg(modules, size), std::string(k_uri) + "\n");
}

TEST(QrEncode, ReportsTheSizeWhenTheBufferIsTooSmall) {
    unsigned char tiny[4];
    int size = 0;
    EXPECT_EQ(qr_encode_modules("hello", tiny, 4, &size), 1);
    EXPECT_EQ(size, 21);
    EXPECT_EQ(qr_encode_modules(nullptr, tiny, 4, &size), 3);
}

TEST(QrEncode, RefusesTextTooLongForAnyVersion) {
    const std::string huge(5000, 'x');
    std::vector<unsigned char> modules(k_max_qr_size * k_max_qr_size);
    int size = 0;
    EXPECT_EQ(qr_encode_modules(huge.c_str(), modules.data(), static_cast<int>(modules.size()), &size), 2);
}

}  // namespace
}  // namespace awsume_shell::mfa
