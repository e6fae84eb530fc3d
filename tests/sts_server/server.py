#!/usr/bin/env python3
"""Local STS/IAM server for end-to-end tests: strict SigV4, AWS XML, TOTP, faults.

python3 server.py --world WORLD.json --port-file PORTFILE [--log LOGFILE]
                  [--tls-cert CERT --tls-key KEY]
"""
import json
import os
import ssl
import sys
import time
import uuid
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, parse_qsl, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import actions  # noqa: E402
import sigv4  # noqa: E402
from serving import LocalServer, base_parser, serve_until_signalled  # noqa: E402
from state import AwsError, State  # noqa: E402

INVALID_TOKEN = "The security token included in the request is invalid."
FAULTS = {"throttle": AwsError("Throttling", "Rate exceeded", 400),
          "500": AwsError("InternalFailure", "An internal error has occurred.", 500),
          "503": AwsError("ServiceUnavailable", "Service is unavailable.", 503)}


def scope_check(service, region):
    """Service comes from the credential scope; IAM is global (us-east-1)."""
    if service == "iam":
        return "iam", region == "us-east-1"
    if service == "sts":
        return "sts", sigv4.valid_region(region)
    return None, True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "AmazonSTS-local"

    # ----------------------------------------------------------- plumbing
    def log_message(self, fmt, *args):
        pass

    def date_time_string(self, timestamp=None):
        # Every response carries the server's (possibly shifted) clock, like AWS's Date header.
        return formatdate(self.server.state.now(), usegmt=True)

    def _send(self, status, body, content_type="text/xml", request_id=None):
        data = body.encode() if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if request_id:
                self.send_header("x-amzn-RequestId", request_id)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def _dispatch(self, method):
        body = self._body()
        if self.path.startswith("/_admin/"):
            self._admin(method, body)
        else:
            self._aws(method, body)

    # ----------------------------------------------------------- AWS
    def _params(self, method, body):
        params = {}
        query = urlsplit(self.path).query
        for key, value in parse_qsl(query, keep_blank_values=True):
            params.setdefault(key, value)
        if method == "POST" and body:
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
                raise AwsError("InvalidAction", "Only application/x-www-form-urlencoded request bodies "
                               "are supported.", 400)
            for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
                params.setdefault(key, value)
        return params

    def _aws(self, method, body):
        state = self.server.state
        request_id = str(uuid.uuid4())
        action, akid, service = None, None, "sts"
        auth_header = self.headers.get("Authorization")
        if auth_header and "Credential=" in auth_header:
            scope = auth_header.split("Credential=", 1)[1].split(",")[0].split("/")
            akid = scope[0]
            if len(scope) > 3 and scope[3] == "iam":
                service = "iam"
        try:
            params = self._params(method, body)
            action = params.get("Action")
            fault = state.take_fault(action or "")
            if fault is not None and self._inject(fault, service, request_id, action, akid):
                return
            with state.lock:
                state.calls[action or "(none)"] += 1
            caller, service = self._authenticate(method, body, state)
            result = self._run(state, service, action, params, caller)
            self._finish(200, actions.success_document(service, action, result, request_id),
                         request_id, action, akid, None)
        except AwsError as error:
            self._finish(error.status, actions.error_document(service, error, request_id),
                         request_id, action, akid, error.code)

    def _inject(self, fault, service, request_id, action, akid):
        """Returns True when the fault answered the request itself."""
        kind = str(fault.get("kind"))
        if kind == "hang":
            time.sleep(float(fault.get("seconds", 60)))
            return False
        if kind == "malformed":
            ns = actions.NAMESPACES.get(service)
            self._finish(200, f'<{action}Response xmlns="{ns}"><{action}Result><Credentials><AccessKeyId>ASIA',
                         request_id, action, akid, "malformed")
            return True
        if kind == "deep":
            # 200 with an answer nested 300 000 elements deep (a reader that recurses overflows).
            depth = int(fault.get("depth", 300000))
            self._finish(200, f"<{action}Response>" + "<a>" * depth + "</a>" * depth + f"</{action}Response>",
                         request_id, action, akid, "deep")
            return True
        if kind == "huge":
            self._send_huge(int(fault.get("bytes", 64 << 20)), request_id)
            self.server.state.record(action, akid, 200, "huge")
            return True
        if kind == "control_in_secret":
            # A well-formed answer whose secret (or "field") holds a newline: the client must
            # refuse it as a bad server answer, never hand it on or cache it.
            field = str(fault.get("field", "SecretAccessKey"))
            values = {"AccessKeyId": "ASIAFAULTEXAMPLE0001", "SecretAccessKey": "fault/secret",
                      "SessionToken": "fault-token",
                      "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                  time.gmtime(self.server.state.now() + 3600))}
            values[field] = values[field][:5] + "\n" + values[field][5:]
            creds = "".join(f"<{k}>{v}</{k}>" for k, v in values.items())
            self._finish(200, actions.success_document(service, action, f"<Credentials>{creds}</Credentials>",
                                                       request_id),
                         request_id, action, akid, "control_in_secret")
            return True
        if kind == "skew":
            now = self.server.state.now()
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now - float(fault.get("seconds", 900))))
            error = AwsError("SignatureDoesNotMatch",
                             f"Signature expired: {stamp} is now earlier than "
                             f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now - 300))} "
                             f"({time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now))} - 5 min.)", 403)
        else:
            error = FAULTS.get(kind, FAULTS["500"])
        self._finish(error.status, actions.error_document(service, error, request_id),
                     request_id, action, akid, error.code)
        return True

    def _send_huge(self, size, request_id):
        """A 200 whose body is `size` bytes, streamed until sent or the client hangs up."""
        chunk = b"<" + b"x" * ((1 << 20) - 1)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(size))
            self.send_header("x-amzn-RequestId", request_id)
            self.end_headers()
            sent = 0
            while sent < size:
                part = chunk[:size - sent]
                self.wfile.write(part)
                sent += len(part)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass
        self.close_connection = True

    def _authenticate(self, method, body, state):
        header = self.headers.get("Authorization")
        if not header:
            raise AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
        amz_date = self.headers.get("X-Amz-Date")
        auth = sigv4.parse_authorization(header, amz_date)
        now = state.now()
        sigv4.check_scope_and_time(auth, amz_date, now, scope_check)
        with state.lock:
            cred = state.keys.get(auth.access_key_id)
        if cred is None:
            raise AwsError("InvalidClientTokenId", INVALID_TOKEN, 403)
        token = self.headers.get("X-Amz-Security-Token")
        if cred.token is not None:
            if token is None or token != cred.token:
                raise AwsError("InvalidClientTokenId", INVALID_TOKEN, 403)
            if "x-amz-security-token" not in auth.signed_headers:
                raise AwsError("SignatureDoesNotMatch", sigv4.SIG_MISMATCH, 403)
        elif token is not None:
            raise AwsError("InvalidClientTokenId", INVALID_TOKEN, 403)
        sigv4.verify(cred.secret, method, self.path, list(self.headers.items()), auth, amz_date, body)
        if cred.expires is not None and now >= cred.expires:
            raise AwsError("ExpiredToken", "The security token included in the request is expired", 403)
        return cred, auth.service

    def _run(self, state, service, action, params, caller):
        if not action:
            raise AwsError("MissingAction", "Missing Action", 400)
        version = params.get("Version") or "NO_VERSION_SPECIFIED"
        handler = actions.ACTIONS[service].get(action)
        if handler is None or version != actions.VERSIONS[service]:
            raise AwsError("InvalidAction", f"Could not find operation {action} for version {version}", 400)
        return handler(state, caller, params)

    def _finish(self, status, body, request_id, action, akid, code):
        self.server.state.record(action, akid, status, code)
        self.server.write_log(f"{action or '-'} {akid or '-'} {status} {code or 'OK'}")
        self._send(status, body, request_id=request_id)

    # ----------------------------------------------------------- admin
    def _admin(self, method, body):
        state = self.server.state
        url = urlsplit(self.path)
        route = (method, url.path)
        try:
            payload = json.loads(body) if body.strip() else None
        except ValueError:
            return self._send(400, json.dumps({"error": "body is not JSON"}), "application/json")
        with state.lock:
            if route == ("GET", "/_admin/calls"):
                out = dict(state.calls)
                out["faults_injected"] = state.faults_injected
            elif route == ("GET", "/_admin/log"):
                out = list(state.log)
            elif route == ("POST", "/_admin/reset-calls"):
                state.calls.clear()
                state.faults_injected = 0
                state.log.clear()
                out = {"ok": True}
            elif route == ("POST", "/_admin/faults"):
                items = payload if isinstance(payload, list) else [payload]
                state.faults.extend(dict(f) for f in items if isinstance(f, dict))
                out = {"queued": len(state.faults)}
            elif route == ("POST", "/_admin/clear-faults"):
                state.faults.clear()
                out = {"ok": True}
            elif route == ("POST", "/_admin/settings"):
                for key in ("credential_lifetime", "clock_offset"):
                    if isinstance(payload, dict) and key in payload:
                        state.settings[key] = payload[key]
                out = dict(state.settings)
            elif route == ("GET", "/_admin/mfa-devices"):
                out = [{"serial": d["serial"], "user": d["user"], "enabled": d["enabled"],
                        "seed_base32": d["seed_base32"]} for d in state.devices.values()]
            elif route == ("GET", "/_admin/credentials"):
                akid = (parse_qs(url.query).get("access_key_id") or [""])[0]
                cred = state.keys.get(akid)
                if cred is None:
                    return self._send(404, json.dumps({"error": "unknown access key id"}), "application/json")
                out = {"kind": cred.kind, "principal_arn": cred.caller_arn, "mfa": cred.mfa,
                       "expires": cred.expires, "account": cred.account,
                       "role_arn": cred.role["arn"] if cred.role else None,
                       "session_name": cred.session_name}
            elif route == ("POST", "/_admin/issue-role-credentials"):
                # What the SSO portal, IMDS and ECS do inside AWS: mint a role session that
                # STS then honours like AssumeRole's (trust is the caller's business).
                role = state.find_role((payload or {}).get("role_arn", "")) if isinstance(payload, dict) else None
                if role is None:
                    return self._send(404, json.dumps({"error": "unknown role_arn"}), "application/json")
                account = payload["role_arn"].split(":")[4]
                cred = state.issue("role", account, int(payload.get("duration") or 3600), role=role,
                                   session_name=str(payload.get("session_name") or "awsume-shell-test"))
                out = {"AccessKeyId": cred.access_key_id, "SecretAccessKey": cred.secret,
                       "SessionToken": cred.token, "Expiration": cred.expires}
            else:
                return self._send(404, json.dumps({"error": "no such admin route"}), "application/json")
        self._send(200, json.dumps(out), "application/json")


def main(argv=None):
    parser = base_parser(__doc__)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args(argv)
    with open(args.world) as f:
        state = State(json.load(f))
    server = LocalServer(Handler, state, args.log)
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    return serve_until_signalled(server, args.port_file)


if __name__ == "__main__":
    sys.exit(main())
