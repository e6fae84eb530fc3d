#!/usr/bin/env python3
"""Admin CLI for the local IAM Identity Center server (for shell tests).

  ctl.py PORT calls [KEY]                JSON of all counts, or the count of KEY (0 if none):
                                         OPERATION, OPERATION:ErrorName, CreateToken:device_code,
                                         CreateToken:refresh_token, faults_injected
  ctl.py PORT log                        JSON list of {operation, status, code}
  ctl.py PORT reset-calls
  ctl.py PORT fault JSON                 {"operation","kind","count","seconds"}; kind: throttle 500
                                         503 malformed huge hang
  ctl.py PORT clear-faults
  ctl.py PORT settings [JSON]            merge settings (see README), print them all
  ctl.py PORT device-authorizations      JSON list of {user_code, start_url, status, polls, ...}
  ctl.py PORT device-count               number of device authorizations started
  ctl.py PORT approve [USER_CODE]        approve USER_CODE, else the latest pending one
  ctl.py PORT deny [USER_CODE]
  ctl.py PORT revoke-refresh-tokens [START_URL]
  ctl.py PORT expire-access-tokens [START_URL]
  ctl.py PORT issue-token START_URL [EXPIRES_IN] [--no-scopes]
                                         JSON {accessToken, refreshToken, expiresIn, expiresAt,
                                         clientId, clientSecret, registrationExpiresAt, startUrl}
  ctl.py PORT tokens | clients           what was issued (no secrets)
"""
import json
import sys
import urllib.error
import urllib.request

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(port, method, path, payload=None):
    data = json.dumps(payload).encode() if payload is not None else (b"" if method == "POST" else None)
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with NO_PROXY.open(req, timeout=10) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as err:
        sys.stderr.write(f"ctl.py: {method} {path}: HTTP {err.code}: {err.read().decode()}\n")
        sys.exit(1)


def optional(rest, key):
    return {key: rest[0]} if rest else {}


def issue_token(port, rest):
    args = [a for a in rest if a != "--no-scopes"]
    payload = {"start_url": args[0]}
    if len(args) > 1:
        payload["expires_in"] = int(args[1])
    if "--no-scopes" in rest:
        payload["scopes"] = []
    return request(port, "POST", "/_admin/issue-token", payload)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    port, command, rest = argv[0], argv[1], argv[2:]
    if command == "calls":
        counts = request(port, "GET", "/_admin/calls")
        out = counts.get(rest[0], 0) if rest else counts
    elif command == "log":
        out = request(port, "GET", "/_admin/log")
    elif command in ("reset-calls", "clear-faults"):
        out = request(port, "POST", f"/_admin/{command}")
    elif command == "fault" and len(rest) == 1:
        out = request(port, "POST", "/_admin/faults", json.loads(rest[0]))
    elif command == "settings":
        out = request(port, "POST", "/_admin/settings", json.loads(rest[0]) if rest else {})
    elif command == "device-authorizations":
        out = request(port, "GET", "/_admin/device-authorizations")
    elif command == "device-count":
        out = len(request(port, "GET", "/_admin/device-authorizations"))
    elif command in ("approve", "deny"):
        out = request(port, "POST", f"/_admin/{command}", optional(rest, "user_code"))
    elif command in ("revoke-refresh-tokens", "expire-access-tokens"):
        out = request(port, "POST", f"/_admin/{command}", optional(rest, "start_url"))
    elif command == "issue-token" and rest:
        out = issue_token(port, rest)
    elif command in ("tokens", "clients"):
        out = request(port, "GET", f"/_admin/{command}")
    else:
        sys.stderr.write(__doc__)
        return 2
    print(out if isinstance(out, int) else json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
