"""SSO-OIDC operations: RegisterClient, StartDeviceAuthorization, CreateToken (restJson, no
SigV4: the client authenticates with clientId/clientSecret in the body), as AWS answers them."""
from state import ApiError, opaque, user_code

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
REFRESH_GRANT = "refresh_token"
GRANT_KEYS = {DEVICE_GRANT: "device_code", REFRESH_GRANT: "refresh_token"}  # calls per grant


def invalid_request(description):
    return ApiError("InvalidRequestException", 400, description, "invalid_request")


def invalid_client(description="Invalid client"):
    return ApiError("InvalidClientException", 401, description, "invalid_client")


def invalid_grant(description="Invalid grant provided"):
    return ApiError("InvalidGrantException", 400, description, "invalid_grant")


def string_field(body, name, required=True):
    value = body.get(name)
    if value is None:
        if required:
            raise invalid_request(f"{name} is required")
        return None
    if not isinstance(value, str) or not value or len(value) > 8192:
        raise invalid_request(f"Invalid {name}")
    return value


def authenticate(state, body):
    """The registered client of clientId/clientSecret, else InvalidClientException (401)."""
    client_id = string_field(body, "clientId")
    secret = string_field(body, "clientSecret")
    with state.lock:
        client = state.clients.get(client_id)
        if client is None or client["secret"] != secret:
            raise invalid_client()
        if state.now() >= client["expires_at"]:
            raise invalid_client("Client registration has expired")
        return client


def register_client(state, body, base_url):
    name = string_field(body, "clientName")
    client_type = string_field(body, "clientType")
    if client_type != "public":
        raise invalid_request("Invalid client type")
    scopes = body.get("scopes") or []
    if not isinstance(scopes, list) or not all(isinstance(s, str) and s for s in scopes):
        raise ApiError("InvalidScopeException", 400, "Invalid scopes", "invalid_scope")
    client = state.register_client(name, scopes)
    return {"clientId": client["id"], "clientSecret": client["secret"],
            "clientIdIssuedAt": client["issued_at"], "clientSecretExpiresAt": client["expires_at"]}


def start_device_authorization(state, body, base_url):
    client = authenticate(state, body)
    start_url = string_field(body, "startUrl")
    with state.lock:
        if start_url not in state.start_urls:
            raise invalid_request("Invalid start url")
        now = state.now()
        device_code = opaque("dev", 48)
        code = user_code()
        expires_in = int(state.setting("device_expires_in"))
        interval = int(state.setting("interval"))
        state.devices[device_code] = {
            "seq": len(state.devices) + 1, "user_code": code, "client_id": client["id"],
            "start_url": start_url, "status": "pending", "created": now,
            "expires_at": now + expires_in, "interval": interval, "last_poll": None, "polls": 0}
    return {"deviceCode": device_code, "userCode": code,
            "verificationUri": f"{base_url}/device",
            "verificationUriComplete": f"{base_url}/device?user_code={code}",
            "expiresIn": expires_in, "interval": interval}


def create_token(state, body, base_url):
    client = authenticate(state, body)
    grant = string_field(body, "grantType")
    state.count("CreateToken:" + GRANT_KEYS.get(grant, "other_grant"))
    if grant == DEVICE_GRANT:
        return device_grant(state, client, string_field(body, "deviceCode"))
    if grant == REFRESH_GRANT:
        return refresh_grant(state, client, string_field(body, "refreshToken"))
    raise ApiError("UnsupportedGrantTypeException", 400, "Unsupported grant type", "unsupported_grant_type")


def device_grant(state, client, device_code):
    with state.lock:
        dev = state.devices.get(device_code)
        if dev is None or dev["client_id"] != client["id"] or dev["status"] == "used":
            raise invalid_grant()
        now = state.now()
        if now >= dev["expires_at"]:
            dev["status"] = "expired" if dev["status"] == "pending" else dev["status"]
            raise ApiError("ExpiredTokenException", 400, "Device code has expired", "expired_token")
        last, dev["last_poll"] = dev["last_poll"], now
        dev["polls"] += 1
        if last is not None and now - last < dev["interval"]:
            # RFC 8628 3.5: the client must add 5 s to its interval from now on.
            dev["interval"] += int(state.setting("slow_down_increment"))
            raise ApiError("SlowDownException", 400, "Client is polling too fast", "slow_down")
        if dev["status"] == "denied":
            raise ApiError("AccessDeniedException", 400, "Access denied", "access_denied")
        auto = state.setting("auto_approve_after_polls")
        if dev["status"] == "pending" and auto is not None and dev["polls"] > int(auto):
            dev["status"] = "approved"
        if dev["status"] == "pending":
            raise ApiError("AuthorizationPendingException", 400, "Authorization is still pending",
                           "authorization_pending")
        dev["status"] = "used"
        return token_answer(*state.issue_tokens(client, dev["start_url"]))


def refresh_grant(state, client, refresh_token):
    with state.lock:
        entry = state.refresh_tokens.get(refresh_token)
        if entry is None or entry["revoked"] or entry["client_id"] != client["id"]:
            raise invalid_grant("Invalid refresh token provided")
        entry["revoked"] = True  # rotated: the old refresh token is spent
        return token_answer(*state.issue_tokens(client, entry["start_url"]))


def token_answer(access, refresh, lifetime):
    answer = {"accessToken": access, "tokenType": "Bearer", "expiresIn": lifetime}
    if refresh is not None:
        answer["refreshToken"] = refresh
    return answer


OPERATIONS = {("POST", "/client/register"): ("RegisterClient", register_client),
              ("POST", "/device_authorization"): ("StartDeviceAuthorization", start_device_authorization),
              ("POST", "/token"): ("CreateToken", create_token)}
