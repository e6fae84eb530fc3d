#include "awsume_shell/config/aws_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "awsume_shell/config/ini_reader.hpp"
#include "awsume_shell/config/ini_snapshot.hpp"
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

namespace {

/// The file opened for reading and its fstat; nullopt when it does not exist.
Result<std::optional<int>> open_text_file(const std::string& path, struct stat& st) {
    TRY(const auto opened, util::open_if_exists(path, Errc::config));
    if (!opened) {
        return std::optional<int>{};
    }
    const int fd = *opened;
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
    return std::optional<int>{fd};
}

/// The rest of an opened file (from its offset: 0 when only pread has read it).
Result<std::string> read_opened(int fd, const std::string& path) {
    // No size bound here: a huge file is the out-of-memory guard's (docs/hostile-input.md).
    auto text = util::read_all(fd, std::string::npos);
    if (!text) {
        return make_error(Errc::config, "cannot read " + path + ": " + text.error().message);
    }
    return std::move(*text);
}

}  // namespace

Result<std::optional<std::string>> read_text_file(const std::string& path) {
    struct stat st {};
    TRY(auto fd, open_text_file(path, st));
    if (!fd) {
        return std::optional<std::string>{};
    }
    auto text = read_opened(*fd, path);
    ::close(*fd);
    TRY(auto read, std::move(text));
    return std::optional<std::string>{std::move(read)};
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

/// The word after `prefix` of a section named "PREFIX NAME" (botocore: the header starts
/// with the prefix and splits, shlex-wise, into exactly two words).
std::optional<std::string> second_word(const std::string& section, std::string_view prefix) {
    if (section.rfind(prefix, 0) != 0) {
        return std::nullopt;
    }
    auto parts = shlex_split(section);
    if (parts && parts->size() == 2) {
        return (*parts)[1];
    }
    return std::nullopt;
}

/// botocore's build_profile_map: which config-file section is which profile, or (by its
/// snapshot_entry_of_session key) which sso-session. services, plugins, bare [x]: none.
std::optional<std::string> config_section_key(const std::string& section) {
    if (section.rfind("profile", 0) == 0) {
        return second_word(section, "profile");
    }
    if (section.rfind("sso-session", 0) == 0) {
        auto name = second_word(section, "sso-session");
        return name ? std::optional<std::string>(snapshot_entry_of_session(*name)) : std::nullopt;
    }
    if (section == "default") {
        return section;
    }
    return std::nullopt;
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
    const auto npos = std::string_view::npos;  // quoting: config_section_key decides
    return header.find('"') != npos || header.find('\'') != npos || header.find('\\') != npos;
}

/// The key of a section of a file of `kind`, by the file's naming rule: the profile it is,
/// or an sso-session's entry name (config file only).
std::optional<std::string> section_key(AwsFileKind kind, std::string_view section) {
    return kind == AwsFileKind::config ? config_section_key(std::string(section)) : std::string(section);
}

/// The name a config header must end with to be `key` (a profile's, or a session's without its mark).
std::string_view bare_name(std::string_view key) {
    return is_session_entry(key) ? key.substr(k_session_entry_mark.size()) : key;
}

Result<IniIndex> checked_index(std::string_view text, const std::string& file) {
    IniIndex index = index_ini(text);
    if (index.problem) {  // parse_ini's own message: it fails on the same index
        return make_error(Errc::config, file + ":" + std::to_string(index.problem->first) + ": " +
                                            index.problem->second);
    }
    return index;
}

/// Room read after a section, to see that the next line is a header (a snapshot's end
/// offset is checked, not believed).
constexpr std::size_t k_peek = 256;

}  // namespace

/// One AWS file: read whole (`text` and its `index`), or, while its snapshot serves, the
/// opened file and the mapped snapshot (the sections asked for are pread from `fd`).
struct AwsFile {
    std::string name;
    AwsFileKind kind = AwsFileKind::config;
    std::string text;
    IniIndex index;
    std::optional<std::map<std::string, std::size_t>> directory;  ///< profile -> section, by names()
    int fd = -1;
    FileIdentity identity;
    std::optional<MappedSnapshot> snapshot;

    AwsFile() = default;
    AwsFile(const AwsFile&) = delete;
    AwsFile& operator=(const AwsFile&) = delete;
    ~AwsFile() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

struct ProfileFiles {
    AwsFile config, credentials;
};

namespace {

/// Every profile (and sso-session) of a whole file and its section: the later config
/// section wins whole; credentials sections are literal (never twice: the check refuses a
/// duplicate).
std::map<std::string, std::size_t> directory_of(const AwsFile& file) {
    std::map<std::string, std::size_t> directory;
    const auto& sections = file.index.sections;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (auto name = section_key(file.kind, sections[i].name)) {
            directory[*name] = i;
        }
    }
    return directory;
}

/// The section of a whole file whose key is `name` (section_key), if any.
std::optional<std::size_t> whole_section_of(AwsFile& file, const std::string& name) {
    if (file.directory) {
        const auto it = file.directory->find(name);
        return it == file.directory->end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    std::optional<std::size_t> found;
    const auto& sections = file.index.sections;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (file.kind == AwsFileKind::credentials) {
            if (sections[i].name == name) {
                return i;
            }
        } else if (may_name(sections[i].name, bare_name(name)) &&
                   config_section_key(std::string(sections[i].name)) == name) {
            found = i;  // the last one wins whole
        }
    }
    return found;
}

/// Reads the rest of a file served by its snapshot, and checks it whole, as if there had
/// been no snapshot. False with `problem` set when it fails the check.
bool make_whole(AwsFile& file, std::optional<Error>& problem) {
    file.snapshot.reset();
    auto text = read_opened(file.fd, file.name);
    ::close(file.fd);
    file.fd = -1;
    if (text) {
        file.text = std::move(*text);
        auto index = checked_index(file.text, file.name);
        if (index) {
            file.index = std::move(*index);
            return true;
        }
        if (!problem) {
            problem = index.error();
        }
    } else if (!problem) {
        problem = text.error();
    }
    file.text.clear();
    file.index = IniIndex{};
    return false;
}

enum class Served { found, absent, failed };

/// The section keyed `name` (section_key) from the snapshot, checked against the file's own
/// bytes: the range is one whole valid section whose header names `name`, ending where the next header begins,
/// and the file is still what the snapshot was written for.
Served from_snapshot(AwsFile& file, const std::string& name, std::optional<IniSection>& out) {
    const auto entry = file.snapshot->view().find(name);
    if (!entry) {
        return Served::absent;
    }
    const std::size_t size = entry->end - entry->begin;
    std::string bytes(size + std::min<std::size_t>(k_peek, file.identity.size - entry->end), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::pread(file.fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(entry->begin + got));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return Served::failed;
        }
        got += static_cast<std::size_t>(n);
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !(FileIdentity::of(st) == file.identity)) {
        return Served::failed;  // written to since it was opened
    }
    const std::string_view slice = std::string_view(bytes).substr(0, size);
    if (slice.substr(0, 3) == "\xEF\xBB\xBF") {
        return Served::failed;  // only the file's first bytes are a BOM, and no span holds it
    }
    if (entry->end < file.identity.size) {
        std::string_view next = std::string_view(bytes).substr(size);
        while (!next.empty() && std::strchr(" \t\v\f", next.front()) != nullptr) {
            next.remove_prefix(1);
        }
        if ((slice.back() != '\n' && slice.back() != '\r') || next.empty() || next.front() != '[') {
            return Served::failed;
        }
    }
    const IniIndex index = index_ini(slice);
    if (index.problem || index.sections.size() != 1 || index.sections[0].begin != 0 ||
        section_key(file.kind, index.sections[0].name) != name) {
        return Served::failed;
    }
    IniSectionSpan span = index.sections[0];
    span.line = span.first_line = entry->line;
    out = parse_ini_section(slice, span);
    return Served::found;
}

/// The section keyed `name` (section_key) in `file`, from the snapshot when it serves, else
/// from the whole text.
std::optional<IniSection> section_of(AwsFile& file, const std::string& name, std::optional<Error>& problem) {
    if (file.snapshot) {
        std::optional<IniSection> section;
        switch (from_snapshot(file, name, section)) {
            case Served::found:
                return section;
            case Served::absent:
                return std::nullopt;
            case Served::failed:
                if (!make_whole(file, problem)) {
                    return std::nullopt;
                }
        }
    }
    const auto at = whole_section_of(file, name);
    if (!at) {
        return std::nullopt;
    }
    return parse_ini_section(file.text, file.index.sections[*at]);
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

ProfileSet::ProfileSet(AwsFilePaths file_paths, std::shared_ptr<ProfileFiles> files)
    : paths(std::move(file_paths)), m_files(std::move(files)) {}

const Profile* ProfileSet::find(const std::string& name) const {
    if (const auto it = m_found.find(name); it != m_found.end()) {
        return it->second ? &*it->second : nullptr;
    }
    auto& slot = m_found[name];
    if (!m_files || is_session_entry(name)) {  // a name from argv with a line end: no profile, never a session
        return nullptr;
    }
    AwsFile& config = m_files->config;
    AwsFile& credentials = m_files->credentials;
    if (auto section = section_of(config, name, m_problem)) {
        slot = make_profile(name, *section, config.name);
    }
    if (auto section = section_of(credentials, name, m_problem)) {
        if (!slot) {
            slot = make_profile(name, *section, credentials.name);
        } else {  // the credentials file's keys override the config file's
            for (const auto& entry : section->entries) {
                slot->values[entry.key] = ProfileValue{entry.value, credentials.name, entry.line};
            }
        }
    }
    if (m_problem) {  // found nothing: the caller reports the problem
        slot.reset();
    }
    return slot ? &*slot : nullptr;
}

const Profile* ProfileSet::find_sso_session(const std::string& name) const {
    if (const auto it = m_sessions.find(name); it != m_sessions.end()) {
        return it->second ? &*it->second : nullptr;
    }
    auto& slot = m_sessions[name];
    if (!m_files) {
        return nullptr;
    }
    // Only the config file has sso-session sections (the credentials file's are literal profiles).
    AwsFile& config = m_files->config;
    if (auto section = section_of(config, snapshot_entry_of_session(name), m_problem); section && !m_problem) {
        slot = make_profile(name, *section, config.name);
    }
    return slot ? &*slot : nullptr;
}

std::vector<std::string> ProfileSet::names() const {
    if (!m_files) {
        return {};
    }
    std::set<std::string> all;
    for (AwsFile* file : {&m_files->config, &m_files->credentials}) {
        if (file->snapshot && !make_whole(*file, m_problem)) {  // list and completion read every header
            return {};
        }
        if (!file->directory) {
            file->directory = directory_of(*file);
        }
        for (const auto& [name, at] : *file->directory) {
            if (!is_session_entry(name)) {
                all.insert(name);
            }
        }
    }
    return {all.begin(), all.end()};  // sorted
}

std::vector<std::string> ProfileSet::from_snapshot() const {
    std::vector<std::string> out;
    if (!m_files) {
        return out;
    }
    for (const AwsFile* file : {&m_files->config, &m_files->credentials}) {
        if (file->snapshot) {
            out.push_back(file->name);
        }
    }
    return out;
}

namespace {

/// A file as opened by load_profiles: nullopt `fd` when it does not exist.
struct Opened {
    std::optional<int> fd;
    struct stat st {};
};

/// Fills `file` from an opened file: from its snapshot in `snapshot_dir` when one matches
/// its identity, else read whole and checked (an error anywhere in it is an error, as in
/// botocore), then snapshotted when it passed.
Result<void> load_file(AwsFile& file, Opened opened, const std::string& snapshot_dir) {
    if (!opened.fd) {
        return {};
    }
    const bool snapshots = !snapshot_dir.empty() && S_ISREG(opened.st.st_mode);
    file.identity = FileIdentity::of(opened.st);
    if (snapshots) {
        file.snapshot = MappedSnapshot::load(snapshot_dir, file.kind, file.name, file.identity);
        if (file.snapshot) {
            file.fd = *opened.fd;
            return {};
        }
    }
    auto text = read_opened(*opened.fd, file.name);
    struct stat after {};
    const bool unchanged = ::fstat(*opened.fd, &after) == 0 && FileIdentity::of(after) == file.identity;
    ::close(*opened.fd);
    TRY(file.text, std::move(text));
    TRY(file.index, checked_index(file.text, file.name));
    if (snapshots && unchanged && file.text.size() == file.identity.size) {
        std::vector<SnapshotEntry> entries;
        for (const auto& [name, at] : directory_of(file)) {
            const IniSectionSpan& span = file.index.sections[at];
            entries.push_back(SnapshotEntry{name, span.begin, span.end, span.line});
        }
        save_snapshot(snapshot_dir, file.kind, file.name, file.identity, std::move(entries));
    }
    return {};
}

std::shared_ptr<ProfileFiles> new_files(const AwsFilePaths& paths) {
    auto files = std::make_shared<ProfileFiles>();
    files->config.name = paths.config;
    files->config.kind = AwsFileKind::config;
    files->credentials.name = paths.credentials;
    files->credentials.kind = AwsFileKind::credentials;
    return files;
}

}  // namespace

Result<ProfileSet> parse_profiles(std::string_view config_text, const std::string& config_name,
                                  std::string_view credentials_text, const std::string& credentials_name) {
    AwsFilePaths paths{config_name, credentials_name};
    auto files = new_files(paths);
    // Config first, so its error is the one reported when both have one.
    for (auto [file, text] : {std::pair{&files->config, config_text}, std::pair{&files->credentials, credentials_text}}) {
        file->text = std::string(text);
        TRY(file->index, checked_index(file->text, file->name));
    }
    return ProfileSet(std::move(paths), std::move(files));
}

Result<ProfileSet> load_profiles(const AwsFilePaths& paths, const std::string& snapshot_dir) {
    Opened config, credentials;
    TRY(config.fd, open_text_file(paths.config, config.st));
    auto credentials_fd = open_text_file(paths.credentials, credentials.st);
    if (!credentials_fd) {
        if (config.fd) {
            ::close(*config.fd);
        }
        return unexpected(credentials_fd.error());
    }
    credentials.fd = *credentials_fd;
    // Closes what load_file has not taken when a check below fails.
    struct Closer {
        Opened* a;
        Opened* b;
        ~Closer() {
            for (Opened* o : {a, b}) {
                if (o->fd) {
                    ::close(*o->fd);
                }
            }
        }
    } closer{&config, &credentials};
    auto files = new_files(paths);
    // botocore silently reads a missing AWS_CONFIG_FILE as empty (so do we, for the
    // variables); a file named on the command line and not there is almost always a typo, which would otherwise show up later
    // as "profile not found" or, for list, as nothing at all.
    auto named_but_missing = [](const Opened& opened, const std::string& path,
                                const std::string& given_by) -> Result<void> {
        if (!opened.fd && !given_by.empty()) {
            return make_error(Errc::config, path + " (named by " + given_by + ") does not exist");
        }
        return {};
    };
    TRY_VOID(named_but_missing(config, paths.config, paths.config_given_by));
    TRY_VOID(named_but_missing(credentials, paths.credentials, paths.credentials_given_by));
    // Config first, so its error is the one reported when both have one.
    for (auto [file, opened] : {std::pair{&files->config, &config}, std::pair{&files->credentials, &credentials}}) {
        Opened taken = *opened;
        opened->fd.reset();
        TRY_VOID(load_file(*file, taken, snapshot_dir));
    }
    return ProfileSet(paths, std::move(files));
}

}  // namespace awsume_shell::config
