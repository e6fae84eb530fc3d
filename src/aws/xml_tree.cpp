#include "awsume_shell/aws/xml_tree.hpp"

#include <expat.h>

#include "awsume_shell/aws/http_client.hpp"

namespace awsume_shell::aws {
namespace {

struct Builder {
    XML_Parser parser = nullptr;
    std::unique_ptr<XmlElement> root;
    std::vector<XmlElement*> stack;
    std::size_t elements = 0;
    std::string too_much;  ///< why parsing was stopped, "" while within bounds
};

void on_start(void* data, const XML_Char* name, const XML_Char** /*attributes*/) {
    auto* builder = static_cast<Builder*>(data);
    if (builder->stack.size() >= static_cast<std::size_t>(k_max_xml_depth)) {
        builder->too_much = "elements nested deeper than " + std::to_string(k_max_xml_depth);
    } else if (++builder->elements > k_max_xml_elements) {
        builder->too_much = "more than " + std::to_string(k_max_xml_elements) + " elements";
    }
    if (!builder->too_much.empty()) {
        XML_StopParser(builder->parser, XML_FALSE);
        return;
    }
    auto element = std::make_unique<XmlElement>();
    std::string_view full(name);
    std::size_t colon = full.rfind(':');
    element->name = std::string(colon == std::string_view::npos ? full : full.substr(colon + 1));
    XmlElement* raw = element.get();
    if (builder->stack.empty()) {
        builder->root = std::move(element);
    } else {
        builder->stack.back()->children.push_back(std::move(element));
    }
    builder->stack.push_back(raw);
}

void on_end(void* data, const XML_Char* /*name*/) {
    auto* builder = static_cast<Builder*>(data);
    if (!builder->stack.empty()) {
        builder->stack.pop_back();
    }
}

void on_text(void* data, const XML_Char* text, int length) {
    auto* builder = static_cast<Builder*>(data);
    if (!builder->stack.empty()) {
        builder->stack.back()->text.append(text, static_cast<std::size_t>(length));
    }
}

}  // namespace

XmlElement::~XmlElement() {
    // Children are moved out onto one list before they die, so each destructor call finds
    // an element without children: no recursion, whatever the depth.
    std::vector<std::unique_ptr<XmlElement>> pending = std::move(children);
    while (!pending.empty()) {
        std::unique_ptr<XmlElement> element = std::move(pending.back());
        pending.pop_back();
        for (auto& grandchild : element->children) {
            pending.push_back(std::move(grandchild));
        }
        element->children.clear();
    }
}

const XmlElement* XmlElement::child(std::string_view child_name) const {
    for (const auto& c : children) {
        if (c->name == child_name) {
            return c.get();
        }
    }
    return nullptr;
}

const XmlElement* XmlElement::find(std::string_view path) const {
    const XmlElement* current = this;
    while (current != nullptr && !path.empty()) {
        std::size_t slash = path.find('/');
        current = current->child(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    }
    return current;
}

Result<std::unique_ptr<XmlElement>> parse_xml(std::string_view document, const std::string& host) {
    if (document.size() > k_max_response_bytes) {
        return make_error(Errc::network, "malformed response from " + host +
                                             ": larger than 4 MiB");
    }
    Builder builder;
    XML_Parser parser = XML_ParserCreate("UTF-8");
    if (parser == nullptr) {
        return make_error(Errc::io, "cannot create an XML parser (out of memory)");
    }
    builder.parser = parser;
    XML_SetUserData(parser, &builder);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    const XML_Status status =
        XML_Parse(parser, document.data(), static_cast<int>(document.size()), XML_TRUE);
    std::string reason;
    if (!builder.too_much.empty()) {
        reason = builder.too_much;
    } else if (status != XML_STATUS_OK) {
        reason = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                 std::to_string(XML_GetCurrentLineNumber(parser));
    }
    XML_ParserFree(parser);
    if (!reason.empty() || builder.root == nullptr) {
        return make_error(Errc::network, "malformed response from " + host + ": " +
                                             (reason.empty() ? "no XML document" : reason));
    }
    return std::move(builder.root);
}

}  // namespace awsume_shell::aws
