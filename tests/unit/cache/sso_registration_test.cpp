// The AWS CLI's cached client registration: its file name, byte for byte what botocore
// hashes (values from Python's json.dumps + hashlib), and the file itself.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "awsume_shell/cache/sso_registration.hpp"
#include "unit/cache/temp_dir.hpp"

namespace cache = awsume_shell::cache;
using awsume_shell::testing::mode_of;
using awsume_shell::testing::read_text;
using awsume_shell::testing::TempDir;
using awsume_shell::testing::write_text;

TEST(SsoRegistrationPath, IsBotocoresKey) {
    EXPECT_EQ(cache::sso_registration_key_text("https://d-1.awsapps.com/start", "corp", "eu-west-1",
                                               {"sso:account:access"}),
              R"({"region": "eu-west-1", "scopes": ["sso:account:access"], "session_name": "corp", )"
              R"("startUrl": "https://d-1.awsapps.com/start", "tool": "botocore"})");
    EXPECT_EQ(cache::sso_registration_path("/c", "https://d-1.awsapps.com/start", "corp", "eu-west-1",
                                           {"sso:account:access"}),
              "/c/51f9140ff43ba8121cfa4963513c707618bc070d.json");
    // A legacy profile: no session, no scopes (None in Python).
    EXPECT_EQ(cache::sso_registration_path("/c", "https://d-1.awsapps.com/start", "", "eu-west-1", {}),
              "/c/8da4b80b5d9b65ac135f58293730b6683603363f.json");
}

TEST(SsoRegistrationPath, EscapesAsPythonDoes) {
    const std::string url = "https://x/\xc3\xa9\"\\\n\xf0\x9f\x98\x80";
    EXPECT_EQ(cache::sso_registration_key_text(url, "s\x01", "eu-west-1", {"a", "b"}),
              R"({"region": "eu-west-1", "scopes": ["a", "b"], "session_name": "s\u0001", )"
              R"("startUrl": "https://x/\u00e9\"\\\n\ud83d\ude00", "tool": "botocore"})");
    EXPECT_EQ(cache::sso_registration_path("/c", url, "s\x01", "eu-west-1", {"a", "b"}),
              "/c/c711c96cf8b48b9f22362289d1267e44a479127e.json");
}

TEST(SsoRegistrationFile, ReadsWhatTheAwsCliWritesAndWritesItBack) {
    TempDir dir;
    const std::string path = dir.file("cache/r.json");
    ::mkdir(dir.file("cache").c_str(), 0755);
    write_text(path, R"({"clientId": "CID", "clientSecret": "CS", "expiresAt": "2027-03-02T10:00:00Z", )"
                     R"("scopes": ["sso:account:access"], "other": 1})");
    auto read = cache::read_sso_registration(path);
    ASSERT_TRUE(read && *read) << (read ? "missing" : read.error().message);
    EXPECT_EQ((*read)->client_id, "CID");
    EXPECT_EQ((*read)->client_secret, "CS");
    EXPECT_EQ((*read)->expires_at, 1803981600);
    EXPECT_EQ((*read)->scopes, std::vector<std::string>{"sso:account:access"});

    cache::SsoRegistration next{"CID2", "CS2", 1803981600 + 86400, {}};
    ASSERT_TRUE(cache::write_sso_registration(path, next));
    const auto doc = nlohmann::json::parse(read_text(path));
    EXPECT_EQ(doc["clientId"], "CID2");
    EXPECT_EQ(doc["expiresAt"], "2027-03-03T10:00:00Z");
    EXPECT_FALSE(doc.contains("scopes"));
    EXPECT_EQ(doc["other"], 1);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(dir.file("cache")), 0700u);
}

TEST(SsoRegistrationFile, MissingIsNoneAndDamagedIsNamed) {
    TempDir dir;
    auto missing = cache::read_sso_registration(dir.file("none.json"));
    ASSERT_TRUE(missing);
    EXPECT_FALSE(*missing);
    const std::string path = dir.file("r.json");
    for (const char* text : {"[]", R"({"clientId": "C", "expiresAt": "2027-03-02T10:00:00Z"})",
                             R"({"clientId": "C", "clientSecret": "S", "expiresAt": "soon"})"}) {
        write_text(path, text);
        ::chmod(path.c_str(), 0600);
        auto damaged = cache::read_sso_registration(path);
        ASSERT_FALSE(damaged) << text;
        EXPECT_EQ(damaged.error().message.rfind(path + ": ", 0), 0u) << damaged.error().message;
        EXPECT_EQ(damaged.error().message.find("\"S\""), std::string::npos);
    }
}
