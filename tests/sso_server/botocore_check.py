#!/usr/bin/env python3
"""AWS's own clients against the local server: botocore's 'sso-oidc' and 'sso' clients (the
botocore bundled in Debian's awscli, or a plain botocore) must parse its answers and errors as
AWS's. Prints one JSON object of what they saw; test_server.py checks it.

python3 botocore_check.py PORT START_URL ACCOUNT ROLE
python3 botocore_check.py PORT START_URL --login SESSION CACHE_DIR
    the AWS CLI's `sso login`: botocore's SSOTokenFetcher polls as AWS expects, its
    "browser" opens verificationUriComplete (which approves), the token cache goes to CACHE_DIR
"""
import json
import sys
import time
import urllib.request

try:
    from botocore import UNSIGNED
    from botocore.config import Config
    from botocore.session import Session
    from botocore.utils import JSONFileCache, SSOTokenFetcher
except ImportError:  # Debian's awscli bundles its botocore as awscli.botocore
    from awscli.botocore import UNSIGNED
    from awscli.botocore.config import Config
    from awscli.botocore.session import Session
    from awscli.botocore.utils import JSONFileCache, SSOTokenFetcher

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def admin(port, path, payload):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(payload).encode(),
                                 method="POST", headers={"Content-Type": "application/json"})
    with NO_PROXY.open(req, timeout=10) as resp:
        return json.loads(resp.read())


def error_of(call):
    try:
        call()
    except Exception as err:  # noqa: BLE001 (Debian's bundle has two ClientError classes)
        if not isinstance(getattr(err, "response", None), dict):
            raise
        return {"code": err.response["Error"]["Code"], "oauth": err.response.get("error"),
                "status": err.response["ResponseMetadata"]["HTTPStatusCode"],
                "class": type(err).__name__}
    return None


def main(port, start_url, account, role):
    url = f"http://127.0.0.1:{port}"
    config = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    session = Session()
    oidc = session.create_client("sso-oidc", region_name="eu-west-1", endpoint_url=url, config=config)
    sso = session.create_client("sso", region_name="eu-west-1", endpoint_url=url, config=config)
    seen = {}
    reg = oidc.register_client(clientName="botocore-check", clientType="public",
                               scopes=["sso:account:access"])
    seen["registered"] = bool(reg["clientId"] and reg["clientSecret"]) and reg["clientSecretExpiresAt"] > time.time()
    auth = oidc.start_device_authorization(clientId=reg["clientId"], clientSecret=reg["clientSecret"],
                                           startUrl=start_url)
    seen["user_code"] = auth["userCode"]
    seen["interval"] = auth["interval"]

    def poll():
        return oidc.create_token(clientId=reg["clientId"], clientSecret=reg["clientSecret"],
                                 grantType="urn:ietf:params:oauth:grant-type:device_code",
                                 deviceCode=auth["deviceCode"])
    seen["pending"] = error_of(poll)
    seen["slow_down_is_modeled"] = False
    try:
        poll()
    except oidc.exceptions.SlowDownException:
        seen["slow_down_is_modeled"] = True  # botocore's own exception class, as its SSO fetcher catches
    admin(port, "/_admin/approve", {"user_code": auth["userCode"]})
    time.sleep(auth["interval"] + 5.2)  # the slow_down above raised the interval by 5
    token = poll()
    seen["token_type"] = token["tokenType"]
    seen["has_refresh"] = "refreshToken" in token
    seen["reused"] = error_of(poll)
    refreshed = oidc.create_token(clientId=reg["clientId"], clientSecret=reg["clientSecret"],
                                  grantType="refresh_token", refreshToken=token["refreshToken"])
    seen["refreshed"] = refreshed["accessToken"] != token["accessToken"]
    seen["bad_client"] = error_of(lambda: oidc.start_device_authorization(
        clientId=reg["clientId"], clientSecret="wrong", startUrl=start_url))
    creds = sso.get_role_credentials(accessToken=refreshed["accessToken"], accountId=account, roleName=role)
    rc = creds["roleCredentials"]
    seen["access_key_id"] = rc["accessKeyId"]
    seen["expiration_ms"] = rc["expiration"]
    seen["forbidden"] = error_of(lambda: sso.get_role_credentials(
        accessToken=refreshed["accessToken"], accountId=account, roleName="not-assigned"))
    seen["unauthorized"] = error_of(lambda: sso.get_role_credentials(
        accessToken="not-a-token", accountId=account, roleName=role))
    seen["accounts"] = [a["accountId"] for a in sso.get_paginator("list_accounts").paginate(
        accessToken=refreshed["accessToken"], maxResults=1).build_full_result()["accountList"]]
    print(json.dumps(seen))


def login(port, start_url, session_name, cache_dir):
    url = f"http://127.0.0.1:{port}"
    config = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    session = Session()
    seen = {"browser": []}

    def client_creator(service, **kwargs):
        kwargs.update(endpoint_url=url, config=config, region_name="eu-west-1")
        return session.create_client(service, **kwargs)

    def browser(verificationUriComplete, userCode, **rest):
        seen["browser"].append(userCode)
        NO_PROXY.open(verificationUriComplete, timeout=10).read()

    fetcher = SSOTokenFetcher("eu-west-1", client_creator, cache=JSONFileCache(cache_dir),
                              on_pending_authorization=browser)
    token = fetcher.fetch_token(start_url, session_name=session_name, registration_scopes=["sso:account:access"])
    seen["has_refresh"] = "refreshToken" in token
    print(json.dumps(seen))


if __name__ == "__main__":
    if sys.argv[3:4] == ["--login"]:
        login(sys.argv[1], sys.argv[2], sys.argv[4], sys.argv[5])
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
