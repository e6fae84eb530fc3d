#!/usr/bin/env python3
"""Fake EC2 instance metadata service (IMDS) and ECS container credentials endpoint.

python3 server.py --port-file PORTFILE --sts-url URL --role-arn ARN [--mode v2|v1|disabled]
                  [--v1-status 403|404|405] [--ecs-token TOKEN] [--ecs-path PATH] [--log LOGFILE]
                  [--host ADDRESS] [--port PORT]

Strict as the real services are: in v2 mode every GET needs a live session token got by a PUT
with a TTL header of 1..21600 s; the ECS endpoint serves its one path, to the one token. The credentials are minted by the local STS server
(POST /_admin/issue-role-credentials), so a following AssumeRole with them works.
"""
import argparse
import json
import os
import secrets
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sts_server"))
import serving  # noqa: E402  (the life of a test server: log, port file, SIGTERM)

TOKEN_PATH = "/latest/api/token"
ROLES_PATH = "/latest/meta-data/iam/security-credentials/"
MODES = ("v2", "v1", "disabled")
V1_STATUSES = (403, 404, 405)
MAX_TTL = 21600


def iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.sts_url = args.sts_url.rstrip("/")
        self.role_arn = args.role_arn
        self.role_name = args.role_arn.rsplit("/", 1)[-1]
        self.mode = args.mode
        self.v1_status = args.v1_status
        self.ecs_token = args.ecs_token
        self.ecs_path = args.ecs_path
        self.tokens = {}  # IMDS session token -> expiry (epoch s)
        # Every secret handed out (IMDS tokens, secret keys, session tokens), for the leak
        # checks of the tests: none may show in the client's output or files.
        self.issued = []
        self.reset_calls()

    def reset_calls(self):
        self.by_path = {}  # "METHOD /path" -> n
        self.by_mode = {}  # mode -> n (IMDS requests only)
        self.by_host = {}  # Host the client asked for (a proxy request names it) -> n
        self.ecs = 0
        self.denied = 0  # requests refused for their token or Authorization

    def mint(self, session_name):
        """A role session from the STS server, as IMDS/ECS get one inside AWS."""
        body = json.dumps({"role_arn": self.role_arn, "session_name": session_name, "duration": 3600}).encode()
        req = urllib.request.Request(self.sts_url + "/_admin/issue-role-credentials", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            cred = json.loads(resp.read())
        with self.lock:
            self.issued += [cred["SecretAccessKey"], cred["SessionToken"]]
        return {"AccessKeyId": cred["AccessKeyId"], "SecretAccessKey": cred["SecretAccessKey"],
                "Token": cred["SessionToken"], "Expiration": iso(int(cred["Expiration"]))}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "EC2ws"

    def log_message(self, fmt, *args):
        pass

    def _send(self, status, body, content_type="text/plain"):
        data = body.encode() if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        # Never a token, a key or the Authorization header: the method, path and status only.
        self.server.write_log(f"{self.command} {self.request_path} {status}")

    def _json(self, status, obj):
        self._send(status, json.dumps(obj), "application/json")

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 65536:
            return None
        return self.rfile.read(length) if length else b""

    def _route(self):
        # A request through an HTTP proxy names the URL whole ("GET http://169.254.170.2/x"):
        # served as if it came to that host, which is counted.
        target = urlsplit(self.path)
        if target.scheme:
            host = target.netloc
            self.request_path = target.path or "/"
        else:
            host = self.headers.get("Host", "")
            self.request_path = target.path
        state = self.server.state
        if not self.request_path.startswith("/_admin/"):
            with state.lock:
                key = f"{self.command} {self.request_path}"
                state.by_path[key] = state.by_path.get(key, 0) + 1
                state.by_host[host] = state.by_host.get(host, 0) + 1
        self.payload = self._body()
        if self.request_path.startswith("/_admin/"):
            return self._admin()
        if self.request_path.startswith("/latest/"):
            return self._imds()
        return self._ecs()

    do_GET = do_PUT = do_POST = do_DELETE = _route

    # ----------------------------------------------------------------- IMDS
    def _imds(self):
        state = self.server.state
        with state.lock:
            mode = state.mode
            state.by_mode[mode] = state.by_mode.get(mode, 0) + 1
        if mode == "disabled":
            return self._send(404, "Not Found")
        if self.request_path == TOKEN_PATH:
            if self.command != "PUT":
                return self._send(405, "Method Not Allowed")
            if mode == "v1":
                return self._send(state.v1_status, "IMDSv2 is not available")
            if self.headers.get("X-Forwarded-For"):
                return self._send(403, "Forbidden")  # IMDS refuses tokens to requests through a proxy
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= MAX_TTL:
                return self._send(400, "Bad Request")
            token = "AQAEA" + secrets.token_urlsafe(40)
            with state.lock:
                state.tokens[token] = time.time() + int(ttl)
                state.issued.append(token)
            return self._send(200, token)
        if self.command != "GET":
            return self._send(405, "Method Not Allowed")
        if mode == "v2":
            token = self.headers.get("X-aws-ec2-metadata-token")
            with state.lock:
                expires = state.tokens.get(token) if token else None
                if expires is None or expires <= time.time():
                    state.denied += 1
                    expires = None
            if expires is None:
                return self._send(401, "Unauthorized")
        if self.request_path == ROLES_PATH:
            return self._send(200, state.role_name)
        if self.request_path == ROLES_PATH + state.role_name:
            doc = state.mint("i-0123456789abcdef0")
            doc = {"Code": "Success", "LastUpdated": iso(time.time()), "Type": "AWS-HMAC", **doc}
            return self._json(200, doc)
        return self._send(404, "Not Found")

    # ------------------------------------------------------------------ ECS
    def _ecs(self):
        state = self.server.state
        with state.lock:
            state.ecs += 1
        if self.command != "GET":
            return self._json(405, {"code": "InvalidRequest", "message": "only GET"})
        if self.request_path != state.ecs_path:
            # What the ECS agent answers for a credentials id it does not know.
            return self._json(400, {"code": "InvalidIdInRequest", "message": "CredentialsV2Request: Credentials not found",
                                    "HTTPErrorCode": 400})
        # The token is required: without --ecs-token no Authorization is good.
        given = self.headers.get("Authorization")
        if state.ecs_token is None or given != state.ecs_token:
            with state.lock:
                state.denied += 1
            what = "missing" if given is None else "invalid"
            return self._json(403, {"code": "AccessDenied", "message": f"Authorization token is {what}"})
        return self._json(200, {**state.mint("ecs-task"), "RoleArn": state.role_arn})

    # ---------------------------------------------------------------- admin
    def _admin(self):
        state = self.server.state
        route = (self.command, self.request_path)
        if route == ("GET", "/_admin/calls"):
            with state.lock:
                out = {"by_path": state.by_path, "by_mode": state.by_mode, "by_host": state.by_host,
                       "ecs": state.ecs, "denied": state.denied,
                       "total": sum(state.by_path.values())}
                return self._json(200, out)
        if route == ("GET", "/_admin/issued"):
            with state.lock:
                secrets_given = state.issued + ([state.ecs_token] if state.ecs_token else [])
            return self._json(200, {"secrets": secrets_given})
        if route == ("POST", "/_admin/reset-calls"):
            with state.lock:
                state.reset_calls()
            return self._json(200, {})
        if route == ("POST", "/_admin/mode"):
            return self._set_mode()
        if route == ("POST", "/_admin/expire-tokens"):
            with state.lock:
                state.tokens = {t: 0 for t in state.tokens}
            return self._json(200, {})
        return self._json(404, {"error": "no such admin route"})

    def _set_mode(self):
        state = self.server.state
        try:
            payload = json.loads(self.payload or b"{}")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return self._json(400, {"error": "settings must be a JSON object"})
        mode = payload.get("mode", state.mode)
        v1_status = payload.get("v1_status", state.v1_status)
        if mode not in MODES or v1_status not in V1_STATUSES:
            return self._json(400, {"error": f"mode in {MODES}, v1_status in {V1_STATUSES}"})
        with state.lock:
            state.mode, state.v1_status = mode, v1_status
            if "ecs_token" in payload:
                state.ecs_token = payload["ecs_token"]
        return self._json(200, {"mode": mode, "v1_status": v1_status})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--sts-url", required=True, help="the local STS server that mints the credentials")
    parser.add_argument("--role-arn", required=True, help="the instance's (and task's) role")
    parser.add_argument("--mode", choices=MODES, default="v2")
    parser.add_argument("--v1-status", type=int, choices=V1_STATUSES, default=403)
    parser.add_argument("--ecs-token", help="the Authorization the ECS endpoint requires (none: every request is refused)")
    parser.add_argument("--ecs-path", default="/v2/credentials/task-1",
                        help="the one path the ECS endpoint serves (others: 400 InvalidIdInRequest)")
    parser.add_argument("--log")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (169.254.169.254 in a test's own network namespace)")
    parser.add_argument("--port", type=int, default=0, help="0: a free one")
    args = parser.parse_args(argv)
    server = serving.LocalServer(Handler, State(args), args.log, (args.host, args.port))
    return serving.serve_until_signalled(server, args.port_file)


if __name__ == "__main__":
    sys.exit(main())
