#pragma once
/// A tiny element tree over expat: AWS Query responses are small, so a tree is simpler than
/// streaming callbacks. Only xml_tree.cpp knows expat.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "awsume_shell/util/result.hpp"

namespace awsume_shell::aws {

/// AWS answers nest a handful of levels; anything deeper is not an answer of ours.
inline constexpr int k_max_xml_depth = 64;
/// A page of ListMFADevices is a few hundred elements; the cap keeps a flat flood of small
/// elements (a million fit in 4 MiB) from costing a hundred times its size in memory.
inline constexpr std::size_t k_max_xml_elements = 20000;

struct XmlElement {
    std::string name;  ///< local name (any "prefix:" removed)
    std::string text;  ///< concatenated character data directly inside
    std::vector<std::unique_ptr<XmlElement>> children;

    XmlElement() = default;
    XmlElement(const XmlElement&) = delete;
    XmlElement& operator=(const XmlElement&) = delete;
    /// Iterative: a tree of any depth is freed without recursing.
    ~XmlElement();

    /// First child named `name`, or nullptr.
    const XmlElement* child(std::string_view child_name) const;
    /// Follows a path of child names ("GetCallerIdentityResult/Arn"), or nullptr.
    const XmlElement* find(std::string_view path) const;
};

/// Errc::network "malformed response from HOST: <expat's reason> at line N" when not
/// well-formed, nested deeper than k_max_xml_depth, with more than k_max_xml_elements, or
/// larger than k_max_response_bytes.
Result<std::unique_ptr<XmlElement>> parse_xml(std::string_view document, const std::string& host);

}  // namespace awsume_shell::aws
