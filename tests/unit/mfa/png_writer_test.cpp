#include "awsume_shell/mfa/png_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace awsume_shell::mfa {
namespace {

/// "awsume-shell", level M, as libqrencode encodes it (a fixture: this binary has no
/// libqrencode; tests/unit/aws/qr_encode_test.cpp covers the encoder).
QrMatrix fixture_code() {
    static const std::vector<std::string> rows = {
        "#######...###.#######", "#.....#.####..#.....#", "#.###.#.###...#.###.#",
        "#.###.#.####..#.###.#", "#.###.#....##.#.###.#", "#.....#...#.#.#.....#",
        "#######.#.#.#.#######", "........#..##........", "#.....#.#.#.###..###.",
        ".#.##...#...#.##.###.", ".#.#.##....#.##..#.#.", "#.###....#...#.#.###.",
        "...##.#.#.#..#.....##", "........##..#.#.#.#.#", "#######..#..#..#.#.#.",
        "#.....#...#.#######.#", "#.###.#....#..#..#.##", "#.###.#......#..###..",
        "#.###.#..##.#.#.#.###", "#.....#..##.##.#.##..", "#######.#..#..#.#..#.",
    };
    QrMatrix m;
    m.size = static_cast<int>(rows.size());
    for (const auto& row : rows) {
        for (const char c : row) {
            m.dark.push_back(c == '#');
        }
    }
    return m;
}

std::uint32_t u32_at(const std::string& s, std::size_t pos) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(s[pos])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(s[pos + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(s[pos + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[pos + 3]));
}

struct Chunk {
    std::string type;
    std::string data;
};

std::vector<Chunk> chunks_of(const std::string& png) {
    std::vector<Chunk> chunks;
    std::size_t pos = 8;
    while (pos + 12 <= png.size()) {
        const std::uint32_t len = u32_at(png, pos);
        Chunk chunk{png.substr(pos + 4, 4), png.substr(pos + 8, len)};
        EXPECT_EQ(u32_at(png, pos + 8 + len), crc32(png.substr(pos + 4, 4 + len))) << chunk.type;
        chunks.push_back(chunk);
        pos += 12 + len;
    }
    EXPECT_EQ(pos, png.size());
    return chunks;
}

/// Undoes our stored-block zlib stream, checking its framing and Adler-32.
std::string inflate_stored(const std::string& z) {
    EXPECT_EQ(static_cast<unsigned char>(z[0]), 0x78);
    EXPECT_EQ(((static_cast<unsigned char>(z[0]) << 8) | static_cast<unsigned char>(z[1])) % 31, 0);
    std::string raw;
    std::size_t pos = 2;
    for (bool last = false; !last;) {
        last = (z[pos] & 1) != 0;
        EXPECT_EQ((z[pos] >> 1) & 3, 0);  // stored
        const std::size_t len = static_cast<unsigned char>(z[pos + 1]) |
                                (static_cast<std::size_t>(static_cast<unsigned char>(z[pos + 2])) << 8);
        const std::size_t nlen = static_cast<unsigned char>(z[pos + 3]) |
                                 (static_cast<std::size_t>(static_cast<unsigned char>(z[pos + 4])) << 8);
        EXPECT_EQ(len ^ 0xFFFFU, nlen);
        raw += z.substr(pos + 5, len);
        pos += 5 + len;
    }
    EXPECT_EQ(u32_at(z, pos), adler32(raw));
    EXPECT_EQ(pos + 4, z.size());
    return raw;
}

TEST(PngWriter, KnownChecksums) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926U);
    EXPECT_EQ(adler32("Wikipedia"), 0x11E60398U);
}

TEST(PngWriter, StructureAndPixels) {
    const QrMatrix code = fixture_code();
    const int scale = 3;
    const std::string png = encode_qr_png(code, scale);
    ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    const auto chunks = chunks_of(png);
    ASSERT_EQ(chunks.size(), 3U);
    EXPECT_EQ(chunks[0].type, "IHDR");
    EXPECT_EQ(chunks[1].type, "IDAT");
    EXPECT_EQ(chunks[2].type, "IEND");
    const int side = (21 + 8) * scale;
    EXPECT_EQ(u32_at(chunks[0].data, 0), static_cast<std::uint32_t>(side));
    EXPECT_EQ(u32_at(chunks[0].data, 4), static_cast<std::uint32_t>(side));
    EXPECT_EQ(chunks[0].data.substr(8), std::string("\x01\x00\x00\x00\x00", 5));

    const std::string raw = inflate_stored(chunks[1].data);
    const std::size_t stride = static_cast<std::size_t>((side + 7) / 8) + 1;
    ASSERT_EQ(raw.size(), stride * static_cast<std::size_t>(side));
    for (int y = 0; y < side; ++y) {
        ASSERT_EQ(raw[static_cast<std::size_t>(y) * stride], '\0');
        for (int x = 0; x < side; ++x) {
            const auto byte = static_cast<unsigned char>(
                raw[static_cast<std::size_t>(y) * stride + 1 + static_cast<std::size_t>(x / 8)]);
            const bool white = (byte >> (7 - x % 8)) & 1;
            const bool dark = code.is_dark(x / scale - 4, y / scale - 4);
            ASSERT_EQ(white, !dark) << x << "," << y;
        }
    }
}

TEST(PngWriter, LargeImageSpansSeveralStoredBlocks) {
    QrMatrix big{177, std::vector<bool>(177 * 177, true)};
    const auto chunks = chunks_of(encode_qr_png(big, 8));
    ASSERT_EQ(chunks.size(), 3U);
    EXPECT_GT(inflate_stored(chunks[1].data).size(), 65535U);
}

TEST(PngWriter, ZbarimgReadsIt) {
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "zbarimg not installed (Debian zbar-tools)";
    }
    // A name of this process's own: test runs of other build trees share TempDir().
    const std::string path =
        ::testing::TempDir() + "awsume_shell_png_writer_test." + std::to_string(::getpid()) + ".png";
    {
        std::ofstream out(path, std::ios::binary);
        out << encode_qr_png(fixture_code(), 8);
    }
    const std::string command = "zbarimg --quiet --raw '" + path + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string decoded;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        decoded += buffer;
    }
    pclose(pipe);
    std::remove(path.c_str());
    EXPECT_EQ(decoded, "awsume-shell\n");
}

}  // namespace
}  // namespace awsume_shell::mfa
