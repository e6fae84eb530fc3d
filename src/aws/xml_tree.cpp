#include "awsume_shell/aws/xml_tree.hpp"

#include <expat.h>

namespace awsume_shell::aws {
namespace {

struct Builder {
    std::unique_ptr<XmlElement> root;
    std::vector<XmlElement*> stack;
};

void on_start(void* data, const XML_Char* name, const XML_Char** /*attributes*/) {
    auto* builder = static_cast<Builder*>(data);
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
    static_cast<Builder*>(data)->stack.pop_back();
}

void on_text(void* data, const XML_Char* text, int length) {
    auto* builder = static_cast<Builder*>(data);
    if (!builder->stack.empty()) {
        builder->stack.back()->text.append(text, static_cast<std::size_t>(length));
    }
}

}  // namespace

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
    Builder builder;
    XML_Parser parser = XML_ParserCreate("UTF-8");
    if (parser == nullptr) {
        return make_error(Errc::io, "cannot create an XML parser (out of memory)");
    }
    XML_SetUserData(parser, &builder);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    const XML_Status status =
        XML_Parse(parser, document.data(), static_cast<int>(document.size()), XML_TRUE);
    std::string reason;
    if (status != XML_STATUS_OK) {
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
