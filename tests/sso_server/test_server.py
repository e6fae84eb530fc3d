"""Self-test of the local IAM Identity Center server: python3 -m unittest test_server (from this
folder). Real HTTP against the real server process, which mints role credentials at a real
local STS server (tests/sts_server); AWS's own botocore and CLI check the wire format."""
import hashlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
STS_DIR = os.path.join(HERE, "..", "sts_server")
ACCOUNT = "111122223333"
OTHER = "444455556666"
START = "https://example.awsapps.com/start"
OTHER_START = "https://other.awsapps.com/start/"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
AWS_CLI = "/usr/bin/aws"

SSO_WORLD = {"start_urls": {
    START: {"user": "alice@example.com",
            "assignments": [{"account_id": ACCOUNT, "role_name": "admin"},
                            {"account_id": ACCOUNT, "role_name": "readonly"},
                            {"account_id": OTHER, "role_name": "admin"}]},
    OTHER_START: {"assignments": []}},
    "accounts": {ACCOUNT: {"name": "main", "email": "main@example.com"}}}
STS_WORLD = {"accounts": {
    ACCOUNT: {"users": {}, "roles": {"admin": {"trust": []}, "readonly": {"trust": []},
                                     "deep": {"trust": [f"arn:aws:iam::{ACCOUNT}:role/admin"]}}},
    OTHER: {"users": {}, "roles": {"admin": {"trust": []}}}}}


def start(script, world, tmp, name, *extra):
    path = os.path.join(tmp, f"{name}.json")
    with open(path, "w") as f:
        json.dump(world, f)
    port_file = os.path.join(tmp, f"{name}.port")
    proc = subprocess.Popen([sys.executable, script, "--world", path, "--port-file", port_file,
                             "--log", os.path.join(tmp, f"{name}.log"), *extra])
    for _ in range(200):
        if os.path.exists(port_file):
            break
        time.sleep(0.05)
    with open(port_file) as f:
        return proc, int(f.read())


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.sts, cls.sts_port = start(os.path.join(STS_DIR, "server.py"), STS_WORLD, cls.tmp, "sts")
        cls.proc, cls.port = start(os.path.join(HERE, "server.py"), SSO_WORLD, cls.tmp, "sso",
                                   "--sts-url", f"http://127.0.0.1:{cls.sts_port}")
        cls.defaults = cls.admin("GET", "/_admin/settings")[1]

    @classmethod
    def tearDownClass(cls):
        for proc in (cls.proc, cls.sts):
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.admin("POST", "/_admin/clear-faults")
        self.admin("POST", "/_admin/settings", self.defaults)

    # ------------------------------------------------------------ helpers
    @classmethod
    def http(cls, method, path, body=None, headers=None, port=None):
        conn = http.client.HTTPConnection("127.0.0.1", port or cls.port, timeout=30)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    @classmethod
    def admin(cls, method, path, payload=None, port=None):
        resp, data = cls.http(method, path, json.dumps(payload) if payload is not None else None, port=port)
        return resp.status, json.loads(data)

    def post(self, path, payload, content_type="application/json", host=None):
        headers = {"Content-Type": content_type}
        if host:
            headers["Host"] = host
        resp, data = self.http("POST", path, json.dumps(payload), headers)
        return resp, json.loads(data)

    def ok(self, path, payload):
        resp, body = self.post(path, payload)
        self.assertEqual(resp.status, 200, body)
        return body

    def oidc_error(self, path, payload, status, name, oauth, **kw):
        resp, body = self.post(path, payload, **kw)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (status, name), body)
        self.assertEqual(body["error"], oauth)
        self.assertTrue(body["error_description"])
        return body

    def register(self, scopes=("sso:account:access",)):
        payload = {"clientName": "test", "clientType": "public"}
        if scopes:
            payload["scopes"] = list(scopes)
        return self.ok("/client/register", payload)

    def start_device(self, client, start_url=START):
        return self.ok("/device_authorization", {"clientId": client["clientId"],
                                                 "clientSecret": client["clientSecret"], "startUrl": start_url})

    def poll(self, client, device):
        return self.post("/token", {"clientId": client["clientId"], "clientSecret": client["clientSecret"],
                                    "grantType": DEVICE_GRANT, "deviceCode": device["deviceCode"]})

    def poll_error(self, client, device, name, oauth):
        resp, body = self.poll(client, device)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (400, name), body)
        self.assertEqual(body["error"], oauth)

    def refresh(self, client, refresh_token):
        return self.post("/token", {"clientId": client["clientId"], "clientSecret": client["clientSecret"],
                                    "grantType": "refresh_token", "refreshToken": refresh_token})

    def approve(self, device):
        status, out = self.admin("POST", "/_admin/approve", {"user_code": device["userCode"]})
        self.assertEqual(status, 200, out)

    def device_entry(self, device):
        return next(d for d in self.admin("GET", "/_admin/device-authorizations")[1]
                    if d["user_code"] == device["userCode"])

    def login(self, scopes=("sso:account:access",)):
        client = self.register(scopes)
        device = self.start_device(client)
        self.approve(device)
        resp, token = self.poll(client, device)
        self.assertEqual(resp.status, 200, token)
        return client, token

    def issue(self, start_url=START, **kw):
        status, out = self.admin("POST", "/_admin/issue-token", {"start_url": start_url, **kw})
        self.assertEqual(status, 200, out)
        return out

    def portal(self, path, token=None, **query):
        headers = {"x-amz-sso_bearer_token": token} if token is not None else {}
        resp, data = self.http("GET", path + ("?" + urlencode(query) if query else ""), headers=headers)
        return resp, json.loads(data)

    def portal_error(self, status, name, message, path, token=None, **query):
        resp, body = self.portal(path, token, **query)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (status, name), body)
        self.assertEqual(body, {"message": message})

    def role_credentials(self, token, account=ACCOUNT, role="admin"):
        resp, body = self.portal("/federation/credentials", token, role_name=role, account_id=account)
        self.assertEqual(resp.status, 200, body)
        return body["roleCredentials"]

    def calls(self):
        return self.admin("GET", "/_admin/calls")[1]

    # ------------------------------------------------------------ RegisterClient
    def test_register_client(self):
        before = time.time()
        client = self.register()
        self.assertEqual(set(client), {"clientId", "clientSecret", "clientIdIssuedAt", "clientSecretExpiresAt"})
        self.assertAlmostEqual(client["clientSecretExpiresAt"], before + 90 * 86400, delta=5)
        self.assertAlmostEqual(client["clientIdIssuedAt"], before, delta=5)
        self.assertNotEqual(self.register()["clientId"], client["clientId"])

    def test_register_client_needs_name_and_public_type(self):
        for payload in ({"clientType": "public"}, {"clientName": "x"},
                        {"clientName": "x", "clientType": "confidential"}, {"clientName": 5, "clientType": "public"}):
            self.oidc_error("/client/register", payload, 400, "InvalidRequestException", "invalid_request")
        self.oidc_error("/client/register", {"clientName": "x", "clientType": "public", "scopes": "sso"},
                        400, "InvalidScopeException", "invalid_scope")

    def test_oidc_body_must_be_json(self):
        payload = {"clientName": "x", "clientType": "public"}
        self.oidc_error("/client/register", payload, 400, "InvalidRequestException", "invalid_request",
                        content_type="application/x-www-form-urlencoded")
        resp, data = self.http("POST", "/client/register", b"{not json", {"Content-Type": "application/json"})
        self.assertEqual((resp.status, json.loads(data)["error"]), (400, "invalid_request"))

    # ------------------------------------------------------------ StartDeviceAuthorization
    def test_device_authorization(self):
        client = self.register()
        before = len(self.admin("GET", "/_admin/device-authorizations")[1])
        # The region is the client's business: any Host is served.
        resp, device = self.post("/device_authorization",
                                 {"clientId": client["clientId"], "clientSecret": client["clientSecret"],
                                  "startUrl": START}, host="oidc.eu-west-1.amazonaws.com")
        self.assertEqual(resp.status, 200, device)
        self.assertRegex(device["userCode"], r"^[A-Z]{4}-[A-Z]{4}$")
        self.assertEqual((device["expiresIn"], device["interval"]), (600, 1))
        self.assertEqual(device["verificationUri"], f"http://127.0.0.1:{self.port}/device")
        self.assertEqual(device["verificationUriComplete"], device["verificationUri"] + "?user_code="
                         + device["userCode"])
        self.assertGreater(len(device["deviceCode"]), 32)
        self.assertEqual(len(self.admin("GET", "/_admin/device-authorizations")[1]), before + 1)
        self.assertEqual(self.device_entry(device)["status"], "pending")

    def test_device_authorization_checks_client_and_start_url(self):
        client = self.register()
        base = {"clientId": client["clientId"], "clientSecret": client["clientSecret"], "startUrl": START}
        self.oidc_error("/device_authorization", {**base, "clientSecret": "wrong"}, 401,
                        "InvalidClientException", "invalid_client")
        self.oidc_error("/device_authorization", {**base, "clientId": "unknown"}, 401,
                        "InvalidClientException", "invalid_client")
        self.oidc_error("/device_authorization", {**base, "startUrl": "https://nobody.awsapps.com/start"}, 400,
                        "InvalidRequestException", "invalid_request")
        self.oidc_error("/device_authorization", {"clientId": client["clientId"],
                                                  "clientSecret": client["clientSecret"]},
                        400, "InvalidRequestException", "invalid_request")

    def test_expired_client_registration_is_refused(self):
        self.admin("POST", "/_admin/settings", {"client_lifetime": 0})
        client = self.register()
        self.oidc_error("/device_authorization", {"clientId": client["clientId"],
                                                  "clientSecret": client["clientSecret"], "startUrl": START},
                        401, "InvalidClientException", "invalid_client")

    def test_settings_shape_device_authorization(self):
        self.admin("POST", "/_admin/settings", {"interval": 7, "device_expires_in": 30})
        device = self.start_device(self.register())
        self.assertEqual((device["interval"], device["expiresIn"]), (7, 30))
        status, out = self.admin("POST", "/_admin/settings", {"no_such_setting": 1})
        self.assertEqual(status, 400, out)

    # ------------------------------------------------------------ CreateToken, device grant
    def test_pending_until_approved_then_single_use(self):
        client = self.register()
        device = self.start_device(client)
        self.poll_error(client, device, "AuthorizationPendingException", "authorization_pending")
        time.sleep(1.1)
        self.poll_error(client, device, "AuthorizationPendingException", "authorization_pending")
        self.approve(device)
        time.sleep(1.1)
        before = time.time()
        resp, token = self.poll(client, device)
        self.assertEqual(resp.status, 200, token)
        self.assertEqual(token["tokenType"], "Bearer")
        self.assertEqual(token["expiresIn"], 28800)
        self.assertTrue(token["accessToken"] and token["refreshToken"])
        self.assertEqual(self.device_entry(device)["status"], "used")
        time.sleep(1.1)
        self.poll_error(client, device, "InvalidGrantException", "invalid_grant")
        # The token works at the portal until its expiresIn.
        creds = self.role_credentials(token["accessToken"])
        self.assertAlmostEqual(creds["expiration"] / 1000, before + 3600, delta=10)

    def test_slow_down_when_polled_within_interval_and_interval_grows(self):
        client = self.register()
        device = self.start_device(client)
        self.poll_error(client, device, "AuthorizationPendingException", "authorization_pending")
        self.poll_error(client, device, "SlowDownException", "slow_down")
        self.assertEqual(self.device_entry(device)["interval"], 6)
        time.sleep(1.2)  # enough for the old interval, not for interval + 5
        self.poll_error(client, device, "SlowDownException", "slow_down")
        self.admin("POST", "/_admin/settings", {"slow_down_increment": 0})
        self.approve(device)
        self.poll_error(client, device, "SlowDownException", "slow_down")  # still within 11 s
        calls = self.calls()
        self.assertGreaterEqual(calls["CreateToken:SlowDownException"], 3)

    def test_device_code_expires(self):
        self.admin("POST", "/_admin/settings", {"device_expires_in": 1})
        client = self.register()
        device = self.start_device(client)
        time.sleep(1.2)
        status, _ = self.admin("POST", "/_admin/approve", {"user_code": device["userCode"]})
        self.assertEqual(status, 404)
        self.poll_error(client, device, "ExpiredTokenException", "expired_token")
        self.assertEqual(self.device_entry(device)["status"], "expired")

    def test_denied(self):
        client = self.register()
        device = self.start_device(client)
        status, out = self.admin("POST", "/_admin/deny", {})  # the latest pending one
        self.assertEqual((status, out["user_code"]), (200, device["userCode"]))
        self.poll_error(client, device, "AccessDeniedException", "access_denied")

    def test_device_code_of_another_client_or_unknown(self):
        client, other = self.register(), self.register()
        device = self.start_device(client)
        self.approve(device)
        self.poll_error(other, device, "InvalidGrantException", "invalid_grant")
        self.poll_error(client, {"deviceCode": "nonsense"}, "InvalidGrantException", "invalid_grant")
        resp, body = self.poll({**client, "clientSecret": "wrong"}, device)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (401, "InvalidClientException"))
        resp, body = self.post("/token", {"clientId": client["clientId"], "clientSecret": client["clientSecret"],
                                          "grantType": "password"})
        self.assertEqual((resp.status, body["error"]), (400, "unsupported_grant_type"))

    def test_no_refresh_token_without_scopes(self):
        _, token = self.login(scopes=())
        self.assertNotIn("refreshToken", token)
        self.assertTrue(token["accessToken"])

    def test_token_lifetime_setting(self):
        self.admin("POST", "/_admin/settings", {"token_lifetime": 1})
        _, token = self.login()
        self.assertEqual(token["expiresIn"], 1)
        self.role_credentials(token["accessToken"])
        time.sleep(1.1)
        self.portal_error(401, "UnauthorizedException", "Session token not found or invalid",
                          "/federation/credentials", token["accessToken"], role_name="admin", account_id=ACCOUNT)

    def test_browser_approval_and_auto_approval(self):
        client = self.register()
        device = self.start_device(client)
        path = device["verificationUriComplete"].split(str(self.port), 1)[1]
        resp, _ = self.http("GET", path)
        self.assertEqual(resp.status, 200)
        self.assertEqual(self.poll(client, device)[0].status, 200)
        self.assertEqual(self.http("GET", "/device?user_code=NOPE-NOPE")[0].status, 404)
        self.admin("POST", "/_admin/settings", {"auto_approve_after_polls": 1})
        device = self.start_device(client)
        self.poll_error(client, device, "AuthorizationPendingException", "authorization_pending")
        time.sleep(1.1)
        self.assertEqual(self.poll(client, device)[0].status, 200)

    def test_parallel_starts_are_counted(self):
        client = self.register()
        before = len(self.admin("GET", "/_admin/device-authorizations")[1])
        threads = [threading.Thread(target=self.start_device, args=(client,)) for _ in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(self.admin("GET", "/_admin/device-authorizations")[1]), before + 10)

    # ------------------------------------------------------------ CreateToken, refresh grant
    def test_refresh_rotates_and_old_refresh_token_is_spent(self):
        client, token = self.login()
        resp, fresh = self.refresh(client, token["refreshToken"])
        self.assertEqual(resp.status, 200, fresh)
        self.assertNotEqual(fresh["accessToken"], token["accessToken"])
        self.assertNotEqual(fresh["refreshToken"], token["refreshToken"])
        self.role_credentials(fresh["accessToken"])
        resp, body = self.refresh(client, token["refreshToken"])
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType"), body["error"]),
                         (400, "InvalidGrantException", "invalid_grant"))
        self.assertEqual(self.refresh(client, fresh["refreshToken"])[0].status, 200)

    def test_refresh_refused_when_revoked_unknown_or_wrong_client(self):
        client, token = self.login()
        other = self.register()
        self.assertEqual(self.refresh(other, token["refreshToken"])[1]["error"], "invalid_grant")
        self.assertEqual(self.refresh(client, "unknown")[1]["error"], "invalid_grant")
        resp, body = self.refresh({**client, "clientSecret": "wrong"}, token["refreshToken"])
        self.assertEqual((resp.status, body["error"]), (401, "invalid_client"))
        status, out = self.admin("POST", "/_admin/revoke-refresh-tokens", {"start_url": START})
        self.assertGreaterEqual(out["revoked"], 1)
        self.assertEqual(self.refresh(client, token["refreshToken"])[1]["error"], "invalid_grant")

    # ------------------------------------------------------------ portal
    def test_issue_token_gives_a_working_session(self):
        issued = self.issue()
        self.assertEqual(set(issued), {"accessToken", "refreshToken", "expiresIn", "expiresAt", "clientId",
                                       "clientSecret", "registrationExpiresAt", "startUrl"})
        self.assertAlmostEqual(issued["expiresAt"], time.time() + 28800, delta=10)
        self.role_credentials(issued["accessToken"])
        client = {"clientId": issued["clientId"], "clientSecret": issued["clientSecret"]}
        self.assertEqual(self.refresh(client, issued["refreshToken"])[0].status, 200)
        nearly = self.issue(expires_in=60)
        self.assertAlmostEqual(nearly["expiresAt"], time.time() + 60, delta=5)
        expired = self.issue(expires_in=0)
        self.portal_error(401, "UnauthorizedException", "Session token not found or invalid",
                          "/federation/credentials", expired["accessToken"], role_name="admin", account_id=ACCOUNT)
        self.assertIsNone(self.issue(scopes=[])["refreshToken"])
        self.assertEqual(self.admin("POST", "/_admin/issue-token", {"start_url": "https://x"})[0], 404)

    def test_portal_unauthorized_forbidden_and_bad_request(self):
        token = self.issue()["accessToken"]
        msg = "Session token not found or invalid"
        self.portal_error(401, "UnauthorizedException", msg, "/federation/credentials",
                          role_name="admin", account_id=ACCOUNT)
        self.portal_error(401, "UnauthorizedException", msg, "/federation/credentials", "bogus",
                          role_name="admin", account_id=ACCOUNT)
        self.portal_error(403, "ForbiddenException", "No access", "/federation/credentials", token,
                          role_name="deep", account_id=ACCOUNT)
        self.portal_error(403, "ForbiddenException", "No access", "/federation/credentials", token,
                          role_name="readonly", account_id=OTHER)
        self.portal_error(403, "ForbiddenException", "No access", "/federation/credentials",
                          self.issue(OTHER_START)["accessToken"], role_name="admin", account_id=ACCOUNT)
        resp, body = self.portal("/federation/credentials", token, role_name="admin")
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (400, "InvalidRequestException"))
        status, out = self.admin("POST", "/_admin/expire-access-tokens", {"start_url": START})
        self.assertGreaterEqual(out["expired"], 1)
        self.portal_error(401, "UnauthorizedException", msg, "/federation/credentials", token,
                          role_name="admin", account_id=ACCOUNT)

    def test_clock_offset_expires_tokens(self):
        token = self.issue()["accessToken"]
        self.admin("POST", "/_admin/settings", {"clock_offset": 28801})
        self.portal_error(401, "UnauthorizedException", "Session token not found or invalid",
                          "/federation/credentials", token, role_name="admin", account_id=ACCOUNT)

    def test_minted_credentials_are_the_sts_servers(self):
        creds = self.role_credentials(self.issue()["accessToken"])
        status, info = self.admin("GET", f"/_admin/credentials?access_key_id={creds['accessKeyId']}",
                                  port=self.sts_port)
        self.assertEqual(status, 200, info)
        self.assertEqual((info["kind"], info["role_arn"], info["session_name"]),
                         ("role", f"arn:aws:iam::{ACCOUNT}:role/admin", "alice@example.com"))
        self.assertEqual(info["expires"] * 1000, creds["expiration"])

    @unittest.skipUnless(os.access(AWS_CLI, os.X_OK), "needs the AWS CLI")
    def test_aws_cli_uses_minted_credentials_and_chains_a_role(self):
        issued = self.issue()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.tmp,
               "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
               "AWS_REGION": "eu-west-1", "AWS_PAGER": ""}
        out = subprocess.run([AWS_CLI, "sso", "get-role-credentials", "--access-token", issued["accessToken"],
                              "--account-id", ACCOUNT, "--role-name", "admin",
                              "--endpoint-url", f"http://127.0.0.1:{self.port}", "--output", "json"],
                             env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        rc = json.loads(out.stdout)["roleCredentials"]
        env.update(AWS_ACCESS_KEY_ID=rc["accessKeyId"], AWS_SECRET_ACCESS_KEY=rc["secretAccessKey"],
                   AWS_SESSION_TOKEN=rc["sessionToken"], AWS_ENDPOINT_URL_STS=f"http://127.0.0.1:{self.sts_port}")
        sts = [AWS_CLI, "sts", "--output", "json", "--endpoint-url", f"http://127.0.0.1:{self.sts_port}"]
        out = subprocess.run(sts + ["get-caller-identity"], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["Arn"],
                         f"arn:aws:sts::{ACCOUNT}:assumed-role/admin/alice@example.com")
        out = subprocess.run(sts + ["assume-role", "--role-arn", f"arn:aws:iam::{ACCOUNT}:role/deep",
                                    "--role-session-name", "chain"], env=env, capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("assumed-role/deep/chain", out.stdout)

    def test_list_accounts_and_roles_paginate(self):
        token = self.issue()["accessToken"]
        resp, first = self.portal("/assignment/accounts", token, max_result=1)
        self.assertEqual(resp.status, 200, first)
        self.assertEqual(first["accountList"], [{"accountId": ACCOUNT, "accountName": "main",
                                                 "emailAddress": "main@example.com"}])
        resp, second = self.portal("/assignment/accounts", token, max_result=1, next_token=first["nextToken"])
        self.assertEqual([a["accountId"] for a in second["accountList"]], [OTHER])
        self.assertNotIn("nextToken", second)
        resp, roles = self.portal("/assignment/roles", token, account_id=ACCOUNT)
        self.assertEqual(roles, {"roleList": [{"roleName": "admin", "accountId": ACCOUNT},
                                              {"roleName": "readonly", "accountId": ACCOUNT}]})
        resp, body = self.portal("/assignment/accounts", token, next_token="garbage!")
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (400, "InvalidRequestException"))
        self.portal_error(401, "UnauthorizedException", "Session token not found or invalid",
                          "/assignment/roles", "bogus", account_id=ACCOUNT)

    def test_logout_ends_the_session(self):
        token = self.issue()["accessToken"]
        resp, _ = self.http("POST", "/logout", headers={"x-amz-sso_bearer_token": token})
        self.assertEqual(resp.status, 200)
        self.portal_error(401, "UnauthorizedException", "Session token not found or invalid",
                          "/federation/credentials", token, role_name="admin", account_id=ACCOUNT)

    # ------------------------------------------------------------ admin, faults, log
    def test_calls_log_and_reset(self):
        self.admin("POST", "/_admin/reset-calls")
        client, token = self.login()
        self.refresh(client, token["refreshToken"])
        self.portal("/federation/credentials", "bogus", role_name="admin", account_id=ACCOUNT)
        calls = self.calls()
        self.assertEqual({k: calls.get(k) for k in ("RegisterClient", "StartDeviceAuthorization", "CreateToken",
                                                     "CreateToken:device_code", "CreateToken:refresh_token",
                                                     "GetRoleCredentials",
                                                     "GetRoleCredentials:UnauthorizedException")},
                         {"RegisterClient": 1, "StartDeviceAuthorization": 1, "CreateToken": 2,
                          "CreateToken:device_code": 1, "CreateToken:refresh_token": 1,
                          "GetRoleCredentials": 1, "GetRoleCredentials:UnauthorizedException": 1})
        log = self.admin("GET", "/_admin/log")[1]
        self.assertEqual([e["operation"] for e in log], ["RegisterClient", "StartDeviceAuthorization",
                                                         "CreateToken", "CreateToken", "GetRoleCredentials"])
        self.assertEqual(log[-1]["code"], "UnauthorizedException")
        self.admin("POST", "/_admin/reset-calls")
        self.assertEqual(self.calls(), {"faults_injected": 0})
        # The log file names operations and codes, never a secret.
        with open(os.path.join(self.tmp, "sso.log")) as f:
            text = f.read()
        self.assertRegex(text, r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ CreateToken 200 OK")
        for secret in (client["clientSecret"], token["accessToken"], token["refreshToken"]):
            self.assertNotIn(secret, text)
            self.assertNotIn(secret[-20:], json.dumps(log))

    def test_faults(self):
        self.admin("POST", "/_admin/reset-calls")
        self.admin("POST", "/_admin/faults", [{"operation": "CreateToken", "kind": "500"},
                                              {"operation": "GetRoleCredentials", "kind": "throttle"}])
        client = self.register()
        device = self.start_device(client)
        resp, body = self.poll(client, device)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (500, "InternalServerException"))
        resp, body = self.portal("/federation/credentials", "x", role_name="admin", account_id=ACCOUNT)
        self.assertEqual((resp.status, resp.getheader("x-amzn-ErrorType")), (429, "TooManyRequestsException"))
        self.poll_error(client, device, "AuthorizationPendingException", "authorization_pending")
        calls = self.calls()
        self.assertEqual((calls["faults_injected"], calls["CreateToken"], calls.get("GetRoleCredentials")),
                         (2, 1, None))
        self.admin("POST", "/_admin/faults", {"operation": "RegisterClient", "kind": "malformed"})
        resp, data = self.http("POST", "/client/register", b"{}", {"Content-Type": "application/json"})
        self.assertEqual(resp.status, 200)
        self.assertRaises(ValueError, json.loads, data)

    def test_error_type_suffix(self):
        self.admin("POST", "/_admin/settings", {"error_type_suffix": ":http://internal.amazon.com/coral/x/"})
        resp, _ = self.portal("/federation/credentials", "bogus", role_name="admin", account_id=ACCOUNT)
        self.assertEqual(resp.getheader("x-amzn-ErrorType"), "UnauthorizedException:http://internal.amazon.com/coral/x/")

    def test_ctl(self):
        ctl = [sys.executable, os.path.join(HERE, "ctl.py"), str(self.port)]
        issued = json.loads(subprocess.check_output(ctl + ["issue-token", START, "120"]))
        self.assertAlmostEqual(issued["expiresAt"], time.time() + 120, delta=5)
        self.start_device(self.register())
        before = int(subprocess.check_output(ctl + ["device-count"]))
        device = self.start_device(self.register())
        self.assertEqual(int(subprocess.check_output(ctl + ["device-count"])), before + 1)
        out = json.loads(subprocess.check_output(ctl + ["approve"]))
        self.assertEqual(out["user_code"], device["userCode"])
        self.assertGreaterEqual(int(subprocess.check_output(ctl + ["calls", "StartDeviceAuthorization"])), 1)

    # ------------------------------------------------------------ AWS's own client
    def botocore_python(self):
        """Debian's python3 with the botocore its awscli bundles, else ours with botocore."""
        python = next((p for p in ("/usr/bin/python3", sys.executable) if os.path.exists(p) and subprocess.run(
            [p, "-c", "import importlib.util as u, sys; sys.exit(not (u.find_spec('botocore') or "
                      "u.find_spec('awscli') and u.find_spec('awscli.botocore')))"],
            capture_output=True).returncode == 0), None)
        if python is None:
            self.skipTest("needs botocore (Debian's awscli bundles one)")
        return python

    def test_aws_cli_login_loop_gets_a_token_and_writes_its_cache(self):
        """botocore's SSOTokenFetcher (the AWS CLI's `sso login`) through the whole device flow:
        its browser's visit approves, its poll loop copes with the server's interval rules, the
        token it caches has the fields write_sso_token_cache (lib.sh) writes and works."""
        python = self.botocore_python()
        cache_dir = tempfile.mkdtemp(dir=self.tmp)
        slow_before = self.calls().get("CreateToken:SlowDownException", 0)
        out = subprocess.run([python, os.path.join(HERE, "botocore_check.py"), str(self.port), START, "--login",
                              "my-sso", cache_dir], capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        seen = json.loads(out.stdout)
        self.assertEqual(len(seen["browser"]), 1)
        self.assertTrue(seen["has_refresh"])
        # botocore polls once at once, and again right after its browser callback: that second
        # poll comes within the interval, gets the one slow_down, and botocore then waits
        # interval + 5 s as the server expects (no second slow_down).
        self.assertLessEqual(self.calls().get("CreateToken:SlowDownException", 0) - slow_before, 1)
        status = next(d["status"] for d in self.admin("GET", "/_admin/device-authorizations")[1]
                      if d["user_code"] == seen["browser"][0])
        self.assertEqual(status, "used")
        with open(os.path.join(cache_dir, hashlib.sha1(b"my-sso").hexdigest() + ".json")) as f:
            cache = json.load(f)
        self.assertEqual(sorted(cache), ["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken",
                                         "region", "registrationExpiresAt", "startUrl"])
        self.assertEqual((cache["startUrl"], cache["region"]), (START, "eu-west-1"))
        self.role_credentials(cache["accessToken"])

    def test_botocore_clients_speak_to_the_server(self):
        """botocore's sso-oidc and sso clients parse answers and errors as AWS's."""
        python = self.botocore_python()
        out = subprocess.run([python, os.path.join(HERE, "botocore_check.py"), str(self.port), START, ACCOUNT,
                              "admin"], capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        seen = json.loads(out.stdout)
        self.assertTrue(seen["registered"])
        # The body's modeled members too: botocore hands on {"error": "authorization_pending"}.
        self.assertEqual(seen["pending"], {"code": "AuthorizationPendingException", "status": 400,
                                           "oauth": "authorization_pending",
                                           "class": "AuthorizationPendingException"})
        self.assertTrue(seen["slow_down_is_modeled"])
        self.assertEqual((seen["token_type"], seen["has_refresh"], seen["refreshed"]), ("Bearer", True, True))
        self.assertEqual(seen["reused"]["code"], "InvalidGrantException")
        self.assertEqual((seen["bad_client"]["code"], seen["bad_client"]["status"]), ("InvalidClientException", 401))
        self.assertTrue(re.match(r"^ASIA[A-Z0-9]{16}$", seen["access_key_id"]))
        self.assertAlmostEqual(seen["expiration_ms"] / 1000, time.time() + 3600, delta=60)
        self.assertEqual((seen["forbidden"]["code"], seen["forbidden"]["status"]), ("ForbiddenException", 403))
        self.assertEqual(seen["unauthorized"]["class"], "UnauthorizedException")
        self.assertEqual(seen["accounts"], [ACCOUNT, OTHER])


if __name__ == "__main__":
    unittest.main()
