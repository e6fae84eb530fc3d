"""Admin API of the local IAM Identity Center server (JSON, unsigned, under /_admin/): what a
test does in the user's browser (approve, deny), what it checks (calls, log, device
authorizations), and shortcuts (a token without a login, revoked or expired tokens)."""
import json

from state import DEFAULT_SETTINGS

DEFAULT_SCOPES = ["sso:account:access"]


def handle(state, method, url, body):
    """(HTTP status, JSON answer) of one admin request."""
    try:
        payload = json.loads(body) if body.strip() else {}
    except ValueError:
        return 400, {"error": "body is not JSON"}
    if not isinstance(payload, (dict, list)):
        return 400, {"error": "body is not a JSON object"}
    route = ROUTES.get((method, url.path))
    if route is None:
        return 404, {"error": "no such admin route"}
    with state.lock:
        return route(state, payload)


def ok(out):
    return 200, out


def calls(state, payload):
    out = dict(state.calls)
    out["faults_injected"] = state.faults_injected
    return ok(out)


def reset_calls(state, payload):
    state.calls.clear()
    state.faults_injected = 0
    state.log.clear()
    return ok({"ok": True})


def faults(state, payload):
    items = payload if isinstance(payload, list) else [payload]
    state.faults.extend(dict(f) for f in items if isinstance(f, dict))
    return ok({"queued": len(state.faults)})


def clear_faults(state, payload):
    state.faults.clear()
    return ok({"ok": True})


def settings(state, payload):
    unknown = sorted(set(payload) - set(DEFAULT_SETTINGS)) if isinstance(payload, dict) else ["(list)"]
    if unknown:
        return 400, {"error": f"unknown settings {unknown}"}
    state.settings.update(payload)
    return ok(dict(state.settings))


def device_authorizations(state, payload):
    now = state.now()
    return ok([{"user_code": d["user_code"], "start_url": d["start_url"], "client_id": d["client_id"],
                "status": "expired" if d["status"] == "pending" and now >= d["expires_at"] else d["status"],
                "polls": d["polls"], "interval": d["interval"], "created": d["created"],
                "expires_at": d["expires_at"]}
               for d in sorted(state.devices.values(), key=lambda d: d["seq"])])


def decide(status):
    def route(state, payload):
        dev = state.find_device(payload.get("user_code") if isinstance(payload, dict) else None)
        if dev is None:
            return 404, {"error": "no pending device authorization with that user code"}
        dev["status"] = status
        return ok({"user_code": dev["user_code"], "start_url": dev["start_url"], "status": status})
    return route


def revoke_refresh_tokens(state, payload):
    start_url = payload.get("start_url") if isinstance(payload, dict) else None
    count = 0
    for entry in state.refresh_tokens.values():
        if not entry["revoked"] and start_url in (None, entry["start_url"]):
            entry["revoked"] = True
            count += 1
    return ok({"revoked": count})


def expire_access_tokens(state, payload):
    payload = payload if isinstance(payload, dict) else {}
    count = 0
    now = state.now()
    for token, entry in state.access_tokens.items():
        if payload.get("access_token") not in (None, token):
            continue
        if payload.get("start_url") not in (None, entry["start_url"]):
            continue
        if entry["expires_at"] > now:
            entry["expires_at"] = now
            count += 1
    return ok({"expired": count})


def issue_token(state, payload):
    """A signed-in session without a login: a client registered with scopes (unless
    "scopes": []) and its tokens; "expires_in" may be small, 0 or negative."""
    payload = payload if isinstance(payload, dict) else {}
    start_url = payload.get("start_url")
    if start_url not in state.start_urls:
        return 404, {"error": "unknown start_url"}
    scopes = payload.get("scopes", DEFAULT_SCOPES)
    client = state.register_client(str(payload.get("client_name") or "sso-server-issued"), scopes or [])
    access, refresh, lifetime = state.issue_tokens(client, start_url, payload.get("expires_in"))
    return ok({"accessToken": access, "refreshToken": refresh, "expiresIn": lifetime,
               "expiresAt": int(state.access_tokens[access]["expires_at"]),
               "clientId": client["id"], "clientSecret": client["secret"],
               "registrationExpiresAt": client["expires_at"], "startUrl": start_url})


def tokens(state, payload):
    now = state.now()
    return ok({"access": [{"start_url": e["start_url"], "client_id": e["client_id"],
                           "expires_at": e["expires_at"], "valid": now < e["expires_at"]}
                          for e in state.access_tokens.values()],
               "refresh": [{"start_url": e["start_url"], "client_id": e["client_id"], "revoked": e["revoked"]}
                           for e in state.refresh_tokens.values()]})


def clients(state, payload):
    return ok([{"client_id": c["id"], "name": c["name"], "scopes": c["scopes"], "expires_at": c["expires_at"]}
               for c in state.clients.values()])


ROUTES = {("GET", "/_admin/calls"): calls,
          ("GET", "/_admin/log"): lambda state, payload: ok(list(state.log)),
          ("POST", "/_admin/reset-calls"): reset_calls,
          ("POST", "/_admin/faults"): faults,
          ("POST", "/_admin/clear-faults"): clear_faults,
          ("POST", "/_admin/settings"): settings,
          ("GET", "/_admin/settings"): lambda state, payload: ok(dict(state.settings)),
          ("GET", "/_admin/device-authorizations"): device_authorizations,
          ("POST", "/_admin/approve"): decide("approved"),
          ("POST", "/_admin/deny"): decide("denied"),
          ("POST", "/_admin/revoke-refresh-tokens"): revoke_refresh_tokens,
          ("POST", "/_admin/expire-access-tokens"): expire_access_tokens,
          ("POST", "/_admin/issue-token"): issue_token,
          ("GET", "/_admin/tokens"): tokens,
          ("GET", "/_admin/clients"): clients}
