#pragma once
/// Source kind -> the provider that fetches it: the provider half of a credential source
/// (the resolver half, which profile keys make it, is config/source_rules). A new source
/// is one file with its factory and one row in src/credentials/source_table.cpp.

#include <memory>
#include <span>
#include <string_view>

#include "awsume_shell/config/profile_resolver.hpp"
#include "awsume_shell/credentials/provider.hpp"
#include "awsume_shell/credentials/services.hpp"

namespace awsume_shell::credentials {

/// Makes the provider of a chain's first hop from what the resolver put in it.
using SourceFactory = std::unique_ptr<Provider> (*)(const config::Hop& hop, Services& services);

struct SourceRow {
    std::string_view kind;  ///< Hop::kind, as config/source_rules names it
    SourceFactory make;
};

std::span<const SourceRow> source_table();

/// The factory for `kind`, or nullptr (a role is no source).
SourceFactory source_factory(std::string_view kind);

}  // namespace awsume_shell::credentials
