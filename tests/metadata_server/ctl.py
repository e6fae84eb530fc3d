#!/usr/bin/env python3
"""Admin CLI for the fake metadata server (for shell tests).

  ctl.py PORT calls [KEY]      JSON of all counts; with KEY ("GET /path", "v2", "ecs", "denied",
                               "total", "host:HOST") that one count (0 if none)
  ctl.py PORT reset-calls
  ctl.py PORT mode JSON        {"mode": "v2"|"v1"|"disabled", "v1_status": 403|404|405, "ecs_token": T|null}
  ctl.py PORT expire-tokens    every IMDS session token given so far is expired
  ctl.py PORT issued           every secret handed out so far (IMDS tokens, secret keys, session
                               tokens, the ECS authorization token), one a line
METADATA_SERVER_HOST: the server's address when it is not 127.0.0.1.
"""
import json
import os
import sys
import urllib.error
import urllib.request


def request(port, method, path, payload=None):
    data = json.dumps(payload).encode() if payload is not None else (b"" if method == "POST" else None)
    host = os.environ.get("METADATA_SERVER_HOST", "127.0.0.1")
    host = f"[{host}]" if ":" in host else host
    req = urllib.request.Request(f"http://{host}:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as err:
        sys.stderr.write(f"ctl.py: {method} {path}: HTTP {err.code}: {err.read().decode()}\n")
        sys.exit(1)


def count(calls, key):
    if key in ("ecs", "denied", "total"):
        return calls[key]
    if key.startswith("host:"):
        return calls["by_host"].get(key[5:], 0)
    if key in ("v2", "v1", "disabled"):
        return calls["by_mode"].get(key, 0)
    return calls["by_path"].get(key, 0)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    port, command, rest = argv[0], argv[1], argv[2:]
    if command == "calls":
        calls = request(port, "GET", "/_admin/calls")
        print(count(calls, rest[0]) if rest else json.dumps(calls))
    elif command in ("reset-calls", "expire-tokens"):
        request(port, "POST", f"/_admin/{command}")
    elif command == "issued":
        for secret in request(port, "GET", "/_admin/issued")["secrets"]:
            print(secret)
    elif command == "mode":
        print(json.dumps(request(port, "POST", "/_admin/mode", json.loads(rest[0]))))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
