// The byte-preserving INI editor (config/ini_editor.cpp) against the reader. Input:
//   byte 0: which section (one of the file's, or a new one), byte 1: which key (one of that
//   section's, or a new one), then the value up to the first '\n', then the INI text.
// For a text the reader accepts, set_ini_value must give a text that
// - the reader accepts, with the new value under that key and every other key unchanged;
// - keeps every other byte: the only bytes that differ lie in the edited key's lines (its
//   value and continuation lines), or nothing differs but an insertion;
// and section_keys sees in each section the keys the reader sees.
#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "awsume_shell/config/ini_editor.hpp"
#include "awsume_shell/config/ini_lines.hpp"
#include "awsume_shell/config/ini_reader.hpp"
#include "fuzz_check.hpp"

using awsume_shell::Errc;
using awsume_shell::config::IniDocument;
using awsume_shell::config::IniSection;
using awsume_shell::config::parse_ini;
using awsume_shell::config::set_ini_value;
using awsume_shell::config::IniLine;
using awsume_shell::config::IniLineScanner;
using awsume_shell::config::KeyValues;
using awsume_shell::config::section_keys;

namespace {

/// Section names as the editor matches them: blank runs as one space, ends trimmed.
std::string words_of(const std::string& name) {
    std::istringstream in(name);
    std::string word, out;
    while (in >> word) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\v\f");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(s.substr(first, s.find_last_not_of(" \t\v\f") - first + 1));
}

bool same_entries(const IniSection& a, const IniSection& b) {
    if (a.name != b.name || a.entries.size() != b.entries.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        if (a.entries[i].key != b.entries[i].key || a.entries[i].value != b.entries[i].value) {
            return false;
        }
    }
    return true;
}

/// Byte offset where each line (as the reader numbers them, 1-based) starts; one more at the end.
std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};  // unused slot 0: lines are 1-based
    IniLineScanner scanner(text);
    for (IniLine line; scanner.next(line);) {
        starts.push_back(line.begin);
    }
    starts.push_back(text.size());
    return starts;
}

/// [from, to) of the bytes the edit of the key on `line` may change: from that line up to
/// the next line that starts a key or a section.
std::pair<std::size_t, std::size_t> key_span(std::string_view text, const IniDocument& doc, int line) {
    const auto starts = line_starts(text);
    int next = static_cast<int>(starts.size()) - 1;
    for (const auto& section : doc.sections) {
        if (section.line > line && section.line < next) {
            next = section.line;
        }
        for (const auto& entry : section.entries) {
            if (entry.line > line && entry.line < next) {
                next = entry.line;
            }
        }
    }
    return {starts[static_cast<std::size_t>(line)], starts[static_cast<std::size_t>(next)]};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input = fuzz_text(data, size);
    if (input.size() < 2) {
        return 0;
    }
    const unsigned section_pick = static_cast<unsigned char>(input[0]);
    const unsigned key_pick = static_cast<unsigned char>(input[1]);
    input.remove_prefix(2);
    const std::size_t newline = input.find('\n');
    if (newline == std::string_view::npos) {
        return 0;
    }
    const std::string value(input.substr(0, newline));
    const std::string_view text = input.substr(newline + 1);

    auto before = parse_ini(text, "fuzz.ini");
    if (!before) {
        return 0;  // the editor only promises to keep files the reader accepts
    }
    const auto& sections = before->sections;
    // Reader and editor agree: the first section of each name (as the editor matches names)
    // has, for the editor, the keys the reader sees, in order, with the same first lines.
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const bool first_of_name = std::none_of(sections.begin(), sections.begin() + static_cast<long>(i),
                                                [&](const IniSection& s) { return words_of(s.name) == words_of(sections[i].name); });
        if (!first_of_name || words_of(sections[i].name).empty()) {
            continue;
        }
        KeyValues expected;
        for (const auto& entry : sections[i].entries) {
            expected.emplace_back(entry.key, entry.value.substr(0, entry.value.find('\n')));
        }
        FUZZ_CHECK(section_keys(text, sections[i].name) == expected, "the editor sees the keys the reader sees");
    }
    const bool new_section = section_pick % (sections.size() + 1) == sections.size();
    const std::string section_name = new_section ? "fuzz new" : sections[section_pick % sections.size()].name;
    std::optional<std::size_t> target;  // the first section the editor matches
    for (std::size_t i = 0; i < sections.size() && !target; ++i) {
        if (words_of(sections[i].name) == words_of(section_name)) {
            target = i;
        }
    }
    std::string key = "fuzz_key";
    if (target && key_pick % (sections[*target].entries.size() + 1) < sections[*target].entries.size()) {
        key = sections[*target].entries[key_pick % (sections[*target].entries.size() + 1)].key;
    }

    auto edited = set_ini_value(text, section_name, key, value);
    if (!edited) {
        FUZZ_CHECK(edited.error().code == Errc::usage, "the editor refuses only with a usage error");
        FUZZ_CHECK(value.find('\r') != std::string::npos || section_name.find('\r') != std::string::npos ||
                       key.find_first_of("=:[]#; \t") != std::string::npos || words_of(section_name).empty(),
                   "the editor refuses only a value, key or section it cannot write");
        return 0;
    }
    const std::string& out = *edited;
    auto after = parse_ini(out, "fuzz.ini");
    FUZZ_CHECK(after, "the edited text reads back");

    // Every other key is unchanged; the edited one reads back as written (trimmed).
    const auto& out_sections = after->sections;
    FUZZ_CHECK(out_sections.size() == sections.size() + (target ? 0 : 1), "no section lost or added but a new one");
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (i != target) {
            FUZZ_CHECK(same_entries(sections[i], out_sections[i]), "the other sections read the same");
        }
    }
    const IniSection& edited_section = out_sections[target.value_or(sections.size())];
    FUZZ_CHECK(words_of(edited_section.name) == words_of(section_name), "the edit lands in the chosen section");
    const auto* entry = edited_section.find(key);
    FUZZ_CHECK(entry != nullptr && entry->value == trimmed(value), "the edited key reads back the new value");
    if (target) {
        IniSection expected = sections[*target];
        auto old = std::find_if(expected.entries.begin(), expected.entries.end(),
                                [&](const auto& e) { return e.key == key; });
        if (old != expected.entries.end()) {
            old->value = entry->value;
        } else {
            expected.entries.push_back({key, entry->value, 0});
        }
        FUZZ_CHECK(same_entries(expected, edited_section), "the section's other keys read the same");
    }

    // Every other byte is kept.
    std::size_t prefix = 0;
    while (prefix < text.size() && prefix < out.size() && text[prefix] == out[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < text.size() - prefix && suffix < out.size() - prefix &&
           text[text.size() - 1 - suffix] == out[out.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t removed_from = prefix, removed_to = text.size() - suffix;
    if (removed_from < removed_to) {  // bytes of the input replaced: only the old value's
        const auto* old = target ? sections[*target].find(key) : nullptr;
        FUZZ_CHECK(old != nullptr, "a new key or section only inserts bytes");
        const auto [from, to] = key_span(text, *before, old->line);
        FUZZ_CHECK(from <= removed_from && removed_to <= to, "only the edited key's lines change");
    }
    return 0;
}
