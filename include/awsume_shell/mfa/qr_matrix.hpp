#pragma once
/// A QR code as a plain grid of modules, the only form the main binary handles: libqrencode
/// lives in the AWS module, so the terminal and PNG renderers see nothing of it.

#include <vector>

namespace awsume_shell::mfa {

struct QrMatrix {
    int size = 0;            ///< modules per side, without quiet zone
    std::vector<bool> dark;  ///< row-major, size * size

    /// Out-of-range coordinates are light: callers draw the quiet zone by walking past the
    /// edge instead of special-casing it.
    bool is_dark(int x, int y) const {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return false;
        }
        return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                    static_cast<std::size_t>(x)];
    }
};

/// Modules of light margin around the code on every side, as ISO/IEC 18004 requires.
inline constexpr int k_quiet_zone = 4;

}  // namespace awsume_shell::mfa
