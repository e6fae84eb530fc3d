"""Self-test of the fake metadata server: python3 -m unittest test_server (from this folder).

Runs the local STS server too: the credentials handed out must be ones it honours."""
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
STS_DIR = os.path.join(HERE, "..", "sts_server")
ACCOUNT = "111122223333"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/instance-role"
WORLD = {"accounts": {ACCOUNT: {"users": {}, "roles": {"instance-role": {"trust": []}}}}}


def start(args, tmp, name):
    port_file = os.path.join(tmp, name + ".port")
    proc = subprocess.Popen([sys.executable] + args + ["--port-file", port_file],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(200):
        if os.path.exists(port_file):
            with open(port_file) as f:
                return proc, int(f.read())
        time.sleep(0.025)
    proc.kill()
    raise RuntimeError(f"{name} did not start: {proc.stderr.read().decode()}")


class MetadataServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        world = os.path.join(cls.tmp.name, "world.json")
        with open(world, "w") as f:
            json.dump(WORLD, f)
        cls.sts, cls.sts_port = start([os.path.join(STS_DIR, "server.py"), "--world", world], cls.tmp.name, "sts")
        cls.log = os.path.join(cls.tmp.name, "metadata.log")
        cls.meta, cls.port = start([os.path.join(HERE, "server.py"), "--sts-url", f"http://127.0.0.1:{cls.sts_port}",
                                    "--role-arn", ROLE_ARN, "--ecs-token", "task-token-1", "--log", cls.log],
                                   cls.tmp.name, "metadata")

    @classmethod
    def tearDownClass(cls):
        for proc in (cls.meta, cls.sts):
            proc.terminate()
            proc.wait(10)
            proc.stderr.close()
        cls.tmp.cleanup()

    def setUp(self):
        self.admin("POST", "/_admin/mode", {"mode": "v2", "v1_status": 403, "ecs_token": "task-token-1"})
        self.admin("POST", "/_admin/reset-calls")

    def call(self, method, path, headers=None, port=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data.decode()

    def admin(self, method, path, payload=None):
        status, body = self.call(method, path, {"Content-Type": "application/json"},
                                 body=json.dumps(payload) if payload is not None else None)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def token(self, ttl="21600"):
        status, body = self.call("PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": ttl})
        self.assertEqual(status, 200)
        return body

    def sts_kind(self, access_key_id):
        status, body = self.call("GET", f"/_admin/credentials?access_key_id={access_key_id}", port=self.sts_port)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def test_v2_requires_a_token_with_a_bounded_ttl(self):
        for ttl in (None, "0", "21601", "abc", "-5"):
            headers = {} if ttl is None else {"X-aws-ec2-metadata-token-ttl-seconds": ttl}
            self.assertEqual(self.call("PUT", "/latest/api/token", headers)[0], 400, ttl)
        self.assertEqual(self.call("GET", "/latest/api/token")[0], 405)
        roles = "/latest/meta-data/iam/security-credentials/"
        self.assertEqual(self.call("GET", roles)[0], 401)
        self.assertEqual(self.call("GET", roles, {"X-aws-ec2-metadata-token": "made-up"})[0], 401)
        token = self.token()
        self.assertEqual(self.call("GET", roles, {"X-aws-ec2-metadata-token": token}), (200, "instance-role"))
        status, body = self.call("GET", roles + "instance-role", {"X-aws-ec2-metadata-token": token})
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual(doc["Code"], "Success")
        self.assertRegex(doc["Expiration"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        info = self.sts_kind(doc["AccessKeyId"])  # STS knows them: a role session of the role
        self.assertEqual((info["kind"], info["role_arn"]), ("role", ROLE_ARN))
        self.assertEqual(self.call("GET", roles + "other-role", {"X-aws-ec2-metadata-token": token})[0], 404)
        calls = self.admin("GET", "/_admin/calls")
        self.assertEqual(calls["by_path"]["GET " + roles], 3)
        self.assertEqual(calls["by_mode"]["v2"], 12)
        self.assertEqual(calls["denied"], 2)

    def test_tokens_expire(self):
        token = self.token(ttl="1")
        roles = "/latest/meta-data/iam/security-credentials/"
        self.assertEqual(self.call("GET", roles, {"X-aws-ec2-metadata-token": token})[0], 200)
        time.sleep(1.2)
        self.assertEqual(self.call("GET", roles, {"X-aws-ec2-metadata-token": token})[0], 401)
        token = self.token()
        self.admin("POST", "/_admin/expire-tokens")
        self.assertEqual(self.call("GET", roles, {"X-aws-ec2-metadata-token": token})[0], 401)

    def test_v1_refuses_the_put_as_chosen_and_serves_without_token(self):
        for status in (403, 404, 405):
            self.admin("POST", "/_admin/mode", {"mode": "v1", "v1_status": status})
            self.assertEqual(self.call("PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"})[0],
                             status)
            self.assertEqual(self.call("GET", "/latest/meta-data/iam/security-credentials/"),
                             (200, "instance-role"))
        self.assertEqual(self.admin("GET", "/_admin/calls")["by_mode"], {"v1": 6})
        self.assertEqual(self.call("POST", "/_admin/mode", body=json.dumps({"mode": "v3"}))[0], 400)

    def test_disabled_answers_nothing(self):
        self.admin("POST", "/_admin/mode", {"mode": "disabled"})
        self.assertEqual(self.call("PUT", "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "60"})[0], 404)
        self.assertEqual(self.call("GET", "/latest/meta-data/iam/security-credentials/")[0], 404)
        self.assertEqual(self.admin("GET", "/_admin/calls")["by_mode"], {"disabled": 2})

    def test_ecs_serves_its_path_to_its_token_only(self):
        status, body = self.call("GET", "/v2/credentials/task-1")
        self.assertEqual(status, 403)
        self.assertEqual(json.loads(body), {"code": "AccessDenied", "message": "Authorization token is missing"})
        status, body = self.call("GET", "/v2/credentials/task-1", {"Authorization": "task-token-2"})
        self.assertEqual((status, json.loads(body)["code"]), (403, "AccessDenied"))
        status, body = self.call("GET", "/v2/credentials/task-1", {"Authorization": "task-token-1"})
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual(sorted(doc), ["AccessKeyId", "Expiration", "RoleArn", "SecretAccessKey", "Token"])
        self.assertEqual(self.sts_kind(doc["AccessKeyId"])["kind"], "role")
        # Another path, good token or not: the agent's answer for an unknown credentials id.
        for path in ("/v2/credentials/task-2", "/any/path", "/"):
            status, body = self.call("GET", path, {"Authorization": "task-token-1"})
            self.assertEqual(status, 400, path)
            self.assertEqual(json.loads(body)["code"], "InvalidIdInRequest")
        self.assertEqual(self.call("PUT", "/v2/credentials/task-1", {"Authorization": "task-token-1"})[0], 405)
        calls = self.admin("GET", "/_admin/calls")
        self.assertEqual((calls["ecs"], calls["denied"]), (7, 2))

    def test_ecs_without_a_configured_token_refuses_everyone(self):
        self.admin("POST", "/_admin/mode", {"ecs_token": None})
        for headers in ({}, {"Authorization": "task-token-1"}, {"Authorization": ""}):
            status, body = self.call("GET", "/v2/credentials/task-1", headers)
            self.assertEqual((status, json.loads(body)["code"]), (403, "AccessDenied"), headers)

    def test_a_proxy_request_is_served_and_its_host_counted(self):
        status, _ = self.call("GET", "http://169.254.170.2/v2/credentials/task-1", {"Authorization": "task-token-1"})
        self.assertEqual(status, 200)
        calls = self.admin("GET", "/_admin/calls")
        self.assertEqual(calls["by_host"], {"169.254.170.2": 1})
        self.assertEqual(calls["by_path"], {"GET /v2/credentials/task-1": 1})

    def test_the_log_holds_no_secret(self):
        token = self.token()
        status, body = self.call("GET", "/latest/meta-data/iam/security-credentials/instance-role",
                                 {"X-aws-ec2-metadata-token": token})
        doc = json.loads(body)
        self.call("GET", "/v2/credentials/task-1", {"Authorization": "task-token-1"})
        with open(self.log) as f:
            log = f.read()
        self.assertIn("GET /latest/meta-data/iam/security-credentials/instance-role 200", log)
        for secret in (token, doc["SecretAccessKey"], doc["Token"], "task-token-1"):
            self.assertNotIn(secret, log)
        # ...and each is listed for the clients' leak checks.
        issued = self.admin("GET", "/_admin/issued")["secrets"]
        for secret in (token, doc["SecretAccessKey"], doc["Token"], "task-token-1"):
            self.assertIn(secret, issued)


if __name__ == "__main__":
    unittest.main()
