#include "awsume_shell/config/profile_resolver.hpp"

#include <gtest/gtest.h>

#include "awsume_shell/config/aws_files.hpp"

using awsume_shell::Errc;
using awsume_shell::config::HopKind;
using awsume_shell::config::parse_profiles;
using awsume_shell::config::ProfileSet;
using awsume_shell::config::resolve_profile;
using awsume_shell::config::ResolvedChain;

namespace {

ProfileSet profiles(std::string_view config, std::string_view credentials = "") {
    auto set = parse_profiles(config, "CONFIG", credentials, "CREDS");
    EXPECT_TRUE(set) << (set ? "" : set.error().message);
    return set ? *set : ProfileSet{};
}

ResolvedChain resolve_ok(const ProfileSet& set, const std::string& name) {
    auto chain = resolve_profile(set, name);
    EXPECT_TRUE(chain) << (chain ? "" : chain.error().message);
    return chain ? *chain : ResolvedChain{};
}

std::string resolve_error(const ProfileSet& set, const std::string& name) {
    auto chain = resolve_profile(set, name);
    EXPECT_FALSE(chain);
    if (chain) {
        return "";
    }
    EXPECT_EQ(chain.error().code, Errc::config);
    return chain.error().message;
}

constexpr const char* k_user = "[user]\naws_access_key_id = AKIAUSER\naws_secret_access_key = secret;#x\n"
                               "mfa_serial = arn:aws:iam::1:mfa/u\n";

}  // namespace

TEST(ResolveProfile, StaticKeysWithTokenAndMfa) {
    auto set = profiles("", std::string(k_user) + "aws_session_token = TOKEN\n");
    auto chain = resolve_ok(set, "user");
    ASSERT_EQ(chain.hops.size(), 1u);
    EXPECT_EQ(chain.hops[0].kind, HopKind::static_keys);
    EXPECT_EQ(chain.hops[0].profile, "user");
    EXPECT_EQ(chain.hops[0].static_credentials.access_key_id, "AKIAUSER");
    EXPECT_EQ(chain.hops[0].static_credentials.secret_access_key, "secret;#x");
    EXPECT_EQ(chain.hops[0].static_credentials.session_token, "TOKEN");
    EXPECT_FALSE(chain.hops[0].static_credentials.expiration);
    EXPECT_EQ(chain.hops[0].mfa_serial, "arn:aws:iam::1:mfa/u");
}

TEST(ResolveProfile, RoleOverUserWithSettingsFromTheRequestedProfile) {
    auto set = profiles("[profile prod]\nrole_arn = arn:aws:iam::2:role/admin\nsource_profile = user\n"
                        "region = eu-west-1\nexternal_id = ext\nduration_seconds = 3600\n"
                        "role_session_name = me\nendpoint_url = http://127.0.0.1:1\nca_bundle = /ca\n"
                        "[profile user]\nregion = us-east-1\n",
                        k_user);
    auto chain = resolve_ok(set, "prod");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].kind, HopKind::static_keys);
    EXPECT_EQ(chain.hops[0].mfa_serial, "arn:aws:iam::1:mfa/u");
    const auto& role = chain.hops[1];
    EXPECT_EQ(role.kind, HopKind::assume_role);
    EXPECT_EQ(role.profile, "prod");
    EXPECT_EQ(role.role_arn, "arn:aws:iam::2:role/admin");
    EXPECT_EQ(role.external_id, "ext");
    EXPECT_EQ(role.duration_seconds, 3600);
    EXPECT_EQ(role.role_session_name, "me");
    EXPECT_EQ(role.mfa_serial, std::nullopt);
    EXPECT_EQ(role.origin, "CONFIG:2");
    EXPECT_EQ(chain.region, "eu-west-1");
    EXPECT_EQ(chain.endpoint_url, "http://127.0.0.1:1");
    EXPECT_EQ(chain.ca_bundle, "/ca");
}

TEST(ResolveProfile, RoleArnWinsOverKeysInTheSameProfile) {
    auto set = profiles("[profile r]\nrole_arn = arn:r\nsource_profile = user\n",
                        std::string(k_user) + "[r]\naws_access_key_id = OWN\naws_secret_access_key = own\n");
    auto chain = resolve_ok(set, "r");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].static_credentials.access_key_id, "AKIAUSER");
}

TEST(ResolveProfile, ChainOfFourInOrder) {
    auto set = profiles("[profile a]\nrole_arn = arn:a\nsource_profile = b\nmfa_serial = mfa-a\n"
                        "[profile b]\nrole_arn = arn:b\nsource_profile = c\n"
                        "[profile c]\nrole_arn = arn:c\nsource_profile = user\n",
                        k_user);
    auto chain = resolve_ok(set, "a");
    ASSERT_EQ(chain.hops.size(), 4u);
    EXPECT_EQ(chain.hops[0].profile, "user");
    EXPECT_EQ(chain.hops[1].role_arn, "arn:c");
    EXPECT_EQ(chain.hops[2].role_arn, "arn:b");
    EXPECT_EQ(chain.hops[3].role_arn, "arn:a");
    EXPECT_EQ(chain.hops[3].mfa_serial, "mfa-a");
}

TEST(ResolveProfile, SourceWithKeysIsUsedForItsKeysEvenWithARole) {
    auto set = profiles("[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
                        "[profile b]\nrole_arn = arn:b\nsource_profile = nowhere\n",
                        "[b]\naws_access_key_id = KB\naws_secret_access_key = SB\n");
    auto chain = resolve_ok(set, "a");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].static_credentials.access_key_id, "KB");
}

TEST(ResolveProfile, SelfSourceUsesItsOwnKeys) {
    auto set = profiles("[profile me]\nrole_arn = arn:me\nsource_profile = me\n",
                        "[me]\naws_access_key_id = KM\naws_secret_access_key = SM\n");
    auto chain = resolve_ok(set, "me");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].kind, HopKind::static_keys);
    EXPECT_EQ(chain.hops[0].static_credentials.access_key_id, "KM");
    EXPECT_EQ(chain.hops[1].role_arn, "arn:me");
}

TEST(ResolveProfile, SelfSourceWithoutKeysIsAnError) {
    auto set = profiles("[profile me]\nrole_arn = arn:me\nsource_profile = me\n");
    EXPECT_EQ(resolve_error(set, "me"),
              "profile 'me' names itself as source_profile (CONFIG:3) but has no aws_access_key_id / "
              "aws_secret_access_key");
}

TEST(ResolveProfile, CycleNamesTheWholeCycle) {
    auto set = profiles("[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
                        "[profile b]\nrole_arn = arn:b\nsource_profile = c\n"
                        "[profile c]\nrole_arn = arn:c\nsource_profile = a\n");
    // Named where the loop closes: c's source_profile (line 9).
    EXPECT_EQ(resolve_error(set, "a"),
              "CONFIG:9: profile cycle: a -> b -> c -> a (source_profile of 'c')");
}

TEST(ResolveProfile, MissingSourceNamesItAndWhereItWasReferenced) {
    auto set = profiles("[profile a]\nrole_arn = arn:a\nsource_profile = usr\n", k_user);
    EXPECT_EQ(resolve_error(set, "a"), "source_profile 'usr' (CONFIG:3) not found; did you mean 'user'?");
}

TEST(ResolveProfile, MissingProfileSuggestsNames) {
    auto set = profiles("[profile prod]\ncredential_process = x\n[profile dev]\ncredential_process = y\n");
    EXPECT_EQ(resolve_error(set, "prodd"), "profile 'prodd' not found in CONFIG and CREDS; did you mean 'prod'?");
    EXPECT_EQ(resolve_error(set, "zzzzzzz"), "profile 'zzzzzzz' not found in CONFIG and CREDS");
}

TEST(ResolveProfile, BothOrNeitherSourceIsAnError) {
    auto set = profiles("[profile both]\nrole_arn = arn:x\nsource_profile = user\ncredential_source = Environment\n"
                        "[profile neither]\nrole_arn = arn:y\n",
                        k_user);
    EXPECT_EQ(resolve_error(set, "both"),
              "profile 'both' has both source_profile (CONFIG:3) and credential_source (CONFIG:4); keep one");
    EXPECT_EQ(resolve_error(set, "neither"),
              "profile 'neither' has role_arn (CONFIG:6) but neither source_profile nor credential_source");
}

TEST(ResolveProfile, CredentialSourceValues) {
    auto set = profiles("[profile env]\nrole_arn = arn:e\ncredential_source = Environment\n"
                        "[profile ec2]\nrole_arn = arn:e\ncredential_source = Ec2InstanceMetadata\n"
                        "ec2_metadata_service_endpoint = http://127.0.0.1:9\nec2_metadata_v1_disabled = true\n"
                        "[profile ecs]\nrole_arn = arn:e\ncredential_source = EcsContainer\n"
                        "[profile bad]\nrole_arn = arn:e\ncredential_source = environment\n");
    auto chain = resolve_ok(set, "env");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].kind, HopKind::environment);
    EXPECT_EQ(chain.hops[0].profile, "env");  // named in its errors
    auto ec2 = resolve_ok(set, "ec2");
    EXPECT_EQ(ec2.hops[0].kind, "ec2_instance_metadata");
    EXPECT_EQ(ec2.hops[0].origin, "CONFIG:6");
    EXPECT_EQ(ec2.hops[0].settings.at("ec2_metadata_service_endpoint"), "http://127.0.0.1:9");
    EXPECT_EQ(ec2.hops[0].settings.at("ec2_metadata_service_endpoint.origin"), "CONFIG:7");
    EXPECT_EQ(ec2.hops[0].settings.at("ec2_metadata_v1_disabled"), "true");
    EXPECT_EQ(ec2.hops[0].settings.count("ec2_metadata_service_endpoint_mode"), 0u);
    auto ecs = resolve_ok(set, "ecs");
    EXPECT_EQ(ecs.hops[0].kind, "ecs_container");
    EXPECT_EQ(ecs.hops[0].profile, "ecs");
    EXPECT_EQ(ecs.hops[1].role_arn, "arn:e");
    EXPECT_EQ(resolve_error(set, "bad"),
              "invalid credential_source 'environment' (CONFIG:14): expected Environment, Ec2InstanceMetadata or "
              "EcsContainer");
}

TEST(ResolveProfile, CredentialProcessAsProfileAndAsSource) {
    auto set = profiles("[profile proc]\ncredential_process = /bin/get-creds --x\n"
                        "[profile role]\nrole_arn = arn:r\nsource_profile = proc\n");
    auto own = resolve_ok(set, "proc");
    ASSERT_EQ(own.hops.size(), 1u);
    EXPECT_EQ(own.hops[0].kind, HopKind::credential_process);
    EXPECT_EQ(own.hops[0].command, "/bin/get-creds --x");
    auto chain = resolve_ok(set, "role");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].kind, HopKind::credential_process);
    EXPECT_EQ(chain.hops[0].profile, "proc");
}

TEST(ResolveProfile, SsoNothingUsableAndHalfKeysAreErrors) {
    auto set = profiles("[profile sso]\nsso_session = corp\nsso_account_id = 1\n"
                        "[profile empty]\nregion = x\n"
                        "[profile role]\nrole_arn = arn:r\nsource_profile = half\n",
                        "[half]\naws_access_key_id = K\n");
    EXPECT_EQ(resolve_error(set, "sso"),
              "profile 'sso': sso_session 'corp' (CONFIG:2) has no [sso-session corp] section in CONFIG");
    EXPECT_EQ(resolve_error(set, "empty"),
              "profile 'empty' (CONFIG:4) has no credentials: set aws_access_key_id and aws_secret_access_key, "
              "role_arn with source_profile, credential_process, or sso_session (IAM Identity Center)");
    EXPECT_EQ(resolve_error(set, "half"), "profile 'half' has aws_access_key_id (CREDS:2) but no aws_secret_access_key");
    EXPECT_EQ(resolve_error(set, "role"), "profile 'half' has aws_access_key_id (CREDS:2) but no aws_secret_access_key");
}

constexpr const char* k_sso =
    "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n"  // 1-4
    "[sso-session corp]\nsso_start_url = https://corp/start\nsso_region = eu-central-1\n"      // 5-7
    "sso_registration_scopes = sso:account:access\n"                                            // 8
    "[profile admin]\nrole_arn = arn:aws:iam::444455556666:role/admin\nsource_profile = sso\n"  // 9-11
    "[profile legacy]\nsso_start_url = https://old/start\nsso_region = us-east-1\n"            // 12-14
    "sso_account_id = 1\nsso_role_name = R\n";

TEST(ResolveProfile, AnSsoProfileIsAnSsoHopWithItsSessionsSettings) {
    auto set = profiles(k_sso);
    auto chain = resolve_ok(set, "sso");
    ASSERT_EQ(chain.hops.size(), 1u);
    const auto& hop = chain.hops[0];
    EXPECT_EQ(hop.kind, "sso");
    EXPECT_EQ(hop.profile, "sso");
    EXPECT_EQ(hop.origin, "CONFIG:2");
    EXPECT_EQ(hop.settings.at("sso_session"), "corp");
    EXPECT_EQ(hop.settings.at("sso_start_url"), "https://corp/start");
    EXPECT_EQ(hop.settings.at("sso_start_url.origin"), "CONFIG:6");
    EXPECT_EQ(hop.settings.at("sso_region"), "eu-central-1");
    EXPECT_EQ(hop.settings.at("sso_registration_scopes"), "sso:account:access");
    EXPECT_EQ(hop.settings.at("sso_account_id"), "111122223333");
    EXPECT_EQ(hop.settings.at("sso_role_name"), "Dev");
    auto legacy = resolve_ok(set, "legacy");
    ASSERT_EQ(legacy.hops.size(), 1u);
    EXPECT_EQ(legacy.hops[0].kind, "sso");
    EXPECT_EQ(legacy.hops[0].origin, "CONFIG:13");
    EXPECT_EQ(legacy.hops[0].settings.count("sso_session"), 0u);
}

TEST(ResolveProfile, AnSsoRoleComesBeforeKeysAndProcessAsInBotocore) {
    // botocore's profile providers: SSO (a profile naming sso_account_id or sso_role_name),
    // then the keys, then credential_process. A profile that only names its session (to sign
    // in) gives way to the keys it holds.
    auto set = profiles(std::string(k_sso) +
                            "[profile both]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n"  // 16-19
                            "credential_process = /bin/creds\n"                                               // 20
                            "[profile signin-keys]\nsso_session = corp\n",                                     // 21-22
                        "[both]\naws_access_key_id = K\naws_secret_access_key = S\n"
                        "[signin-keys]\naws_access_key_id = K2\naws_secret_access_key = S2\n");
    auto both = resolve_ok(set, "both");
    ASSERT_EQ(both.hops.size(), 1u);
    EXPECT_EQ(both.hops[0].kind, "sso");
    auto keys = resolve_ok(set, "signin-keys");
    ASSERT_EQ(keys.hops.size(), 1u);
    EXPECT_EQ(keys.hops[0].kind, HopKind::static_keys);
}

TEST(ResolveProfile, ASourceWithKeysAndAnSsoRoleIsUsedForItsOwnSourcesSsoFirst) {
    // botocore: a source profile with static keys is resolved by its profile providers
    // (SSO first), not through its role_arn; a profile naming itself does the same.
    auto set = profiles(std::string(k_sso) +
                            "[profile mixed]\nrole_arn = arn:aws:iam::1:role/m\nsso_session = corp\n"
                            "sso_account_id = 1\nsso_role_name = R\n"
                            "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mixed\n"
                            "[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n"
                            "sso_session = corp\nsso_account_id = 1\nsso_role_name = R\n",
                        "[mixed]\naws_access_key_id = K\naws_secret_access_key = S\n"
                        "[self]\naws_access_key_id = K\naws_secret_access_key = S\n");
    auto top = resolve_ok(set, "top");
    ASSERT_EQ(top.hops.size(), 2u);
    EXPECT_EQ(top.hops[0].kind, "sso");
    EXPECT_EQ(top.hops[0].profile, "mixed");
    EXPECT_EQ(top.hops[1].role_arn, "arn:aws:iam::1:role/top");
    auto self = resolve_ok(set, "self");
    ASSERT_EQ(self.hops.size(), 2u);
    EXPECT_EQ(self.hops[0].kind, "sso");
    EXPECT_EQ(self.hops[1].role_arn, "arn:aws:iam::1:role/self");
}

TEST(ResolveProfile, AnSsoProfileIsTheSourceOfARoleChain) {
    auto set = profiles(k_sso);
    auto chain = resolve_ok(set, "admin");
    ASSERT_EQ(chain.hops.size(), 2u);
    EXPECT_EQ(chain.hops[0].kind, "sso");
    EXPECT_EQ(chain.hops[0].profile, "sso");
    EXPECT_EQ(chain.hops[0].settings.at("sso_role_name"), "Dev");
    EXPECT_EQ(chain.hops[1].kind, HopKind::assume_role);
    EXPECT_EQ(chain.hops[1].role_arn, "arn:aws:iam::444455556666:role/admin");
    // A broken SSO source is the role's error too, naming the SSO profile.
    auto broken = profiles(std::string(k_sso) + "[profile clash]\nsso_session = corp\nsso_account_id = 1\n"
                                                "sso_role_name = R\nsso_start_url = https://other/start\n"
                                                "[profile via-clash]\nrole_arn = arn:aws:iam::1:role/x\n"
                                                "source_profile = clash\n");
    EXPECT_EQ(resolve_error(broken, "via-clash"),
              "profile 'clash': sso_start_url is 'https://other/start' at CONFIG:21 but 'https://corp/start' in "
              "[sso-session corp] at CONFIG:6");
}

TEST(ResolveProfile, BadDurationSecondsNamesFileAndLine) {
    auto set = profiles("[profile r]\nrole_arn = arn:r\nsource_profile = user\nduration_seconds = 1h\n", k_user);
    EXPECT_EQ(resolve_error(set, "r"), "duration_seconds '1h' (CONFIG:4) is not a positive whole number of seconds");
}

TEST(ResolveProfileArn, RoleArnThatIsNoArnIsAConfigErrorWithFileAndLine) {
    auto set = awsume_shell::config::parse_profiles(
        "[profile bad]\nrole_arn = not-an-arn\nsource_profile = bad\naws_access_key_id = A\n"
        "aws_secret_access_key = S\n",
        "cfg", "", "creds");
    ASSERT_TRUE(set) << set.error().message;
    auto chain = awsume_shell::config::resolve_profile(*set, "bad");
    ASSERT_FALSE(chain);
    EXPECT_EQ(chain.error().code, awsume_shell::Errc::config);
    EXPECT_NE(chain.error().message.find("cfg:2"), std::string::npos) << chain.error().message;
}
