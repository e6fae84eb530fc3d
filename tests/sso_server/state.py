"""World, registered clients, device authorizations, tokens, counters and faults of the local
IAM Identity Center server (SSO-OIDC + SSO portal)."""
import base64
import collections
import secrets
import string
import threading
import time

DEFAULT_SETTINGS = {
    "token_lifetime": 28800,          # CreateToken expiresIn (s); 0 or negative: issued expired
    "interval": 1,                    # StartDeviceAuthorization interval (s)
    "device_expires_in": 600,         # StartDeviceAuthorization expiresIn (s)
    "slow_down_increment": 5,         # a slow_down raises the device code's interval by this (RFC 8628)
    "client_lifetime": 90 * 86400,    # RegisterClient clientSecretExpiresAt - now (s)
    "role_credential_lifetime": 3600,  # GetRoleCredentials lifetime (s), asked of the STS server
    "page_size": 20,                  # ListAccounts/ListAccountRoles default max_result
    "auto_approve_after_polls": None,  # N: a device code is approved after N pending answers
    "error_type_suffix": "",          # appended to x-amzn-ErrorType (AWS adds ":http://internal...")
    "clock_offset": 0,                # seconds added to the server's clock
}


class ApiError(Exception):
    """An error answer: exception name (x-amzn-ErrorType), HTTP status, and for OIDC the
    OAuth error code of the body's `error` (None: the portal's {"message"} body)."""

    def __init__(self, name, status, description, oauth=None):
        super().__init__(f"{name}: {description}")
        self.name = name
        self.status = status
        self.description = description
        self.oauth = oauth


def opaque(prefix, nbytes=96):
    # Real tokens are long base64 with '+', '/' and '=': clients must keep them byte for byte.
    return prefix + base64.b64encode(secrets.token_bytes(nbytes)).decode()


def user_code():
    letters = "BCDFGHJKLMNPQRSTVWXZ"  # AWS's codes: 8 consonants as XXXX-XXXX
    code = "".join(secrets.choice(letters) for _ in range(8))
    return code[:4] + "-" + code[4:]


def random_id(n=22):
    alphabet = string.ascii_letters + string.digits + "-_"
    return "".join(secrets.choice(alphabet) for _ in range(n))


class State:
    def __init__(self, world):
        self.lock = threading.RLock()
        defaults = world.get("defaults") or {}
        self.settings = dict(DEFAULT_SETTINGS)
        self.settings.update({k: v for k, v in defaults.items() if k in DEFAULT_SETTINGS})
        self.start_urls = {}
        for url, body in (world.get("start_urls") or {}).items():
            self.start_urls[url] = {
                "user": str((body or {}).get("user") or "sso-user"),
                "assignments": [{"account_id": str(a["account_id"]), "role_name": str(a["role_name"])}
                                for a in (body or {}).get("assignments") or []]}
        self.accounts = {str(k): v for k, v in (world.get("accounts") or {}).items()}
        self.clients = {}       # client_id -> {secret, name, scopes, expires_at}
        self.devices = {}       # device_code -> device authorization
        self.access_tokens = {}   # token -> {start_url, expires_at, client_id}
        self.refresh_tokens = {}  # token -> {start_url, client_id, revoked}
        self.calls = collections.Counter()
        self.faults_injected = 0
        self.log = []
        self.faults = []

    def now(self):
        return time.time() + float(self.settings.get("clock_offset") or 0)

    def setting(self, name):
        return self.settings.get(name, DEFAULT_SETTINGS.get(name))

    # ------------------------------------------------------------ clients and tokens
    def register_client(self, name, scopes):
        with self.lock:
            client_id = random_id()
            now = int(self.now())
            client = {"id": client_id, "secret": opaque("eyJraWQiOiJrZXktMTU2", 192), "name": name,
                      "scopes": list(scopes), "issued_at": now,
                      "expires_at": now + int(self.setting("client_lifetime"))}
            self.clients[client_id] = client
            return client

    def issue_tokens(self, client, start_url, lifetime=None):
        """An access token (and a refresh token when the client registered scopes)."""
        with self.lock:
            lifetime = int(self.setting("token_lifetime") if lifetime is None else lifetime)
            access = opaque("aoaAAAAAG", 150)
            self.access_tokens[access] = {"start_url": start_url, "client_id": client["id"],
                                          "expires_at": self.now() + lifetime}
            refresh = None
            if client["scopes"]:
                refresh = opaque("aorAAAAAG", 300)
                self.refresh_tokens[refresh] = {"start_url": start_url, "client_id": client["id"],
                                                "revoked": False}
            return access, refresh, lifetime

    def session_of(self, access_token):
        """The start URL entry of a valid access token, else None."""
        with self.lock:
            token = self.access_tokens.get(access_token or "")
            if token is None or self.now() >= token["expires_at"]:
                return None
            return self.start_urls.get(token["start_url"])

    def find_device(self, user_code_or_latest):
        """The device authorization with this user code, or the latest pending one."""
        with self.lock:
            pending = [d for d in self.devices.values()
                       if d["status"] == "pending" and self.now() < d["expires_at"]]
            if not user_code_or_latest:
                return max(pending, key=lambda d: d["seq"]) if pending else None
            for dev in pending:
                if dev["user_code"] == user_code_or_latest:
                    return dev
            return None

    # ------------------------------------------------------------ faults, counters, log
    def take_fault(self, operation):
        with self.lock:
            for fault in self.faults:
                if fault.get("operation", fault.get("action", "*")) in ("*", operation) \
                        and fault.get("count", 1) > 0:
                    fault["count"] = fault.get("count", 1) - 1
                    self.faults_injected += 1
                    self.faults = [f for f in self.faults if f.get("count", 1) > 0]
                    return fault
            return None

    def count(self, key):
        with self.lock:
            self.calls[key] += 1

    def record(self, operation, status, code, extra=None):
        with self.lock:
            entry = {"operation": operation, "status": status, "code": code}
            entry.update(extra or {})
            self.log.append(entry)
