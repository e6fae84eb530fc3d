"""SSO portal operations: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout (restJson,
the bearer token in header x-amz-sso_bearer_token). Role credentials are minted by the local
STS server (its /_admin/issue-role-credentials), so STS honours them afterwards."""
import base64
import json
import secrets
import string
import urllib.error
import urllib.request

from state import ApiError

TOKEN_HEADER = "x-amz-sso_bearer_token"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1, never a proxy


def unauthorized():
    return ApiError("UnauthorizedException", 401, "Session token not found or invalid")


def invalid_request(description):
    return ApiError("InvalidRequestException", 400, description)


def session(state, headers):
    entry = state.session_of(headers.get(TOKEN_HEADER))
    if entry is None:
        raise unauthorized()
    return entry


def query_value(query, name, required=True):
    values = query.get(name)
    if not values or not values[0]:
        if required:
            raise invalid_request(f"Missing required parameter {name}")
        return None
    return values[0]


def get_role_credentials(state, query, headers, sts_url):
    entry = session(state, headers)
    role_name = query_value(query, "role_name")
    account_id = query_value(query, "account_id")
    if {"account_id": account_id, "role_name": role_name} not in entry["assignments"]:
        raise ApiError("ForbiddenException", 403, "No access")
    lifetime = int(state.setting("role_credential_lifetime"))
    creds = mint(sts_url, f"arn:aws:iam::{account_id}:role/{role_name}", entry["user"], lifetime, state)
    return {"roleCredentials": {"accessKeyId": creds["AccessKeyId"],
                                "secretAccessKey": creds["SecretAccessKey"],
                                "sessionToken": creds["SessionToken"],
                                "expiration": int(creds["Expiration"]) * 1000}}


def mint(sts_url, role_arn, session_name, lifetime, state):
    """Role credentials from the STS server; without one, random keys no STS knows."""
    if not sts_url:
        alnum = string.ascii_uppercase + string.digits
        return {"AccessKeyId": "ASIA" + "".join(secrets.choice(alnum) for _ in range(16)),
                "SecretAccessKey": base64.b64encode(secrets.token_bytes(30)).decode(),
                "SessionToken": base64.b64encode(secrets.token_bytes(200)).decode(),
                "Expiration": int(state.now()) + lifetime}
    payload = json.dumps({"role_arn": role_arn, "session_name": session_name, "duration": lifetime})
    req = urllib.request.Request(sts_url.rstrip("/") + "/_admin/issue-role-credentials",
                                 data=payload.encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with NO_PROXY.open(req, timeout=10) as resp:
            return json.loads(resp.read())
    except (urllib.error.URLError, OSError, ValueError) as err:
        # A test world mismatch (role missing from the STS world) or STS down: say so loudly.
        raise ApiError("InternalServerException", 500,
                       f"sso_server: the STS server did not mint {role_arn}: {err}")


def page(state, query, items, list_name):
    size = query_value(query, "max_result", required=False)
    token = query_value(query, "next_token", required=False)
    try:
        size = int(size) if size is not None else int(state.setting("page_size"))
        start = int(base64.urlsafe_b64decode(token.encode()).decode().split(":", 1)[1]) if token else 0
    except (ValueError, IndexError, UnicodeDecodeError):
        raise invalid_request("Invalid next token or max result")
    if size < 1 or size > 100 or start < 0 or start > len(items):
        raise invalid_request("Invalid next token or max result")
    answer = {list_name: items[start:start + size]}
    if start + size < len(items):
        answer["nextToken"] = base64.urlsafe_b64encode(f"page:{start + size}".encode()).decode()
    return answer


def list_accounts(state, query, headers, sts_url):
    entry = session(state, headers)
    seen = []
    for a in entry["assignments"]:
        if a["account_id"] not in seen:
            seen.append(a["account_id"])
    items = []
    for account in seen:
        info = state.accounts.get(account) or {}
        items.append({"accountId": account, "accountName": info.get("name", f"account-{account}"),
                      "emailAddress": info.get("email", f"aws+{account}@example.com")})
    return page(state, query, items, "accountList")


def list_account_roles(state, query, headers, sts_url):
    entry = session(state, headers)
    account = query_value(query, "account_id")
    items = [{"roleName": a["role_name"], "accountId": a["account_id"]}
             for a in entry["assignments"] if a["account_id"] == account]
    return page(state, query, items, "roleList")


def logout(state, query, headers, sts_url):
    session(state, headers)
    with state.lock:
        state.access_tokens.pop(headers.get(TOKEN_HEADER), None)
    return {}


OPERATIONS = {("GET", "/federation/credentials"): ("GetRoleCredentials", get_role_credentials),
              ("GET", "/assignment/accounts"): ("ListAccounts", list_accounts),
              ("GET", "/assignment/roles"): ("ListAccountRoles", list_account_roles),
              ("POST", "/logout"): ("Logout", logout)}
