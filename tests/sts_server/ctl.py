#!/usr/bin/env python3
"""Admin CLI for the local STS/IAM server (for shell tests).

  ctl.py PORT calls [ACTION]        JSON of all counts, or the count of ACTION (0 if none)
  ctl.py PORT log                   JSON list of {action, access_key_id, status, code}
  ctl.py PORT reset-calls
  ctl.py PORT fault JSON            JSON object or list: {"action","kind","count","seconds"}
                                    kind: throttle 500 503 hang malformed skew control_in_secret
  ctl.py PORT clear-faults
  ctl.py PORT settings JSON         {"credential_lifetime": S|null, "clock_offset": S}
  ctl.py PORT mfa-devices           JSON list of {serial, user, enabled, seed_base32}
  ctl.py PORT credentials AKID      JSON {kind, principal_arn, mfa, expires}
Set STS_SERVER_SCHEME=https (and STS_SERVER_CA=file) for a TLS server.
"""
import json
import os
import ssl
import sys
import urllib.error
import urllib.request


def request(port, method, path, payload=None):
    scheme = os.environ.get("STS_SERVER_SCHEME", "http")
    data = json.dumps(payload).encode() if payload is not None else (b"" if method == "POST" else None)
    req = urllib.request.Request(f"{scheme}://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    context = None
    if scheme == "https":
        context = ssl.create_default_context(cafile=os.environ.get("STS_SERVER_CA"))
        context.check_hostname = False
    try:
        with urllib.request.urlopen(req, timeout=10, context=context) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as err:
        sys.stderr.write(f"ctl.py: {method} {path}: HTTP {err.code}: {err.read().decode()}\n")
        sys.exit(1)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    port, command, rest = argv[0], argv[1], argv[2:]
    if command == "calls":
        counts = request(port, "GET", "/_admin/calls")
        print(counts.get(rest[0], 0) if rest else json.dumps(counts))
    elif command == "log":
        print(json.dumps(request(port, "GET", "/_admin/log")))
    elif command == "reset-calls":
        request(port, "POST", "/_admin/reset-calls")
    elif command == "fault" and len(rest) == 1:
        request(port, "POST", "/_admin/faults", json.loads(rest[0]))
    elif command == "clear-faults":
        request(port, "POST", "/_admin/clear-faults")
    elif command == "settings" and len(rest) == 1:
        print(json.dumps(request(port, "POST", "/_admin/settings", json.loads(rest[0]))))
    elif command == "mfa-devices":
        print(json.dumps(request(port, "GET", "/_admin/mfa-devices")))
    elif command == "credentials" and len(rest) == 1:
        print(json.dumps(request(port, "GET", f"/_admin/credentials?access_key_id={rest[0]}")))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
