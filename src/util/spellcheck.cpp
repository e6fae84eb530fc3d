#include "awsume_shell/util/spellcheck.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace awsume_shell::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t rows = a.size() + 1;
    const std::size_t cols = b.size() + 1;
    std::vector<std::size_t> d(rows * cols);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * cols + j]; };
    for (std::size_t i = 0; i < rows; ++i) {
        at(i, 0) = i;
    }
    for (std::size_t j = 0; j < cols; ++j) {
        at(0, j) = j;
    }
    for (std::size_t i = 1; i < rows; ++i) {
        for (std::size_t j = 1; j < cols; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                best = std::min(best, at(i - 2, j - 2) + 1);
            }
            at(i, j) = best;
        }
    }
    return at(rows - 1, cols - 1);
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::size_t allowed_distance(std::size_t length) {
    if (length <= 3) {
        return 1;
    }
    return length <= 6 ? 2 : 3;
}

}  // namespace

std::vector<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates,
                                    std::size_t max_suggestions) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    const std::string word_lower = lower(word);
    const std::size_t limit = allowed_distance(word.size());
    for (const auto& candidate : candidates) {
        if (candidate == word) {
            continue;
        }
        // A case-only difference ranks before any real edit.
        const std::size_t distance =
            lower(candidate) == word_lower ? 0 : edit_distance(word, candidate);
        if (distance <= limit) {
            scored.emplace_back(distance, candidate);
        }
    }
    std::sort(scored.begin(), scored.end());
    scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
    std::vector<std::string> out;
    for (auto& [distance, candidate] : scored) {
        if (out.size() == max_suggestions) {
            break;
        }
        out.push_back(std::move(candidate));
    }
    return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const auto suggestions = spellcheck(word, candidates);
    if (suggestions.empty()) {
        return {};
    }
    std::string out = "; did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
        if (i > 0) {
            out += i + 1 == suggestions.size() ? " or " : ", ";
        }
        out += "'" + suggestions[i] + "'";
    }
    return out + "?";
}

}  // namespace awsume_shell::util
