#pragma once
/// The only place that knows nlohmann_json in the cache: entries to and from text.

#include <optional>
#include <string>
#include <string_view>

#include "awsume_shell/cache/store.hpp"

namespace awsume_shell::cache {

constexpr int k_format_version = 1;

std::string entry_to_json(const std::string& kind, const Entry& entry);
/// nullopt with `problem` set when the text is not a valid version-1 entry of `kind`.
std::optional<Entry> entry_from_json(std::string_view text, const std::string& kind,
                                     std::string& problem);

}  // namespace awsume_shell::cache
