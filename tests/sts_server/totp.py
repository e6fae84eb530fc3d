#!/usr/bin/env python3
"""RFC 6238 TOTP (SHA1, 6 digits, 30 s step) for the local STS/IAM test server.

Usage: python3 totp.py BASE32 [--offset STEPS]   prints the current code.
"""
import base64
import hashlib
import hmac
import struct
import sys
import time

STEP = 30
DIGITS = 6


def decode_seed(seed_base32):
    """Base32 seed as the authenticator apps accept it: case-insensitive, padding optional."""
    s = seed_base32.strip().replace(" ", "").upper().rstrip("=")
    s += "=" * (-len(s) % 8)
    return base64.b32decode(s)


def code_for_counter(key, counter):
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % (10 ** DIGITS)).zfill(DIGITS)


def counter_at(unix_time):
    return int(unix_time) // STEP


def code_at(seed_base32, unix_time, offset_steps=0):
    return code_for_counter(decode_seed(seed_base32), counter_at(unix_time) + offset_steps)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    offset = 0
    if len(argv) == 3 and argv[1] == "--offset":
        offset = int(argv[2])
    elif len(argv) != 1:
        print("usage: totp.py BASE32 [--offset STEPS]", file=sys.stderr)
        return 2
    print(code_at(argv[0], time.time(), offset))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
