#!/usr/bin/python3
"""Clients of awsume-shell's credentials server (issue 11), for tests/e2e/credentials_server.sh
and bench/server_requests.sh. Not a suite. The server's address and token come from the
environment the server mode gives a child: AWS_CONTAINER_CREDENTIALS_FULL_URI and
AWS_CONTAINER_AUTHORIZATION_TOKEN.

  server_client.py fetch               GET the credentials; prints the JSON answer (exit 0),
                                       or "HTTP STATUS BODY" on stderr (exit 1)
  server_client.py status              prints "STATUS BODY" of one GET (any status, exit 0)
  server_client.py tally [--count N --interval S]
                                       N GETs S s apart; one line "COUNT STATUS CODE refresh|-"
                                       per kind of answer ("refresh": its message names
                                       awsume-shell-refresh)
  server_client.py probe               one line "NAME STATUS CODE" per request of a fixed set
                                       (good token, wrong and missing token, other methods,
                                       other paths); CODE is the answer's JSON "code", "-" for
                                       a 200, NOTJSON:<body> if an error body is not a JSON
                                       object with a string "code" and "message"
  server_client.py botocore --clients N --seconds S --interval I --endpoint URL
                                       N threads, each with its own botocore session (the
                                       container provider), call STS GetCallerIdentity every
                                       I s for S s; prints a JSON summary (keys seen, errors)
  server_client.py hammer --clients N --seconds S
                                       N threads GET the credentials back to back (a new
                                       connection each); prints a JSON summary
  server_client.py bench --requests N [--url URL --token T]
                                       N sequential GETs, a new connection each; prints the
                                       mean, median and p99 in microseconds as JSON
  server_client.py baseline-server --port-file F
                                       python's own http.server answering the same JSON for
                                       the right token (the bench's baseline)
botocore is Debian's (the AWS CLI's vendored copy: /usr/lib/python3/dist-packages/awscli),
when this runs under /usr/bin/python3.
"""
import argparse
import http.client
import http.server
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse


def target(url=None, token=None):
    url = url or os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"]
    if token is None:
        token = os.environ.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    parsed = urllib.parse.urlsplit(url)
    return parsed.hostname, parsed.port, parsed.path or "/", token


def request(host, port, method, path, headers=None, timeout=10):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type"), resp.read()
    finally:
        conn.close()


def error_code(body):
    try:
        doc = json.loads(body)
    except ValueError:
        return "NOTJSON:" + body.decode(errors="replace")[:200].replace("\n", " ")
    if not isinstance(doc, dict) or not isinstance(doc.get("code"), str) or \
            not isinstance(doc.get("message"), str):
        return "NOTJSON:" + body.decode(errors="replace")[:200].replace("\n", " ")
    return doc["code"]


def cmd_fetch(_args):
    host, port, path, token = target()
    status, _, body = request(host, port, "GET", path, {"Authorization": token})
    if status != 200:
        sys.stderr.write(f"HTTP {status} {body.decode(errors='replace')}\n")
        return 1
    sys.stdout.write(body.decode() + "\n")
    return 0


def cmd_status(_args):
    host, port, path, token = target()
    status, _, body = request(host, port, "GET", path, {"Authorization": token})
    print(status, body.decode(errors="replace").replace("\n", " "))
    return 0


def cmd_tally(args):
    """--count GETs --interval s apart: one line "N STATUS CODE refresh|-" per kind of answer
    ("refresh": the message names awsume-shell-refresh), in order of first sight."""
    host, port, path, token = target()
    seen, last, t0 = {}, None, time.time()
    for i in range(args.count):
        status, _, body = request(host, port, "GET", path, {"Authorization": token})
        code, named = "-", "-"
        if status != 200:
            code = error_code(body)
            try:
                named = "refresh" if "awsume-shell-refresh" in json.loads(body)["message"] else "-"
            except (ValueError, KeyError, TypeError):
                pass
        seen[(status, code, named)] = seen.get((status, code, named), 0) + 1
        if (status, code) != last:
            sys.stderr.write(f"{time.time() - t0:7.2f}s ({time.strftime('%H:%M:%S')}): {status} {code} "
                             f"{body.decode(errors='replace')[:160] if status != 200 else ''}\n")
            last = (status, code)
        if i + 1 < args.count:
            time.sleep(args.interval)
    for (status, code, named), n in seen.items():
        print(n, status, code, named)
    return 0


def cmd_probe(_args):
    host, port, path, token = target()
    wrong = ("0" if token[0] != "0" else "1") + token[1:]
    cases = [
        ("good", "GET", path, {"Authorization": token}),
        ("wrong-token", "GET", path, {"Authorization": wrong}),
        ("short-token", "GET", path, {"Authorization": token[:-1]}),
        ("longer-token", "GET", path, {"Authorization": token + "0"}),
        ("bearer-token", "GET", path, {"Authorization": "Bearer " + token}),
        ("missing-token", "GET", path, {}),
        ("empty-token", "GET", path, {"Authorization": ""}),
        ("post", "POST", path, {"Authorization": token, "Content-Length": "0"}),
        ("put", "PUT", path, {"Authorization": token, "Content-Length": "0"}),
        ("delete", "DELETE", path, {"Authorization": token}),
        ("patch", "PATCH", path, {"Authorization": token, "Content-Length": "0"}),
        ("other-path", "GET", "/awsume-shell/other", {"Authorization": token}),
        ("root-path", "GET", "/", {"Authorization": token}),
        ("longer-path", "GET", path + "/x", {"Authorization": token}),
    ]
    for name, method, p, headers in cases:
        status, ctype, body = request(host, port, method, p, headers)
        if status == 200:
            try:
                doc = json.loads(body)
                fields = ",".join(sorted(doc))
                print(f"{name} {status} - {fields} {doc.get('Expiration')} {doc.get('AccessKeyId')}")
            except ValueError:
                print(f"{name} {status} NOTJSON:{body[:200]!r}")
        else:
            print(f"{name} {status} {error_code(body)} content-type={ctype}")
    return 0


def import_botocore():
    try:
        import botocore.session  # noqa: F401
    except ImportError:
        import awscli  # noqa: F401  Debian's awscli vendors botocore and puts it on the path
        import botocore.session  # noqa: F401
    import botocore
    import botocore.config
    return botocore


def cmd_botocore(args):
    botocore = import_botocore()
    deadline = time.monotonic() + args.seconds
    results = [None] * args.clients
    start_barrier = threading.Barrier(args.clients)

    def client_main(i):
        out = {"keys": [], "requests": 0, "errors": [], "regressions": 0, "method": None,
               "arns": []}
        results[i] = out
        try:
            session = botocore.session.Session()
            creds = session.get_credentials()
            out["method"] = creds.method if creds else None
            client = session.create_client(
                "sts", endpoint_url=args.endpoint, region_name=args.region,
                config=botocore.config.Config(retries={"max_attempts": 1}))
            seen = {"key": None}

            def before_send(request, **_):
                auth = request.headers.get("Authorization", b"")
                if isinstance(auth, bytes):
                    auth = auth.decode()
                m = re.search(r"Credential=([A-Z0-9]+)/", auth)
                seen["key"] = m.group(1) if m else None
            client.meta.events.register("before-send.sts.GetCallerIdentity", before_send)
        except Exception as e:  # noqa: BLE001
            out["errors"].append(f"setup: {type(e).__name__}: {e}")
            try:
                start_barrier.abort()
            except threading.BrokenBarrierError:
                pass
            return
        try:
            start_barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            seen["key"] = None
            try:
                answer = client.get_caller_identity()
                out["requests"] += 1
                arn = answer.get("Arn", "")
                if arn not in out["arns"]:
                    out["arns"].append(arn)
                key = seen["key"]
                if key is None:
                    out["errors"].append(f"{time.time():.1f}: no key in the signed request")
                elif not out["keys"] or out["keys"][-1] != key:
                    if key in out["keys"]:
                        out["regressions"] += 1
                    else:
                        out["keys"].append(key)
            except Exception as e:  # noqa: BLE001
                out["errors"].append(f"{time.time():.1f}: {type(e).__name__}: {e}")
            time.sleep(max(0.0, args.interval - (time.monotonic() - t0)))

    threads = [threading.Thread(target=client_main, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    union = []
    for r in results:
        for k in r["keys"]:
            if k not in union:
                union.append(k)
    print(json.dumps({"botocore": botocore.__file__, "clients": results, "keys": union}))
    return 0


def cmd_hammer(args):
    host, port, path, token = target()
    deadline = time.monotonic() + args.seconds
    results = []
    lock = threading.Lock()

    def worker():
        keys, errors, latencies, n = [], [], [], 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                status, _, body = request(host, port, "GET", path, {"Authorization": token})
                latencies.append(time.perf_counter() - t0)
                n += 1
                if status != 200:
                    errors.append(f"HTTP {status} {body[:200]!r}")
                    continue
                key = json.loads(body)["AccessKeyId"]
                if not keys or keys[-1] != key:
                    keys.append(key)
            except Exception as e:  # noqa: BLE001
                errors.append(f"{type(e).__name__}: {e}")
        with lock:
            results.append({"keys": keys, "errors": errors, "requests": n, "latencies": latencies})

    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    union, lat = [], []
    for r in results:
        lat.extend(r.pop("latencies"))
        for k in r["keys"]:
            if k not in union:
                union.append(k)
    lat.sort()
    summary = {"clients": results, "keys": union,
               "requests": sum(r["requests"] for r in results),
               "errors": sum(len(r["errors"]) for r in results),
               "first_errors": [e for r in results for e in r["errors"]][:5],
               "latency_ms": {"median": 1000 * statistics.median(lat) if lat else None,
                              "p99": 1000 * lat[int(len(lat) * 0.99)] if lat else None,
                              "max": 1000 * lat[-1] if lat else None}}
    print(json.dumps(summary))
    return 0


def cmd_bench(args):
    host, port, path, token = target(args.url, args.token)
    for _ in range(min(50, args.requests)):  # warm-up
        request(host, port, "GET", path, {"Authorization": token})
    times = []
    bad = 0
    for _ in range(args.requests):
        t0 = time.perf_counter()
        status, _, _ = request(host, port, "GET", path, {"Authorization": token})
        times.append(time.perf_counter() - t0)
        bad += status != 200
    times.sort()
    print(json.dumps({"requests": args.requests, "non_200": bad,
                      "mean_us": 1e6 * statistics.mean(times),
                      "median_us": 1e6 * statistics.median(times),
                      "p99_us": 1e6 * times[int(len(times) * 0.99)]}))
    return 0


def cmd_baseline_server(args):
    token = args.token
    body = json.dumps({"AccessKeyId": "ASIABASELINEEXAMPLE1", "SecretAccessKey": "s" * 40,
                       "Token": "t" * 400, "Expiration": "2030-01-01T00:00:00Z"}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            ok = self.headers.get("Authorization") == token
            payload = body if ok else b'{"code":"AccessDenied","message":"no"}'
            self.send_response(200 if ok else 403)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch")
    sub.add_parser("status")
    sub.add_parser("probe")
    p = sub.add_parser("tally")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--interval", type=float, default=0.25)
    p = sub.add_parser("botocore")
    p.add_argument("--clients", type=int, default=1)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", default="us-east-1")
    p = sub.add_parser("hammer")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=10)
    p = sub.add_parser("bench")
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--url")
    p.add_argument("--token")
    p = sub.add_parser("baseline-server")
    p.add_argument("--port-file", required=True)
    p.add_argument("--token", required=True)
    args = parser.parse_args(argv)
    return {"fetch": cmd_fetch, "status": cmd_status, "tally": cmd_tally, "probe": cmd_probe, "botocore": cmd_botocore,
            "hammer": cmd_hammer, "bench": cmd_bench,
            "baseline-server": cmd_baseline_server}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
