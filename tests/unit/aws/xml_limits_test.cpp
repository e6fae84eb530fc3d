// Bounds on what an STS/IAM answer may cost us (issue 8 item 15): depth and size.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "awsume_shell/aws/http_client.hpp"
#include "awsume_shell/aws/xml_tree.hpp"

namespace aws = awsume_shell::aws;
using awsume_shell::Errc;

namespace {

std::string nested(int depth) {
    std::string doc;
    for (int i = 0; i < depth; ++i) {
        doc += "<a>";
    }
    for (int i = 0; i < depth; ++i) {
        doc += "</a>";
    }
    return doc;
}

TEST(XmlLimits, NestingUpToTheLimitIsRead) {
    auto tree = aws::parse_xml(nested(aws::k_max_xml_depth), "sts.test");
    ASSERT_TRUE(tree) << tree.error().message;
}

TEST(XmlLimits, DeeperNestingIsAnError) {
    auto tree = aws::parse_xml(nested(aws::k_max_xml_depth + 1), "sts.test");
    ASSERT_FALSE(tree);
    EXPECT_EQ(tree.error().code, Errc::network);
    EXPECT_EQ(tree.error().message, "malformed response from sts.test: elements nested deeper than 64");
}

TEST(XmlLimits, HundredsOfThousandsOfLevelsDoNotOverflowTheStack) {
    auto tree = aws::parse_xml(nested(300000), "sts.test");
    EXPECT_FALSE(tree);
}

TEST(XmlLimits, DestroyingADeepTreeIsNotRecursive) {
    // A tree built by hand (not through parse_xml) a million levels deep.
    auto root = std::make_unique<aws::XmlElement>();
    aws::XmlElement* leaf = root.get();
    for (int i = 0; i < 1000000; ++i) {
        leaf->children.push_back(std::make_unique<aws::XmlElement>());
        leaf = leaf->children.back().get();
    }
    root.reset();
    SUCCEED();
}

TEST(XmlLimits, AFloodOfSmallElementsIsAnError) {
    std::string doc = "<r>";
    for (std::size_t i = 0; i < aws::k_max_xml_elements; ++i) {
        doc += "<m/>";
    }
    auto tree = aws::parse_xml(doc + "</r>", "sts.test");
    ASSERT_FALSE(tree);
    EXPECT_EQ(tree.error().message, "malformed response from sts.test: more than 20000 elements");
    ASSERT_TRUE(aws::parse_xml(doc.substr(0, doc.size() - 4) + "</r>", "sts.test"));
}

TEST(XmlLimits, AnswersLargerThanTheLimitAreRefused) {
    std::string doc = "<r>" + std::string(aws::k_max_response_bytes, 'x') + "</r>";
    auto tree = aws::parse_xml(doc, "sts.test");
    ASSERT_FALSE(tree);
    EXPECT_EQ(tree.error().code, Errc::network);
    EXPECT_NE(tree.error().message.find("larger than 4 MiB"), std::string::npos) << tree.error().message;
}

}  // namespace
