#pragma once
/// What the rows of the export format table (export_format.cpp) point at, one file per
/// format.

#include <string>

#include "awsume_shell/output/environment.hpp"
#include "awsume_shell/util/result.hpp"

namespace awsume_shell::output {

Result<std::string> sh_set_line(const std::string& name, const std::string& value);      // export_sh.cpp
std::string sh_unset_line(const std::string& name);                                       // export_sh.cpp
Result<std::string> fish_set_line(const std::string& name, const std::string& value);    // export_fish.cpp
std::string fish_unset_line(const std::string& name);                                     // export_fish.cpp
Result<std::string> dotenv_set_line(const std::string& name, const std::string& value);  // export_dotenv.cpp
Result<std::string> json_object(const EnvChanges& changes);                               // export_json.cpp
std::string credential_process_document(const SessionInfo& info);                         // export_json.cpp

}  // namespace awsume_shell::output
