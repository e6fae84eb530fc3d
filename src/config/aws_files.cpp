#include "awsume_shell/config/aws_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "awsume_shell/config/ini_reader.hpp"
#include "awsume_shell/util/io.hpp"

namespace awsume_shell::config {

AwsFilePaths locate_aws_files(const util::Env& env, const std::optional<std::string>& config_flag,
                              const std::optional<std::string>& credentials_flag) {
    auto pick = [&](const std::optional<std::string>& flag, const char* option, const char* variable,
                    const char* file, std::string& given_by) {
        if (flag) {
            given_by = option;
            return util::expand_home(*flag, env);
        }
        if (auto value = env.get(variable)) {
            // Not recorded as "given": botocore reads a missing AWS_CONFIG_FILE as empty, and
            // a variable may name a file a tool creates later (the first -o).
            return util::expand_home(*value, env);
        }
        return env.home() + "/.aws/" + file;
    };
    AwsFilePaths paths;
    paths.config = pick(config_flag, "--config-file", "AWS_CONFIG_FILE", "config", paths.config_given_by);
    paths.credentials = pick(credentials_flag, "--credentials-file", "AWS_SHARED_CREDENTIALS_FILE",
                             "credentials", paths.credentials_given_by);
    return paths;
}

Result<std::optional<std::string>> read_text_file(const std::string& path) {
    // O_NONBLOCK: a named pipe planted at the path must not block us in open(2).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            return std::optional<std::string>{};
        }
        return make_error(Errc::config, "cannot read " + path + ": " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        return make_error(Errc::config, "cannot read " + path + ": it is a directory");
    }
    // A file or a character device (AWS_CONFIG_FILE=/dev/null reads as empty); a pipe or a
    // socket would block or feed us without end.
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        ::close(fd);
        return make_error(Errc::config, "cannot read " + path + ": not a regular file");
    }
    // No size bound here: a huge file is the out-of-memory guard's (docs/hostile-input.md).
    auto text = util::read_all(fd, std::string::npos);
    ::close(fd);
    if (!text) {
        return make_error(Errc::config, "cannot read " + path + ": " + text.error().message);
    }
    return std::optional<std::string>{std::move(*text)};
}

namespace {

/// Python's shlex.split for section names: whitespace separated words, quotes and
/// backslashes as in a POSIX shell. nullopt on an unbalanced quote (botocore skips those).
std::optional<std::vector<std::string>> shlex_split(std::string_view s) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else if (c == '\'' || c == '"') {
            in_word = true;
            std::size_t j = i + 1;
            for (; j < s.size() && s[j] != c; ++j) {
                if (c == '"' && s[j] == '\\' && j + 1 < s.size() &&
                    std::strchr("\\\"$`", s[j + 1]) != nullptr) {
                    ++j;
                }
                word += s[j];
            }
            if (j >= s.size()) {
                return std::nullopt;
            }
            i = j;
        } else if (c == '\\') {
            if (i + 1 >= s.size()) {
                return std::nullopt;
            }
            word += s[++i];
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

/// botocore's build_profile_map: which config-file section is which profile.
std::optional<std::string> config_profile_name(const std::string& section) {
    if (section.rfind("profile", 0) == 0) {
        auto parts = shlex_split(section);
        if (parts && parts->size() == 2) {
            return (*parts)[1];
        }
        return std::nullopt;
    }
    if (section == "default") {
        return section;
    }
    return std::nullopt;  // sso-session, services, plugins, bare [x]...
}

Profile make_profile(const std::string& name, const IniSection& section, const std::string& file) {
    Profile profile;
    profile.name = name;
    profile.file = file;
    profile.line = section.line;
    for (const auto& entry : section.entries) {
        profile.values[entry.key] = ProfileValue{entry.value, file, entry.line};
    }
    return profile;
}

}  // namespace

Result<ProfileSet> parse_profiles(std::string_view config_text, const std::string& config_name,
                                  std::string_view credentials_text, const std::string& credentials_name) {
    TRY(IniDocument config, parse_ini(config_text, config_name));
    TRY(IniDocument credentials, parse_ini(credentials_text, credentials_name));
    ProfileSet set;
    set.paths = AwsFilePaths{config_name, credentials_name};
    for (const auto& section : config.sections) {
        if (auto name = config_profile_name(section.name)) {
            set.profiles[*name] = make_profile(*name, section, config_name);
        }
    }
    for (const auto& section : credentials.sections) {
        auto [it, fresh] = set.profiles.try_emplace(section.name);
        if (fresh) {
            it->second = make_profile(section.name, section, credentials_name);
            continue;
        }
        for (const auto& entry : section.entries) {
            it->second.values[entry.key] = ProfileValue{entry.value, credentials_name, entry.line};
        }
    }
    return set;
}

Result<ProfileSet> load_profiles(const AwsFilePaths& paths) {
    TRY(auto config, read_text_file(paths.config));
    TRY(auto credentials, read_text_file(paths.credentials));
    // botocore silently reads a missing AWS_CONFIG_FILE as empty (so do we, for the
    // variables); a file named on the command line and not there is almost always a typo, which would otherwise show up later
    // as "profile not found" or, for list, as nothing at all.
    auto named_but_missing = [](const std::optional<std::string>& text, const std::string& path,
                                const std::string& given_by) -> Result<void> {
        if (!text && !given_by.empty()) {
            return make_error(Errc::config, path + " (named by " + given_by + ") does not exist");
        }
        return {};
    };
    TRY_VOID(named_but_missing(config, paths.config, paths.config_given_by));
    TRY_VOID(named_but_missing(credentials, paths.credentials, paths.credentials_given_by));
    TRY(auto set, parse_profiles(config.value_or(""), paths.config, credentials.value_or(""), paths.credentials));
    set.paths = paths;
    return set;
}

}  // namespace awsume_shell::config
