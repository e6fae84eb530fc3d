"""The life of a local test server process, shared by tests/sts_server, tests/sso_server and
tests/metadata_server:
the common command line, a threaded server on 127.0.0.1 with its request log file, the port
file written atomically once listening, served until SIGTERM/SIGINT."""
import argparse
import os
import signal
import socket
import threading
import time
from http.server import ThreadingHTTPServer


def base_parser(doc):
    """--world WORLD.json --port-file PORTFILE [--log LOGFILE]."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--world", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log")
    return parser


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, handler, state, log_path, address=("127.0.0.1", 0)):
        # Another address for the metadata server in a test's own network namespace (its
        # fixed 169.254.169.254:80, or [fd00:ec2::254]:80).
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.state = state
        self.log_lock = threading.Lock()
        self.log_file = open(log_path, "a", buffering=1) if log_path else None

    def write_log(self, line):
        if self.log_file:
            with self.log_lock:
                self.log_file.write(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {line}\n")


def serve_until_signalled(server, port_file):
    def stop(signum, frame):
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(tmp, port_file)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0
