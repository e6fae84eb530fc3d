#include "awsume_shell/mfa/png_writer.hpp"

#include <algorithm>
#include <array>

#include "awsume_shell/util/atomic_file.hpp"

namespace awsume_shell::mfa {
namespace {

void put_u32(std::string& out, std::uint32_t value) {
    out += static_cast<char>((value >> 24) & 0xFFU);
    out += static_cast<char>((value >> 16) & 0xFFU);
    out += static_cast<char>((value >> 8) & 0xFFU);
    out += static_cast<char>(value & 0xFFU);
}

void put_chunk(std::string& out, std::string_view type, std::string_view data) {
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    std::string body(type);
    body += data;
    out += body;
    put_u32(out, crc32(body));
}

/// zlib stream of stored deflate blocks (at most 65535 bytes each).
std::string zlib_stored(std::string_view raw) {
    std::string out;
    out += static_cast<char>(0x78);  // CMF: deflate, 32K window
    out += static_cast<char>(0x01);  // FLG: no dictionary, (0x7801 % 31 == 0)
    std::size_t pos = 0;
    do {
        const std::size_t len = std::min<std::size_t>(raw.size() - pos, 65535);
        const bool last = pos + len == raw.size();
        out += static_cast<char>(last ? 1 : 0);  // BFINAL, BTYPE=00 (stored)
        out += static_cast<char>(len & 0xFFU);
        out += static_cast<char>((len >> 8) & 0xFFU);
        out += static_cast<char>(~len & 0xFFU);
        out += static_cast<char>((~len >> 8) & 0xFFU);
        out.append(raw.substr(pos, len));
        pos += len;
    } while (pos < raw.size());
    put_u32(out, adler32(raw));
    return out;
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFU;
    for (const char ch : bytes) {
        crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFU;
}

std::uint32_t adler32(std::string_view bytes) {
    std::uint32_t a = 1;
    std::uint32_t b = 0;
    for (const char ch : bytes) {
        a = (a + static_cast<unsigned char>(ch)) % 65521U;
        b = (b + a) % 65521U;
    }
    return (b << 16) | a;
}

std::string encode_qr_png(const QrMatrix& matrix, int scale) {
    scale = std::max(1, scale);
    const int modules = matrix.size + 2 * k_quiet_zone;
    const int side = modules * scale;
    const int row_bytes = (side + 7) / 8;

    // Scanlines: filter byte 0 (None), then 1 bit per pixel, 1 = white.
    std::string raw;
    raw.reserve(static_cast<std::size_t>(side) * static_cast<std::size_t>(row_bytes + 1));
    for (int y = 0; y < side; ++y) {
        raw += '\0';
        std::string row(static_cast<std::size_t>(row_bytes), '\0');
        for (int x = 0; x < side; ++x) {
            const bool dark =
                matrix.is_dark(x / scale - k_quiet_zone, y / scale - k_quiet_zone);
            if (!dark) {
                row[static_cast<std::size_t>(x / 8)] |= static_cast<char>(0x80U >> (x % 8));
            }
        }
        raw += row;
    }

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put_u32(ihdr, static_cast<std::uint32_t>(side));
    put_u32(ihdr, static_cast<std::uint32_t>(side));
    ihdr += static_cast<char>(1);  // bit depth
    ihdr += static_cast<char>(0);  // colour type: grayscale
    ihdr += static_cast<char>(0);  // compression: deflate
    ihdr += static_cast<char>(0);  // filter method
    ihdr += static_cast<char>(0);  // no interlace
    put_chunk(png, "IHDR", ihdr);
    put_chunk(png, "IDAT", zlib_stored(raw));
    put_chunk(png, "IEND", {});
    return png;
}

Result<void> write_qr_png(const std::string& path, const QrMatrix& matrix) {
    auto written = util::write_file_atomically(path, encode_qr_png(matrix), 0600);
    if (!written) {
        return make_error(Errc::io, "--qr-png " + path + ": " + written.error().message);
    }
    return {};
}

}  // namespace awsume_shell::mfa
