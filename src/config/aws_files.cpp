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

/// Whether config section `header` may name profile `name`, without shlex_split's copies
/// (this runs on every header of the file): the name is the header's last word, so a
/// header without quotes or backslashes ends with it.
bool may_name(std::string_view header, std::string_view name) {
    while (!header.empty() && std::strchr(" \t\n\r", header.back()) != nullptr) {
        header.remove_suffix(1);
    }
    if (header.size() >= name.size() && header.substr(header.size() - name.size()) == name) {
        return true;
    }
    const auto npos = std::string_view::npos;  // quoting: config_profile_name decides
    return header.find('"') != npos || header.find('\'') != npos || header.find('\\') != npos;
}

Result<IniIndex> checked_index(std::string_view text, const std::string& file) {
    IniIndex index = index_ini(text);
    if (index.problem) {  // parse_ini's own message: it fails on the same index
        return make_error(Errc::config, file + ":" + std::to_string(index.problem->first) + ": " +
                                            index.problem->second);
    }
    return index;
}

}  // namespace

/// The two files as read, each with the index of its sections (names point into the text).
struct ProfileFiles {
    std::string config_name, credentials_name;
    std::string config_text, credentials_text;
    IniIndex config, credentials;
};

ProfileSet::ProfileSet(AwsFilePaths file_paths, std::shared_ptr<const ProfileFiles> files)
    : paths(std::move(file_paths)), m_files(std::move(files)) {}

ProfileSet::Sections ProfileSet::sections_of(const std::string& name) const {
    if (m_directory) {
        const auto it = m_directory->find(name);
        return it == m_directory->end() ? Sections{} : it->second;
    }
    Sections found;
    const auto& config = m_files->config.sections;
    for (std::size_t i = 0; i < config.size(); ++i) {  // the last one wins whole
        if (may_name(config[i].name, name) && config_profile_name(std::string(config[i].name)) == name) {
            found.config = i;
        }
    }
    const auto& credentials = m_files->credentials.sections;
    for (std::size_t i = 0; i < credentials.size() && found.credentials == SIZE_MAX; ++i) {
        if (credentials[i].name == name) {  // literal, and never twice (a duplicate section)
            found.credentials = i;
        }
    }
    return found;
}

const Profile* ProfileSet::find(const std::string& name) const {
    if (const auto it = m_found.find(name); it != m_found.end()) {
        return it->second ? &*it->second : nullptr;
    }
    auto& slot = m_found[name];
    if (!m_files) {
        return nullptr;
    }
    const ProfileFiles& files = *m_files;
    const Sections at = sections_of(name);
    if (at.config != SIZE_MAX) {
        slot = make_profile(name, parse_ini_section(files.config_text, files.config.sections[at.config]),
                            files.config_name);
    }
    if (at.credentials != SIZE_MAX) {
        const IniSection section =
            parse_ini_section(files.credentials_text, files.credentials.sections[at.credentials]);
        if (!slot) {
            slot = make_profile(name, section, files.credentials_name);
        } else {  // the credentials file's keys override the config file's
            for (const auto& entry : section.entries) {
                slot->values[entry.key] = ProfileValue{entry.value, files.credentials_name, entry.line};
            }
        }
    }
    return slot ? &*slot : nullptr;
}

std::vector<std::string> ProfileSet::names() const {
    if (!m_files) {
        return {};
    }
    if (!m_directory) {
        std::map<std::string, Sections> directory;
        const auto& config = m_files->config.sections;
        for (std::size_t i = 0; i < config.size(); ++i) {
            if (auto name = config_profile_name(std::string(config[i].name))) {
                directory[*name].config = i;
            }
        }
        const auto& credentials = m_files->credentials.sections;
        for (std::size_t i = 0; i < credentials.size(); ++i) {
            directory[std::string(credentials[i].name)].credentials = i;
        }
        m_directory = std::move(directory);
    }
    std::vector<std::string> out;
    out.reserve(m_directory->size());
    for (const auto& [name, sections] : *m_directory) {
        out.push_back(name);
    }
    return out;  // std::map keeps them sorted
}

namespace {

/// The set over both texts, each checked whole (an error anywhere in a file is an error,
/// as in botocore): config first, so its error is the one reported when both have one.
Result<ProfileSet> make_set(AwsFilePaths paths, std::string config_text, std::string credentials_text) {
    auto files = std::make_shared<ProfileFiles>();
    files->config_name = paths.config;
    files->credentials_name = paths.credentials;
    files->config_text = std::move(config_text);
    files->credentials_text = std::move(credentials_text);
    TRY(files->config, checked_index(files->config_text, files->config_name));
    TRY(files->credentials, checked_index(files->credentials_text, files->credentials_name));
    return ProfileSet(std::move(paths), std::move(files));
}

}  // namespace

Result<ProfileSet> parse_profiles(std::string_view config_text, const std::string& config_name,
                                  std::string_view credentials_text, const std::string& credentials_name) {
    return make_set(AwsFilePaths{config_name, credentials_name}, std::string(config_text),
                    std::string(credentials_text));
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
    return make_set(paths, std::move(config).value_or(""), std::move(credentials).value_or(""));
}

}  // namespace awsume_shell::config
