#!/usr/bin/env python3
"""Local IAM Identity Center server for end-to-end tests: SSO-OIDC and the SSO portal, strict.

python3 server.py --world WORLD.json --port-file PORTFILE [--log LOGFILE] [--sts-url URL]
"""
import json
import os
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# After our own folder (both have a state.py): serving.py, shared with the STS server.
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sts_server"))

import admin  # noqa: E402
import oidc  # noqa: E402
import portal  # noqa: E402
from serving import LocalServer, base_parser, serve_until_signalled  # noqa: E402
from state import ApiError, State  # noqa: E402

MAX_BODY = 1 << 20
FAULTS = {"throttle": ApiError("TooManyRequestsException", 429, "Rate exceeded", "slow_down"),
          "500": ApiError("InternalServerException", 500, "An internal error has occurred.", "server_error"),
          "503": ApiError("ServiceUnavailableException", 503, "Service is unavailable.", "server_error")}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "AmazonSSO-local"

    def log_message(self, fmt, *args):
        pass

    def send_json(self, status, payload, headers=None):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def dispatch(self, method):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = MAX_BODY + 1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            return self.send_json(413, {"message": "Request entity too large"})
        body = self.rfile.read(length) if length > 0 else b""
        url = urlsplit(self.path)
        if url.path.startswith("/_admin/"):
            status, out = admin.handle(self.server.state, method, url, body)
            return self.send_json(status, out)
        if (method, url.path) == ("GET", "/device"):
            return self.browser_approval(url)
        route = (method, url.path)
        if route in oidc.OPERATIONS:
            name, handler = oidc.OPERATIONS[route]
            self.operation(name, lambda: handler(self.server.state, self.json_body(body), self.base_url()),
                           oauth=True)
        elif route in portal.OPERATIONS:
            name, handler = portal.OPERATIONS[route]
            headers = {k.lower(): v for k, v in self.headers.items()}
            self.operation(name, lambda: handler(self.server.state, parse_qs(url.query), headers,
                                                 self.server.sts_url), oauth=False)
        else:
            self.send_json(404, {"message": "Not Found"}, {"x-amzn-ErrorType": "UnknownOperationException"})

    def json_body(self, body):
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise oidc.invalid_request("Content-Type must be application/json")
        try:
            payload = json.loads(body or b"{}")
        except ValueError:
            raise oidc.invalid_request("Request body is not valid JSON")
        if not isinstance(payload, dict):
            raise oidc.invalid_request("Request body is not a JSON object")
        return payload

    def base_url(self):
        # The verification page is ours, whatever Host the client sent (any region's name).
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def operation(self, name, run, oauth):
        state = self.server.state
        fault = state.take_fault(name)
        if fault is not None and self.inject(name, fault, oauth):
            return
        state.count(name)
        try:
            out = run()
            self.finish_op(name, 200, None, out)
        except ApiError as error:
            state.count(f"{name}:{error.name}")
            self.finish_op(name, error.status, error, error_body(error, oauth))

    def finish_op(self, name, status, error, out):
        state = self.server.state
        code = error.name if error else None
        state.record(name, status, code)
        self.server.write_log(f"{name} {status} {code or 'OK'}")
        headers = {}
        if error is not None:
            headers["x-amzn-ErrorType"] = error.name + str(state.setting("error_type_suffix") or "")
        self.send_json(status, out, headers)

    def inject(self, name, fault, oauth):
        """Answers the request with the fault; False for a hang (handled normally after it)."""
        kind = str(fault.get("kind"))
        if kind == "hang":
            time.sleep(float(fault.get("seconds", 60)))
            return False
        self.server.state.record(name, 200 if kind in ("malformed", "huge") else 0, f"fault:{kind}")
        self.server.write_log(f"{name} fault {kind}")
        if kind == "malformed":
            self.send_json(200, b'{"accessToken": "aoa')
        elif kind == "huge":
            self.send_json(200, b'{"x": "' + b"x" * int(fault.get("bytes", 16 << 20)) + b'"}')
        else:
            error = FAULTS.get(kind, FAULTS["500"])
            self.send_json(error.status, error_body(error, oauth),
                           {"x-amzn-ErrorType": error.name})
        return True

    def browser_approval(self, url):
        """The verification page: opening verificationUriComplete approves, as a user would."""
        code = (parse_qs(url.query).get("user_code") or [""])[0]
        dev = self.server.state.find_device(code) if code else None
        if dev is None:
            return self.send_json(404, {"message": "unknown or expired user code"})
        with self.server.state.lock:
            dev["status"] = "approved"
        self.server.write_log("BrowserApproval 200 OK")
        self.send_json(200, {"approved": code})


def error_body(error, oauth):
    if oauth:
        return {"error": error.oauth or "server_error", "error_description": error.description}
    return {"message": error.description}


class Server(LocalServer):
    def __init__(self, state, log_path, sts_url):
        super().__init__(Handler, state, log_path)
        self.sts_url = sts_url


def main(argv=None):
    parser = base_parser(__doc__)
    parser.add_argument("--sts-url", help="the local STS server that mints role credentials")
    args = parser.parse_args(argv)
    with open(args.world) as f:
        state = State(json.load(f))
    server = Server(state, args.log, args.sts_url)
    return serve_until_signalled(server, args.port_file)


if __name__ == "__main__":
    sys.exit(main())
