#include "awsume_shell/config/sso_settings.hpp"

#include <gtest/gtest.h>

#include "awsume_shell/config/aws_files.hpp"

using awsume_shell::Errc;
using awsume_shell::config::is_sso_profile;
using awsume_shell::config::parse_profiles;
using awsume_shell::config::ProfileSet;
using awsume_shell::config::sso_settings_of_hop;
using awsume_shell::config::sso_settings_of_profile;
using awsume_shell::config::sso_settings_of_session;
using awsume_shell::config::SsoSettings;
using awsume_shell::config::to_hop_settings;

namespace {

ProfileSet profiles(std::string_view config, std::string_view credentials = "") {
    auto set = parse_profiles(config, "CONFIG", credentials, "CREDS");
    EXPECT_TRUE(set) << (set ? "" : set.error().message);
    return set ? *set : ProfileSet{};
}

SsoSettings settings_ok(const ProfileSet& set, const std::string& name) {
    const auto* p = set.find(name);
    EXPECT_NE(p, nullptr) << name;
    if (p == nullptr) {
        return {};
    }
    auto sso = sso_settings_of_profile(set, *p);
    EXPECT_TRUE(sso) << (sso ? "" : sso.error().message);
    return sso ? *sso : SsoSettings{};
}

std::string settings_error(const ProfileSet& set, const std::string& name) {
    const auto* p = set.find(name);
    EXPECT_NE(p, nullptr) << name;
    if (p == nullptr) {
        return {};
    }
    auto sso = sso_settings_of_profile(set, *p);
    EXPECT_FALSE(sso);
    if (sso) {
        return "";
    }
    EXPECT_EQ(sso.error().code, Errc::config);
    return sso.error().message;
}

constexpr const char* k_session_config =
    "[profile dev]\n"                                                  // 1
    "sso_session = corp\n"                                             // 2
    "sso_account_id = 111122223333\n"                                  // 3
    "sso_role_name = ReadOnly\n"                                       // 4
    "region = eu-west-1\n"                                             // 5
    "[sso-session corp]\n"                                             // 6
    "sso_start_url = https://corp.awsapps.com/start\n"                 // 7
    "sso_region = eu-central-1\n"                                      // 8
    "sso_registration_scopes = sso:account:access , ,other:scope\n";  // 9

}  // namespace

TEST(SsoSettings, ASessionProfileTakesUrlRegionAndScopesFromItsSession) {
    auto set = profiles(k_session_config);
    const SsoSettings sso = settings_ok(set, "dev");
    EXPECT_EQ(sso.session_name, "corp");
    EXPECT_EQ(sso.start_url, "https://corp.awsapps.com/start");
    EXPECT_EQ(sso.region, "eu-central-1") << "sso_region, never the profile's region";
    EXPECT_EQ(sso.scopes, (std::vector<std::string>{"sso:account:access", "other:scope"}));
    EXPECT_EQ(sso.account_id, "111122223333");
    EXPECT_EQ(sso.role_name, "ReadOnly");
    EXPECT_EQ(sso.profile, "dev");
    EXPECT_EQ(sso.origin, "CONFIG:2");
    EXPECT_EQ(sso.token_key(), "corp");
    EXPECT_EQ(sso.origins.at("sso_start_url"), "CONFIG:7");
    EXPECT_EQ(sso.origins.at("sso_region"), "CONFIG:8");
    EXPECT_EQ(sso.origins.at("sso_account_id"), "CONFIG:3");
}

TEST(SsoSettings, ALegacyProfileHoldsUrlAndRegionAndHasNoScopes) {
    auto set = profiles("[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
                        "sso_account_id = 1\nsso_role_name = Admin\nsso_registration_scopes = ignored\n");
    const SsoSettings sso = settings_ok(set, "old");
    EXPECT_EQ(sso.session_name, "");
    EXPECT_EQ(sso.start_url, "https://old.awsapps.com/start");
    EXPECT_EQ(sso.region, "us-east-1");
    EXPECT_TRUE(sso.scopes.empty()) << "the AWS CLI reads scopes from an sso-session only";
    EXPECT_EQ(sso.token_key(), "https://old.awsapps.com/start");
    EXPECT_EQ(sso.origin, "CONFIG:2");
}

TEST(SsoSettings, AKeySetDifferentlyInProfileAndSessionNamesBothPlaces) {
    auto set = profiles(std::string(k_session_config) + "[profile clash]\nsso_session = corp\nsso_account_id = 1\n"
                                                        "sso_role_name = R\nsso_region = us-west-2\n");
    EXPECT_EQ(settings_error(set, "clash"),
              "profile 'clash': sso_region is 'us-west-2' at CONFIG:14 but 'eu-central-1' in [sso-session corp] at "
              "CONFIG:8");
    // The same value in both is no conflict (botocore compares values).
    auto same = profiles(std::string(k_session_config) + "[profile same]\nsso_session = corp\nsso_account_id = 1\n"
                                                         "sso_role_name = R\nsso_region = eu-central-1\n");
    EXPECT_EQ(settings_ok(same, "same").region, "eu-central-1");
}

TEST(SsoSettings, AnAccountOrRoleInTheSessionCountsAsTheProfilesOwn) {
    // botocore merges every key of the session into the profile's before it checks.
    auto set = profiles("[profile p]\nsso_session = s\nsso_role_name = R\n"
                        "[sso-session s]\nsso_start_url = https://s/start\nsso_region = r\nsso_account_id = 42\n");
    const SsoSettings sso = settings_ok(set, "p");
    EXPECT_EQ(sso.account_id, "42");
    EXPECT_EQ(sso.origins.at("sso_account_id"), "CONFIG:7");
}

TEST(SsoSettings, AMissingSessionSectionNamesTheProfileAndLine) {
    auto set = profiles("[profile p]\nregion = x\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = R\n"
                        "[profile nowhere]\nsso_start_url = u\n");
    EXPECT_EQ(settings_error(set, "p"),
              "profile 'p': sso_session 'nowhere' (CONFIG:3) has no [sso-session nowhere] section in CONFIG");
}

TEST(SsoSettings, MissingKeysAreNamedWithTheirSection) {
    auto set = profiles("[profile noacct]\nsso_session = s\n"
                        "[profile nourl]\nsso_session = bare\nsso_account_id = 1\nsso_role_name = R\n"
                        "[profile legacy]\nsso_start_url = https://x/start\nsso_account_id = 1\nsso_role_name = R\n"
                        "[sso-session s]\nsso_start_url = https://s/start\nsso_region = r\n"
                        "[sso-session bare]\nsso_registration_scopes = x\n");
    EXPECT_EQ(settings_error(set, "noacct"),
              "profile 'noacct': IAM Identity Center profile (CONFIG:1) has no sso_account_id and sso_role_name");
    EXPECT_EQ(settings_error(set, "nourl"),
              "profile 'nourl': [sso-session bare] (CONFIG:14) has no sso_start_url and sso_region");
    EXPECT_EQ(settings_error(set, "legacy"),
              "profile 'legacy': IAM Identity Center profile (CONFIG:7) has no sso_region (and no sso_session)");
}

TEST(SsoSettings, ForASignInAProfileNeedsNoAccountOrRole) {
    // `aws sso login --profile P` signs in with a profile that names only its session.
    auto set = profiles("[profile signin]\nsso_session = s\n"
                        "[profile nourl]\nsso_session = bare\n"
                        "[sso-session s]\nsso_start_url = https://s/start\nsso_region = eu-west-1\n"
                        "[sso-session bare]\nsso_registration_scopes = x\n");
    using awsume_shell::config::SsoUse;
    auto sso = sso_settings_of_profile(set, *set.find("signin"), SsoUse::sign_in);
    ASSERT_TRUE(sso) << sso.error().message;
    EXPECT_EQ(sso->start_url, "https://s/start");
    EXPECT_EQ(sso->profile, "signin");
    EXPECT_FALSE(sso->account_id);
    auto nourl = sso_settings_of_profile(set, *set.find("nourl"), SsoUse::sign_in);
    ASSERT_FALSE(nourl);
    EXPECT_EQ(nourl.error().message,
              "profile 'nourl': [sso-session bare] (CONFIG:8) has no sso_start_url and sso_region");
    EXPECT_FALSE(sso_settings_of_profile(set, *set.find("signin"))) << "role credentials need account and role";
}

TEST(SsoSettings, AnSsoRegionThatIsNoRegionNameIsNamedWithItsPlace) {
    // It becomes a host name: portal.sso.REGION.amazonaws.com.
    auto set = profiles("[profile p]\nsso_session = s\nsso_account_id = 1\nsso_role_name = R\n"
                        "[sso-session s]\nsso_start_url = https://s/start\nsso_region = evil.com/x\n");
    EXPECT_EQ(settings_error(set, "p"),
              "profile 'p': sso_region (CONFIG:7): region 'evil.com/x' is not an AWS region name (letters, digits "
              "and '-', such as eu-west-1)");
    auto login = sso_settings_of_session(set, "s");
    ASSERT_FALSE(login);
    EXPECT_EQ(login.error().message.rfind("sso_region (CONFIG:7): region 'evil.com/x'", 0), 0U) << login.error().message;
}

TEST(SsoSettings, AUrlOnlyInTheProfileDoesNotStandInForTheSessions) {
    // The AWS CLI's token provider reads sso_start_url and sso_region from the session section.
    auto set = profiles("[profile p]\nsso_session = s\nsso_start_url = https://s/start\nsso_region = r\n"
                        "sso_account_id = 1\nsso_role_name = R\n[sso-session s]\nsso_region = r\n");
    EXPECT_EQ(settings_error(set, "p"), "profile 'p': [sso-session s] (CONFIG:7) has no sso_start_url");
}

TEST(SsoSettings, SessionSectionsAreNamedAsBotocoreNamesThem) {
    auto set = profiles("[sso-session \"my corp\"]\nsso_start_url = https://a/start\nsso_region = r1\n"
                        "[sso-session twice]\nsso_start_url = https://first/start\nsso_region = r1\n"
                        "[sso-session  twice]\nsso_start_url = https://second/start\nsso_region = r2\n"
                        "[sso-session]\nsso_start_url = https://nameless/start\n"
                        "[sso-session a b]\nsso_start_url = https://three/start\n"
                        "[profile sso-session]\nsso_start_url = https://profile/start\n");
    ASSERT_NE(set.find_sso_session("my corp"), nullptr);
    EXPECT_EQ(set.find_sso_session("my corp")->get("sso_start_url"), "https://a/start");
    ASSERT_NE(set.find_sso_session("twice"), nullptr);
    EXPECT_EQ(set.find_sso_session("twice")->get("sso_start_url"), "https://second/start") << "the last wins whole";
    EXPECT_EQ(set.find_sso_session("twice")->origin(), "CONFIG:7");
    EXPECT_EQ(set.find_sso_session(""), nullptr);
    EXPECT_EQ(set.find_sso_session("a"), nullptr);
    EXPECT_EQ(set.find_sso_session("sso-session"), nullptr) << "a profile is no session";
    EXPECT_EQ(set.find("my corp"), nullptr) << "a session is no profile";
    EXPECT_EQ(set.find("\nmy corp"), nullptr) << "not even by its snapshot entry's name";
    EXPECT_EQ(set.names(), std::vector<std::string>{"sso-session"});
    // The credentials file's sections are literal profiles, never sessions.
    auto creds = profiles("", "[sso-session c]\nsso_start_url = https://c/start\nsso_region = r\n");
    EXPECT_EQ(creds.find_sso_session("c"), nullptr);
    EXPECT_NE(creds.find("sso-session c"), nullptr);
}

TEST(SsoSettings, ASessionAloneIsWhatLoginReads) {
    auto set = profiles(k_session_config);
    auto sso = sso_settings_of_session(set, "corp");
    ASSERT_TRUE(sso) << sso.error().message;
    EXPECT_EQ(sso->start_url, "https://corp.awsapps.com/start");
    EXPECT_EQ(sso->scopes.size(), 2U);
    EXPECT_EQ(sso->profile, "");
    EXPECT_FALSE(sso->account_id);
    EXPECT_EQ(sso->origin, "CONFIG:6");
    auto missing = sso_settings_of_session(set, "other");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "sso_session 'other' (--sso-session) has no [sso-session other] section in CONFIG");
}

TEST(SsoSettings, WhichProfilesAreSso) {
    auto set = profiles("[profile a]\nsso_session = s\n[profile b]\nsso_role_name = R\n[profile c]\nregion = x\n"
                        "[profile d]\nsso_session =\n");
    EXPECT_TRUE(is_sso_profile(*set.find("a")));
    EXPECT_TRUE(is_sso_profile(*set.find("b")));
    EXPECT_FALSE(is_sso_profile(*set.find("c")));
    EXPECT_FALSE(is_sso_profile(*set.find("d"))) << "an empty value is unset, as in botocore's chain";
}

TEST(SsoSettings, TheHopsSettingsGiveTheSameSettingsBack) {
    auto set = profiles(k_session_config);
    const SsoSettings sso = settings_ok(set, "dev");
    const auto settings = to_hop_settings(sso);
    EXPECT_EQ(settings.at("sso_session"), "corp");
    EXPECT_EQ(settings.at("sso_registration_scopes"), "sso:account:access,other:scope");
    EXPECT_EQ(settings.at("sso_start_url.origin"), "CONFIG:7");
    const SsoSettings back = sso_settings_of_hop(settings, "dev", "CONFIG:2");
    EXPECT_EQ(back.session_name, sso.session_name);
    EXPECT_EQ(back.start_url, sso.start_url);
    EXPECT_EQ(back.region, sso.region);
    EXPECT_EQ(back.scopes, sso.scopes);
    EXPECT_EQ(back.account_id, sso.account_id);
    EXPECT_EQ(back.role_name, sso.role_name);
    EXPECT_EQ(back.profile, sso.profile);
    EXPECT_EQ(back.origin, sso.origin);
    EXPECT_EQ(back.origins, sso.origins);
}
