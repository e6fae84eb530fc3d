#pragma once
/// "Did you mean" suggestions for mistyped names (profiles, commands, settings keys).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace awsume_shell::util {

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), so that
/// the common typo "rpod" for "prod" costs 1, not 2.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `max_suggestions` candidates close to `word`, nearest first (ties alphabetical).
/// "Close" grows with the length of the word: 1 edit up to 3 characters, 2 up to 6,
/// else 3; a candidate that differs only in letter case always qualifies. `word` itself is
/// never suggested.
std::vector<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates,
                                    std::size_t max_suggestions = 3);

/// " did you mean 'a', 'b' or 'c'?" (with a leading "; ") or "" when nothing is close:
/// ready to append to an error message.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace awsume_shell::util
