"""World, issued credentials, MFA devices, counters and faults of the local STS/IAM server."""
import base64
import collections
import hashlib
import secrets
import string
import threading
import time

import totp

ALNUM = string.ascii_uppercase + string.digits
MFA_INVALID = "MultiFactorAuthentication failed with invalid MFA one time pass code. "
MFA_UNKNOWN_DEVICE = ("MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your "
                      "MFA serial number is valid and associated with this user.")


class AwsError(Exception):
    """An AWS error document: code, message, HTTP status; Type Sender (4xx) or Receiver (5xx)."""

    def __init__(self, code, message, status=400):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def stable_id(prefix, *parts):
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return prefix + "".join(ALNUM[b % len(ALNUM)] for b in digest[:17])


def random_id(prefix):
    return prefix + "".join(secrets.choice(ALNUM) for _ in range(16))


def random_secret():
    alphabet = string.ascii_letters + string.digits + "+/"
    return "".join(secrets.choice(alphabet) for _ in range(40))


def random_token():
    # Real tokens are long base64 with '+', '/' and '=': clients must escape them.
    return "IQoJb3JpZ2luX2VjE" + base64.b64encode(secrets.token_bytes(330)).decode()


class Cred:
    """kind: user (long-term), session (GetSessionToken), role (AssumeRole)."""

    def __init__(self, kind, access_key_id, secret, account, user=None, token=None,
                 role=None, session_name=None, mfa=False, expires=None):
        self.kind = kind
        self.access_key_id = access_key_id
        self.secret = secret
        self.account = account
        self.user = user              # user name (user, session)
        self.token = token
        self.role = role              # role dict (role)
        self.session_name = session_name
        self.mfa = mfa
        self.expires = expires

    @property
    def principal_arn(self):
        """The ARN used for trust decisions."""
        if self.kind == "role":
            return self.role["arn"]
        return f"arn:aws:iam::{self.account}:user/{self.user}"

    @property
    def caller_arn(self):
        """The ARN AWS shows: GetCallerIdentity and 'User: X is not authorized' messages."""
        if self.kind == "role":
            return f"arn:aws:sts::{self.account}:assumed-role/{self.role['name']}/{self.session_name}"
        return self.principal_arn

    @property
    def user_id(self):
        if self.kind == "role":
            return f"{self.role['id']}:{self.session_name}"
        return stable_id("AIDA", self.account, self.user)


class State:
    def __init__(self, world):
        self.lock = threading.RLock()
        self.accounts = {}
        self.keys = {}
        self.devices = {}
        defaults = world.get("defaults") or {}
        self.settings = {"credential_lifetime": defaults.get("credential_lifetime"), "clock_offset": 0}
        self.calls = collections.Counter()
        self.faults_injected = 0
        self.log = []
        self.faults = []
        self.started = int(time.time())
        self._load(world)

    def _load(self, world):
        for account, body in (world.get("accounts") or {}).items():
            users, roles = {}, {}
            for name, user in (body.get("users") or {}).items():
                users[name] = {"name": name, "create": self.started}
                for key in user.get("access_keys") or []:
                    self.keys[key["id"]] = Cred("user", key["id"], key["secret"], account, user=name)
                for dev in user.get("mfa_devices") or []:
                    self.devices[dev["serial"]] = self._device(dev["serial"], account, dev["seed_base32"],
                                                               user=name, enabled=True)
            for name, role in (body.get("roles") or {}).items():
                path = role.get("path") or "/"
                roles[name] = {"name": name, "path": path,
                               "arn": f"arn:aws:iam::{account}:role{path}{name}",
                               "id": stable_id("AROA", account, name),
                               "trust": list(role.get("trust") or []),
                               "require_mfa": bool(role.get("require_mfa")),
                               "external_id": role.get("external_id"),
                               "max_session_duration": int(role.get("max_session_duration") or 3600)}
            self.accounts[account] = {"users": users, "roles": roles}

    def _device(self, serial, account, seed, user=None, enabled=False):
        return {"serial": serial, "account": account, "seed_base32": seed, "user": user,
                "enabled": enabled, "enable_date": self.started if enabled else None,
                "create_date": self.now(), "used_steps": set()}

    def now(self):
        return time.time() + float(self.settings.get("clock_offset") or 0)

    def find_role(self, arn):
        for account, body in self.accounts.items():
            for role in body["roles"].values():
                if role["arn"] == arn:
                    return role
        return None

    def lifetime(self, requested):
        override = self.settings.get("credential_lifetime")
        return int(override) if override is not None else requested

    def issue(self, kind, account, duration, **fields):
        with self.lock:
            akid = random_id("ASIA")
            cred = Cred(kind, akid, random_secret(), account, token=random_token(),
                        expires=int(self.now()) + self.lifetime(duration), **fields)
            self.keys[akid] = cred
            return cred

    def check_totp(self, account, user, serial, code, now):
        """Validate an MFA code of the caller's own device; rejects replays as AWS does."""
        with self.lock:
            dev = self.devices.get(serial or "")
            if dev is None or dev["account"] != account or dev["user"] != user or not dev["enabled"]:
                raise AwsError("AccessDenied", MFA_UNKNOWN_DEVICE, 403)
            if not code:
                raise AwsError("AccessDenied", MFA_INVALID, 403)
            key = totp.decode_seed(dev["seed_base32"])
            base = totp.counter_at(now)
            for step in (base, base - 1, base + 1):
                if totp.code_for_counter(key, step) == code and step not in dev["used_steps"]:
                    dev["used_steps"].add(step)
                    return
            raise AwsError("AccessDenied", MFA_INVALID, 403)

    def check_consecutive(self, dev, code1, code2, now):
        """EnableMFADevice: two consecutive codes near now (the user waited for the second)."""
        key = totp.decode_seed(dev["seed_base32"])
        base = totp.counter_at(now)
        for step in range(base - 2, base + 1):
            if totp.code_for_counter(key, step) == code1 and totp.code_for_counter(key, step + 1) == code2:
                dev["used_steps"].update({step, step + 1})
                return True
        return False

    def take_fault(self, action):
        with self.lock:
            for fault in self.faults:
                if fault.get("action", "*") in ("*", action) and fault.get("count", 1) > 0:
                    fault["count"] = fault.get("count", 1) - 1
                    self.faults_injected += 1
                    self.faults = [f for f in self.faults if f.get("count", 1) > 0]
                    return fault
            return None

    def record(self, action, access_key_id, status, code):
        with self.lock:
            self.log.append({"action": action, "access_key_id": access_key_id,
                             "status": status, "code": code})
