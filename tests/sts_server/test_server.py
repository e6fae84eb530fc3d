"""Self-test of the local STS/IAM server: python3 -m unittest test_server (from this folder)."""
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import totp  # noqa: E402

ACCOUNT = "111122223333"
OTHER = "444455556666"
STS_NS = "{https://sts.amazonaws.com/doc/2011-06-15/}"
IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"
SEEDS = {u: base64.b32encode(hashlib.sha1(u.encode()).digest()).decode() for u in
         ("alice", "bob", "carol", "dave", "erin", "frank", "gina")}


def user(name, with_mfa=True):
    body = {"access_keys": [{"id": f"AKIA{name.upper():0<16}"[:20], "secret": f"{name}/Secret+Key=="}]}
    if with_mfa:
        body["mfa_devices"] = [{"serial": f"arn:aws:iam::{ACCOUNT}:mfa/{name}", "seed_base32": SEEDS[name]}]
    return body


def akid(name):
    return f"AKIA{name.upper():0<16}"[:20]


WORLD = {
    "accounts": {
        ACCOUNT: {
            "users": {n: user(n) for n in SEEDS},
            "roles": {
                "admin": {"trust": [f"arn:aws:iam::{ACCOUNT}:user/alice", f"arn:aws:iam::{ACCOUNT}:user/carol",
                                    f"arn:aws:iam::{ACCOUNT}:user/dave", f"arn:aws:iam::{ACCOUNT}:user/erin",
                                    f"arn:aws:iam::{ACCOUNT}:user/frank", f"arn:aws:iam::{ACCOUNT}:user/gina"],
                          "require_mfa": True, "max_session_duration": 7200},
                "open": {"trust": [f"arn:aws:iam::{ACCOUNT}:root"], "max_session_duration": 3600},
                "ext": {"trust": [f"arn:aws:iam::{ACCOUNT}:root"], "external_id": "s3cr3t-ext"},
                "chained": {"trust": [f"arn:aws:iam::{ACCOUNT}:role/admin"], "require_mfa": True},
            }},
        OTHER: {"users": {}, "roles": {"cross": {"trust": [f"arn:aws:iam::{ACCOUNT}:user/bob"]}}},
    },
    "defaults": {"credential_lifetime": None},
}


def sign(method, host, service, region, creds, params, when=None, body_override=None,
         sign_token=True, query=None):
    """A small independent SigV4 signer (header form) for Query-protocol requests."""
    when = time.time() if when is None else when
    amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(when))
    body = urlencode(params).encode() if method == "POST" else b""
    headers = {"host": host, "x-amz-date": amz_date}
    if method == "POST":
        headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8"
    token = creds.get("token")
    if token and sign_token:
        headers["x-amz-security-token"] = token
    names = sorted(headers)
    cq = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(query.items())) \
        if query else ""
    creq = "\n".join([method, "/", cq, "".join(f"{n}:{headers[n]}\n" for n in names), ";".join(names),
                      hashlib.sha256(body).hexdigest()])
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()])
    key = ("AWS4" + creds["secret"]).encode()
    for part in (amz_date[:8], region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={creds['id']}/{scope}, "
                                f"SignedHeaders={';'.join(names)}, Signature={sig}")
    if token and not sign_token:
        headers["x-amz-security-token"] = token
    return headers, (body_override if body_override is not None else body)


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        world = os.path.join(cls.tmp, "world.json")
        with open(world, "w") as f:
            json.dump(WORLD, f)
        cls.port_file = os.path.join(cls.tmp, "port")
        cls.log = os.path.join(cls.tmp, "server.log")
        cls.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "--world", world,
                                     "--port-file", cls.port_file, "--log", cls.log])
        for _ in range(100):
            if os.path.exists(cls.port_file):
                break
            time.sleep(0.05)
        cls.port = int(open(cls.port_file).read())

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(10)

    def setUp(self):
        self.admin("POST", "/_admin/clear-faults")
        self.admin("POST", "/_admin/settings", {"credential_lifetime": None, "clock_offset": 0})

    # ------------------------------------------------------------ helpers
    def admin(self, method, path, payload=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, body=json.dumps(payload) if payload is not None else None)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return json.loads(data)

    def call(self, action, creds, service="sts", region="us-east-1", method="POST", extra=None, **kw):
        version = "2011-06-15" if service == "sts" else "2010-05-08"
        params = {"Action": action, "Version": version, **(extra or {})}
        host = f"127.0.0.1:{self.port}"
        query = params if method == "GET" else None
        headers, body = sign(method, host, service, region, creds, params, query=query, **kw)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        path = "/?" + urlencode(params, quote_via=quote) if method == "GET" else "/"
        conn.request(method, path, body=body or None, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data.decode()

    def ok(self, action, creds, ns=STS_NS, **kw):
        resp, body = self.call(action, creds, **kw)
        self.assertEqual(resp.status, 200, body)
        return ElementTree.fromstring(body).find(f"{ns}{action}Result")

    def err(self, action, creds, status, code, message=None, **kw):
        resp, body = self.call(action, creds, **kw)
        self.assertEqual(resp.status, status, body)
        root = ElementTree.fromstring(body)
        ns = root.tag[:root.tag.index("}") + 1]
        self.assertEqual(root.find(f"{ns}Error/{ns}Code").text, code, body)
        if message is not None:
            self.assertEqual(root.find(f"{ns}Error/{ns}Message").text, message)
        self.assertTrue(root.find(f"{ns}RequestId").text)
        return body

    @staticmethod
    def long_term(name):
        return {"id": akid(name), "secret": f"{name}/Secret+Key=="}

    @staticmethod
    def temp(result):
        c = result.find(f"{STS_NS}Credentials")
        return {"id": c.find(f"{STS_NS}AccessKeyId").text, "secret": c.find(f"{STS_NS}SecretAccessKey").text,
                "token": c.find(f"{STS_NS}SessionToken").text}

    @staticmethod
    def code(name, offset=0):
        return totp.code_at(SEEDS[name], time.time(), offset)

    def mfa_session(self, name, offset=0):
        res = self.ok("GetSessionToken", self.long_term(name), extra={
            "SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/{name}", "TokenCode": self.code(name, offset)})
        return self.temp(res)

    # ------------------------------------------------------------ SigV4
    def test_good_signature_passes_and_xml_shape(self):
        resp, body = self.call("GetCallerIdentity", self.long_term("bob"))
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "text/xml")
        self.assertTrue(resp.getheader("x-amzn-RequestId"))
        self.assertTrue(resp.getheader("Date"))
        root = ElementTree.fromstring(body)
        self.assertEqual(root.tag, f"{STS_NS}GetCallerIdentityResponse")
        self.assertEqual(root.find(f"{STS_NS}GetCallerIdentityResult/{STS_NS}Arn").text,
                         f"arn:aws:iam::{ACCOUNT}:user/bob")
        self.assertTrue(root.find(f"{STS_NS}ResponseMetadata/{STS_NS}RequestId").text)

    def test_get_with_query_string(self):
        res = self.ok("GetCallerIdentity", self.long_term("bob"), method="GET")
        self.assertEqual(res.find(f"{STS_NS}Account").text, ACCOUNT)

    def test_tampered_requests_fail(self):
        creds = self.long_term("bob")
        msg = ("The request signature we calculated does not match the signature you provided. Check your "
               "AWS Secret Access Key and signing method. Consult the service documentation for details.")
        self.err("GetCallerIdentity", {**creds, "secret": "wrong"}, 403, "SignatureDoesNotMatch", msg)
        self.err("GetCallerIdentity", creds, 403, "SignatureDoesNotMatch", msg,
                 body_override=b"Action=GetCallerIdentity&Version=2011-06-15&X=1")
        self.err("GetCallerIdentity", creds, 403, "SignatureDoesNotMatch",
                 "Credential should be scoped to a valid region. ", region="nowhere")
        self.err("GetCallerIdentity", {**creds, "id": "AKIAUNKNOWN000000000"}, 403, "InvalidClientTokenId",
                 "The security token included in the request is invalid.")

    def test_missing_authorization(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("POST", "/", body="Action=GetCallerIdentity&Version=2011-06-15",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        body = resp.read().decode()
        conn.close()
        self.assertEqual(resp.status, 403)
        self.assertIn("<Code>MissingAuthenticationToken</Code>", body)

    def test_clock_skew_and_date_header(self):
        self.admin("POST", "/_admin/settings", {"clock_offset": 900})
        body = self.err("GetCallerIdentity", self.long_term("bob"), 403, "SignatureDoesNotMatch")
        self.assertRegex(body, r"Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z "
                               r"\(\d{8}T\d{6}Z - 5 min\.\)")
        resp, _ = self.call("GetCallerIdentity", self.long_term("bob"), when=time.time() + 900)
        self.assertEqual(resp.status, 200)
        server_date = time.mktime(time.strptime(resp.getheader("Date"), "%a, %d %b %Y %H:%M:%S GMT"))
        self.assertAlmostEqual(server_date - time.mktime(time.gmtime()), 900, delta=5)
        self.admin("POST", "/_admin/settings", {"clock_offset": -900})
        body = self.err("GetCallerIdentity", self.long_term("bob"), 403, "SignatureDoesNotMatch")
        self.assertIn("Signature not yet current:", body)

    def test_wrong_scope(self):
        self.err("GetUser", self.long_term("bob"), 403, "SignatureDoesNotMatch", service="iam",
                 region="eu-west-1")
        self.err("GetUser", self.long_term("bob"), 400, "InvalidAction",
                 "Could not find operation GetUser for version 2011-06-15")
        self.err("Nope", self.long_term("bob"), 400, "InvalidAction")

    # ------------------------------------------------------------ temporary credentials
    def test_session_token_rules(self):
        session = self.mfa_session("carol")
        self.ok("GetCallerIdentity", session)
        self.err("GetCallerIdentity", {**session, "token": None}, 403, "InvalidClientTokenId")
        self.err("GetCallerIdentity", {**session, "token": session["token"][:-4] + "AAAA"}, 403,
                 "InvalidClientTokenId")
        self.err("GetCallerIdentity", session, 403, "SignatureDoesNotMatch", sign_token=False)
        self.err("GetSessionToken", session, 403, "AccessDenied",
                 "Cannot call GetSessionToken with session credentials")
        info = self.admin("GET", f"/_admin/credentials?access_key_id={session['id']}")
        self.assertEqual(info["kind"], "session")
        self.assertTrue(info["mfa"])

    def test_expired_credentials(self):
        self.admin("POST", "/_admin/settings", {"credential_lifetime": 1})
        res = self.ok("GetSessionToken", self.long_term("bob"), extra={"DurationSeconds": "900"})
        creds = self.temp(res)
        time.sleep(1.5)
        self.err("GetCallerIdentity", creds, 403, "ExpiredToken",
                 "The security token included in the request is expired")

    def test_duration_validation(self):
        self.err("GetSessionToken", self.long_term("bob"), 400, "ValidationError",
                 "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                 "Member must have value greater than or equal to 900", extra={"DurationSeconds": "899"})
        self.err("GetSessionToken", self.long_term("bob"), 400, "ValidationError",
                 extra={"DurationSeconds": "129601"})
        self.err("AssumeRole", self.long_term("bob"), 400, "ValidationError",
                 "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: "
                 r"Member must satisfy regular expression pattern: [\w+=,.@-]*",
                 extra={"RoleArn": f"arn:aws:iam::{ACCOUNT}:role/open", "RoleSessionName": "a b"})

    # ------------------------------------------------------------ TOTP
    def test_totp_replay_rejected(self):
        code = self.code("dave")
        extra = {"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/dave", "TokenCode": code}
        self.ok("GetSessionToken", self.long_term("dave"), extra=extra)
        self.err("GetSessionToken", self.long_term("dave"), 403, "AccessDenied",
                 "MultiFactorAuthentication failed with invalid MFA one time pass code. ", extra=extra)
        wrong = f"{(int(code) + 1) % 1000000:06d}"
        self.err("GetSessionToken", self.long_term("dave"), 403, "AccessDenied",
                 extra={**extra, "TokenCode": wrong})
        self.err("GetSessionToken", self.long_term("dave"), 403, "AccessDenied",
                 extra={**extra, "SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/alice"})

    # ------------------------------------------------------------ AssumeRole
    def test_trust_denied(self):
        role = f"arn:aws:iam::{ACCOUNT}:role/admin"
        self.err("AssumeRole", self.long_term("bob"), 403, "AccessDenied",
                 f"User: arn:aws:iam::{ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on "
                 f"resource: {role}", extra={"RoleArn": role, "RoleSessionName": "s"*2})
        missing = f"arn:aws:iam::{ACCOUNT}:role/nope"
        self.err("AssumeRole", self.long_term("bob"), 403, "AccessDenied",
                 extra={"RoleArn": missing, "RoleSessionName": "s1"})
        res = self.ok("AssumeRole", self.long_term("bob"), extra={
            "RoleArn": f"arn:aws:iam::{OTHER}:role/cross", "RoleSessionName": "xy"})
        self.assertEqual(res.find(f"{STS_NS}AssumedRoleUser/{STS_NS}Arn").text,
                         f"arn:aws:sts::{OTHER}:assumed-role/cross/xy")
        self.assertTrue(res.find(f"{STS_NS}Credentials/{STS_NS}AccessKeyId").text.startswith("ASIA"))

    def test_require_mfa_and_chaining_cap(self):
        role = f"arn:aws:iam::{ACCOUNT}:role/admin"
        base = {"RoleArn": role, "RoleSessionName": "erin"}
        self.err("AssumeRole", self.long_term("erin"), 403, "AccessDenied", extra=base)
        session = self.mfa_session("erin")
        self.err("AssumeRole", session, 400, "ValidationError",
                 "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role "
                 "chaining.", extra={**base, "DurationSeconds": "7200"})
        res = self.ok("AssumeRole", session, extra={**base, "DurationSeconds": "3600"})
        role_creds = self.temp(res)
        ident = self.ok("GetCallerIdentity", role_creds)
        self.assertEqual(ident.find(f"{STS_NS}Arn").text, f"arn:aws:sts::{ACCOUNT}:assumed-role/admin/erin")
        # the MFA of the role session satisfies the next role's MFA condition
        self.ok("AssumeRole", role_creds, extra={"RoleArn": f"arn:aws:iam::{ACCOUNT}:role/chained",
                                                 "RoleSessionName": "next"})
        self.err("AssumeRole", role_creds, 400, "ValidationError", extra={
            "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/chained", "RoleSessionName": "n", "DurationSeconds": "3601"})
        # long-term keys + code: up to the role's MaxSessionDuration, not more (own users: no replay clash)
        for name, duration in (("frank", "7200"), ("gina", "7201")):
            extra = {**base, "SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/{name}", "DurationSeconds": duration,
                     "TokenCode": self.code(name)}
            if duration == "7200":
                self.ok("AssumeRole", self.long_term(name), extra=extra)
            else:
                self.err("AssumeRole", self.long_term(name), 400, "ValidationError",
                         "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                         extra=extra)

    def test_external_id(self):
        base = {"RoleArn": f"arn:aws:iam::{ACCOUNT}:role/ext", "RoleSessionName": "e"*3}
        self.err("AssumeRole", self.long_term("bob"), 403, "AccessDenied", extra=base)
        self.err("AssumeRole", self.long_term("bob"), 403, "AccessDenied", extra={**base, "ExternalId": "nope"})
        res = self.ok("AssumeRole", self.long_term("bob"), extra={**base, "ExternalId": "s3cr3t-ext"})
        exp = res.find(f"{STS_NS}Credentials/{STS_NS}Expiration").text
        self.assertRegex(exp, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    # ------------------------------------------------------------ IAM
    def test_iam_virtual_mfa_lifecycle(self):
        creds = self.long_term("bob")
        res = self.ok("CreateVirtualMFADevice", creds, ns=IAM_NS, service="iam",
                      extra={"VirtualMFADeviceName": "bob-phone"})
        dev = res.find(f"{IAM_NS}VirtualMFADevice")
        serial = dev.find(f"{IAM_NS}SerialNumber").text
        seed = base64.b64decode(dev.find(f"{IAM_NS}Base32StringSeed").text).decode()
        self.assertEqual(serial, f"arn:aws:iam::{ACCOUNT}:mfa/bob-phone")
        listed = {d["serial"]: d for d in self.admin("GET", "/_admin/mfa-devices")}
        self.assertEqual(listed[serial]["seed_base32"], seed)
        self.err("CreateVirtualMFADevice", creds, 409, "EntityAlreadyExists", service="iam",
                 extra={"VirtualMFADeviceName": "bob-phone"})
        now = time.time()
        enable = {"UserName": "bob", "SerialNumber": serial}
        self.err("EnableMFADevice", creds, 403, "InvalidAuthenticationCode",
                 "Authentication code for device is not valid.", service="iam",
                 extra={**enable, "AuthenticationCode1": totp.code_at(seed, now),
                        "AuthenticationCode2": totp.code_at(seed, now)})
        self.ok("EnableMFADevice", creds, ns=IAM_NS, service="iam",
                extra={**enable, "AuthenticationCode1": totp.code_at(seed, now, -1),
                       "AuthenticationCode2": totp.code_at(seed, now)})
        devices = self.ok("ListMFADevices", creds, ns=IAM_NS, service="iam")
        self.assertIn(serial, [m.text for m in devices.iter(f"{IAM_NS}SerialNumber")])
        self.err("DeleteVirtualMFADevice", creds, 409, "DeleteConflict", service="iam",
                 extra={"SerialNumber": serial})
        self.ok("CreateVirtualMFADevice", creds, ns=IAM_NS, service="iam",
                extra={"VirtualMFADeviceName": "bob-tmp"})
        self.ok("DeleteVirtualMFADevice", creds, ns=IAM_NS, service="iam",
                extra={"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/bob-tmp"})
        self.err("DeleteVirtualMFADevice", creds, 404, "NoSuchEntity", service="iam",
                 extra={"SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/bob-tmp"})
        user = self.ok("GetUser", creds, ns=IAM_NS, service="iam")
        self.assertEqual(user.find(f"{IAM_NS}User/{IAM_NS}UserName").text, "bob")

    def test_iam_with_role_session(self):
        res = self.ok("AssumeRole", self.long_term("bob"), extra={
            "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/open", "RoleSessionName": "ro"})
        self.err("GetUser", self.temp(res), 400, "ValidationError",
                 "Must specify userName when calling with non-User credentials", service="iam")

    # ------------------------------------------------------------ faults and counters
    def test_faults_and_counters(self):
        self.admin("POST", "/_admin/reset-calls")
        self.admin("POST", "/_admin/faults", [{"action": "GetCallerIdentity", "kind": "throttle", "count": 2},
                                              {"action": "*", "kind": "503", "count": 1}])
        creds = self.long_term("bob")
        self.err("GetCallerIdentity", creds, 400, "Throttling", "Rate exceeded")
        self.err("GetCallerIdentity", creds, 400, "Throttling")
        self.err("GetSessionToken", creds, 503, "ServiceUnavailable")
        self.ok("GetCallerIdentity", creds)
        self.admin("POST", "/_admin/faults", [{"action": "GetCallerIdentity", "kind": "500"},
                                              {"action": "GetCallerIdentity", "kind": "malformed"}])
        body = self.err("GetCallerIdentity", creds, 500, "InternalFailure")
        self.assertIn("<Type>Receiver</Type>", body)
        resp, body = self.call("GetCallerIdentity", creds)
        self.assertEqual(resp.status, 200)
        self.assertRaises(ElementTree.ParseError, ElementTree.fromstring, body)
        calls = self.admin("GET", "/_admin/calls")
        self.assertEqual(calls, {"GetCallerIdentity": 1, "faults_injected": 5})
        log = self.admin("GET", "/_admin/log")
        self.assertEqual([e["code"] for e in log][:3], ["Throttling", "Throttling", "ServiceUnavailable"])
        with open(self.log) as f:
            self.assertNotIn("Secret", f.read())

    def test_issued_role_credentials_are_honoured(self):
        # What the SSO portal and metadata fakes mint: a role session STS accepts.
        issued = self.admin("POST", "/_admin/issue-role-credentials",
                            {"role_arn": f"arn:aws:iam::{ACCOUNT}:role/admin", "session_name": "sso-user",
                             "duration": 900})
        creds = {"id": issued["AccessKeyId"], "secret": issued["SecretAccessKey"], "token": issued["SessionToken"]}
        result = self.ok("GetCallerIdentity", creds)
        self.assertEqual(result.find(f"{STS_NS}Arn").text,
                         f"arn:aws:sts::{ACCOUNT}:assumed-role/admin/sso-user")
        self.assertAlmostEqual(issued["Expiration"], time.time() + 900, delta=5)
        # A chain from it: role/chained trusts role/admin (and needs MFA: refused without).
        self.err("AssumeRole", creds, 403, "AccessDenied",
                 extra={"RoleArn": f"arn:aws:iam::{ACCOUNT}:role/chained", "RoleSessionName": "xy"})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("POST", "/_admin/issue-role-credentials", body=json.dumps({"role_arn": "arn:aws:iam::1:role/x"}))
        self.assertEqual(conn.getresponse().status, 404)
        conn.close()

    def test_deep_and_huge_faults(self):
        self.admin("POST", "/_admin/faults", [{"action": "GetCallerIdentity", "kind": "deep", "depth": 100},
                                              {"action": "GetCallerIdentity", "kind": "huge", "bytes": 3000000}])
        resp, body = self.call("GetCallerIdentity", self.long_term("bob"))
        self.assertEqual(resp.status, 200)
        self.assertTrue(body.startswith("<GetCallerIdentityResponse>" + "<a>" * 100 + "</a>"), body[:200])
        resp, body = self.call("GetCallerIdentity", self.long_term("bob"))
        self.assertEqual(resp.status, 200)
        self.assertEqual(len(body), 3000000)

    def test_hang_does_not_block_others(self):
        self.admin("POST", "/_admin/faults", [{"action": "GetSessionToken", "kind": "hang", "seconds": 2}])
        started = time.time()
        done = {}
        t = threading.Thread(target=lambda: done.update(r=self.call("GetSessionToken", self.long_term("bob"))))
        t.start()
        time.sleep(0.2)
        self.ok("GetCallerIdentity", self.long_term("bob"))
        self.assertLess(time.time() - started, 1.5)
        t.join()
        self.assertGreaterEqual(time.time() - started, 2)
        self.assertEqual(done["r"][0].status, 200)

    # ------------------------------------------------------------ the real AWS CLI
    @unittest.skipUnless(os.path.exists("/usr/bin/aws"), "no /usr/bin/aws")
    def test_aws_cli(self):
        env = dict(os.environ, AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   AWS_ACCESS_KEY_ID=akid("bob"), AWS_SECRET_ACCESS_KEY="bob/Secret+Key==")
        env.pop("AWS_PROFILE", None)
        env.pop("AWS_SESSION_TOKEN", None)
        cmd = ["/usr/bin/aws", "--endpoint-url", f"http://127.0.0.1:{self.port}", "--region", "us-east-1",
               "sts", "get-caller-identity", "--output", "json"]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["Arn"], f"arn:aws:iam::{ACCOUNT}:user/bob")
        env["AWS_SECRET_ACCESS_KEY"] = "wrong"
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("SignatureDoesNotMatch", out.stderr)


if __name__ == "__main__":
    unittest.main()
