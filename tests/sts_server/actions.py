"""STS and IAM actions (AWS Query protocol), answering with AWS's XML shapes and errors."""
import base64
import re
import secrets
import time
from xml.sax.saxutils import escape

from state import AwsError, stable_id

STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"
VERSIONS = {"sts": "2011-06-15", "iam": "2010-05-08"}
NAMESPACES = {"sts": STS_NS, "iam": IAM_NS}
# A 1x1 PNG: the server does not draw QR codes; the client draws its own from the seed.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==")
ROLE_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role(/(?:[\x21-\x7e]*/)?)([\w+=,.@-]+)$")
NAME_RE = re.compile(r"^[\w+=,.@-]*$")
CHAINING = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
NON_USER = "Must specify userName when calling with non-User credentials"


def iso(unix):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(unix))


def x(tag, value):
    return f"<{tag}>{escape(str(value))}</{tag}>"


def invalid(field, value, constraint):
    shown = "null" if value is None else f"'{value}'"
    return AwsError("ValidationError", f"1 validation error detected: Value {shown} at '{field}' "
                                       f"failed to satisfy constraint: {constraint}")


def required(params, name):
    value = params.get(name)
    if value is None:
        raise invalid(name[0].lower() + name[1:], None, "Member must not be null")
    return value


def check_string(params, name, low, high, pattern, pattern_text, must=False):
    value = required(params, name) if must else params.get(name)
    field = name[0].lower() + name[1:]
    if value is None:
        return None
    if len(value) < low:
        raise invalid(field, value, f"Member must have length greater than or equal to {low}")
    if len(value) > high:
        raise invalid(field, value, f"Member must have length less than or equal to {high}")
    if pattern and not re.fullmatch(pattern, value):
        raise invalid(field, value, f"Member must satisfy regular expression pattern: {pattern_text}")
    return value


def check_int(params, name, default, low, high):
    raw = params.get(name)
    if raw is None:
        return default
    field = name[0].lower() + name[1:]
    if not re.fullmatch(r"-?\d+", raw):
        raise AwsError("ValidationError", f"Value '{raw}' for parameter {name} is invalid. "
                                          "Must be a valid integer.", 400)
    value = int(raw)
    if value < low:
        raise invalid(field, value, f"Member must have value greater than or equal to {low}")
    if value > high:
        raise invalid(field, value, f"Member must have value less than or equal to {high}")
    return value


def mfa_params(params):
    serial = check_string(params, "SerialNumber", 9, 256, r"[\w+=/:,.@-]*", r"[\w+=/:,.@-]*")
    code = check_string(params, "TokenCode", 6, 6, r"[\d]*", r"[\d]*")
    return serial, code


def not_authorized(caller, action, resource):
    return AwsError("AccessDenied", f"User: {caller.caller_arn} is not authorized to perform: "
                                    f"{action} on resource: {resource}", 403)


def credentials_xml(cred):
    return ("<Credentials>" + x("AccessKeyId", cred.access_key_id) + x("SecretAccessKey", cred.secret)
            + x("SessionToken", cred.token) + x("Expiration", iso(cred.expires)) + "</Credentials>")


# ---------------------------------------------------------------- STS

def get_caller_identity(state, caller, params):
    return x("Arn", caller.caller_arn) + x("UserId", caller.user_id) + x("Account", caller.account)


def get_session_token(state, caller, params):
    duration = check_int(params, "DurationSeconds", 43200, 900, 129600)
    serial, code = mfa_params(params)
    if caller.kind != "user":
        raise AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials", 403)
    mfa = False
    if serial is not None or code is not None:
        state.check_totp(caller.account, caller.user, serial, code, state.now())
        mfa = True
    cred = state.issue("session", caller.account, duration, user=caller.user, mfa=mfa)
    return credentials_xml(cred)


def assume_role(state, caller, params):
    role_arn = check_string(params, "RoleArn", 20, 2048, None, None, must=True)
    session = check_string(params, "RoleSessionName", 2, 64, r"[\w+=,.@-]*", r"[\w+=,.@-]*", must=True)
    duration = check_int(params, "DurationSeconds", 3600, 900, 43200)
    external_id = check_string(params, "ExternalId", 2, 1224, r"[\w+=,.@:/-]*", r"[\w+=,.@:\/-]*")
    serial, code = mfa_params(params)
    if not ROLE_ARN_RE.match(role_arn):
        raise AwsError("ValidationError", f"{role_arn} is invalid", 400)
    role = state.find_role(role_arn)
    if role is None:
        raise not_authorized(caller, "sts:AssumeRole", role_arn)
    principal = caller.principal_arn
    root = f"arn:aws:iam::{caller.account}:root"
    if principal not in role["trust"] and root not in role["trust"]:
        raise not_authorized(caller, "sts:AssumeRole", role_arn)
    mfa = caller.mfa
    if serial is not None or code is not None:
        if caller.kind == "role":
            raise AwsError("AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.  "
                           "Please verify your MFA serial number is valid and associated with this user.", 403)
        state.check_totp(caller.account, caller.user, serial, code, state.now())
        mfa = True
    if role["require_mfa"] and not mfa:
        raise not_authorized(caller, "sts:AssumeRole", role_arn)
    if role["external_id"] is not None and external_id != role["external_id"]:
        raise not_authorized(caller, "sts:AssumeRole", role_arn)
    if caller.kind != "user" and duration > 3600:
        raise AwsError("ValidationError", CHAINING, 400)
    if duration > role["max_session_duration"]:
        raise AwsError("ValidationError",
                       "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400)
    account = ROLE_ARN_RE.match(role_arn).group(1)
    cred = state.issue("role", account, duration, role=role, session_name=session, mfa=mfa)
    return (credentials_xml(cred) + "<AssumedRoleUser>" + x("AssumedRoleId", cred.user_id)
            + x("Arn", cred.caller_arn) + "</AssumedRoleUser>")


# ---------------------------------------------------------------- IAM

def _iam_user_name(state, caller, params, required_for_role=True):
    name = check_string(params, "UserName", 1, 128, r"[\w+=,.@-]+", r"[\w+=,.@-]+")
    if name is None:
        if caller.kind == "role":
            raise AwsError("ValidationError", NON_USER, 400)
        name = caller.user
    if name not in state.accounts.get(caller.account, {}).get("users", {}):
        raise AwsError("NoSuchEntity", f"The user with name {name} cannot be found.", 404)
    return name


def _user_xml(state, account, name):
    user = state.accounts[account]["users"][name]
    return ("<Path>/</Path>" + x("UserName", name) + x("UserId", stable_id("AIDA", account, name)) + x("Arn", f"arn:aws:iam::{account}:user/{name}")
        + x("CreateDate", iso(user["create"])))


def _require_iam_allowed(caller, action, resource):
    # IAM refuses GetSessionToken credentials that carry no MFA (AWS documents this rule).
    if caller.kind == "session" and not caller.mfa:
        raise not_authorized(caller, f"iam:{action}", resource)


def get_user(state, caller, params):
    name = _iam_user_name(state, caller, params)
    _require_iam_allowed(caller, "GetUser", f"arn:aws:iam::{caller.account}:user/{name}")
    return "<User>" + _user_xml(state, caller.account, name) + "</User>"


def list_mfa_devices(state, caller, params):
    name = _iam_user_name(state, caller, params)
    _require_iam_allowed(caller, "ListMFADevices", f"arn:aws:iam::{caller.account}:user/{name}")
    with state.lock:
        members = "".join(
            "<member>" + x("UserName", d["user"]) + x("SerialNumber", d["serial"])
            + x("EnableDate", iso(d["enable_date"])) + "</member>"
            for d in state.devices.values()
            if d["account"] == caller.account and d["user"] == name and d["enabled"])
    return "<MFADevices>" + members + "</MFADevices><IsTruncated>false</IsTruncated>"


def create_virtual_mfa_device(state, caller, params):
    name = check_string(params, "VirtualMFADeviceName", 1, 226, r"[\w+=,.@-]+", r"[\w+=,.@-]+", must=True)
    path = check_string(params, "Path", 1, 512, r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)",
                        r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)") or "/"
    serial = f"arn:aws:iam::{caller.account}:mfa{path}{name}"
    _require_iam_allowed(caller, "CreateVirtualMFADevice", serial)
    seed = base64.b32encode(secrets.token_bytes(40)).decode()
    with state.lock:
        taken = {d["serial"].rsplit("/", 1)[-1].lower() for d in state.devices.values()
                 if d["account"] == caller.account}
        if name.lower() in taken:
            raise AwsError("EntityAlreadyExists", "MFADevice entity at the same path and name already exists.",
                           409)
        state.devices[serial] = state._device(serial, caller.account, seed)
    # The XML carries the base32 text of the seed base64-encoded (a blob), as AWS does.
    return ("<VirtualMFADevice>" + x("SerialNumber", serial)
            + x("Base32StringSeed", base64.b64encode(seed.encode()).decode())
            + x("QRCodePNG", base64.b64encode(TINY_PNG).decode()) + "</VirtualMFADevice>")


def _device_or_404(state, caller, serial):
    dev = state.devices.get(serial)
    if dev is None or dev["account"] != caller.account:
        raise AwsError("NoSuchEntity", f"VirtualMFADevice with serial number {serial} doesn't exist.", 404)
    return dev


def enable_mfa_device(state, caller, params):
    name = check_string(params, "UserName", 1, 128, r"[\w+=,.@-]+", r"[\w+=,.@-]+", must=True)
    serial = check_string(params, "SerialNumber", 9, 256, r"[\w+=/:,.@-]+", r"[\w+=/:,.@-]+", must=True)
    code1 = check_string(params, "AuthenticationCode1", 6, 6, r"[\d]+", r"[\d]+", must=True)
    code2 = check_string(params, "AuthenticationCode2", 6, 6, r"[\d]+", r"[\d]+", must=True)
    _require_iam_allowed(caller, "EnableMFADevice", f"arn:aws:iam::{caller.account}:user/{name}")
    if name not in state.accounts.get(caller.account, {}).get("users", {}):
        raise AwsError("NoSuchEntity", f"The user with name {name} cannot be found.", 404)
    with state.lock:
        dev = _device_or_404(state, caller, serial)
        if dev["user"] is not None:
            raise AwsError("EntityAlreadyExists", "MFA Device is already in use.", 409)
        if not state.check_consecutive(dev, code1, code2, state.now()):
            raise AwsError("InvalidAuthenticationCode", "Authentication code for device is not valid.", 403)
        dev.update(user=name, enabled=True, enable_date=int(state.now()))
    return None


def delete_virtual_mfa_device(state, caller, params):
    serial = check_string(params, "SerialNumber", 9, 256, r"[\w+=/:,.@-]+", r"[\w+=/:,.@-]+", must=True)
    _require_iam_allowed(caller, "DeleteVirtualMFADevice", serial)
    with state.lock:
        dev = _device_or_404(state, caller, serial)
        if dev["user"] is not None:
            raise AwsError("DeleteConflict", "MFA device is still in use.", 409)
        del state.devices[serial]
    return None


def list_virtual_mfa_devices(state, caller, params):
    status = params.get("AssignmentStatus", "Any")
    if status not in ("Assigned", "Unassigned", "Any"):
        raise invalid("assignmentStatus", status, "Member must satisfy enum value set: "
                                                  "[Unassigned, Any, Assigned]")
    _require_iam_allowed(caller, "ListVirtualMFADevices", f"arn:aws:iam::{caller.account}:mfa/")
    out = []
    with state.lock:
        for d in state.devices.values():
            if d["account"] != caller.account:
                continue
            assigned = d["user"] is not None
            if (status == "Assigned" and not assigned) or (status == "Unassigned" and assigned):
                continue
            item = x("SerialNumber", d["serial"])
            if assigned:
                item += ("<User>" + _user_xml(state, d["account"], d["user"]) + "</User>"
                         + x("EnableDate", iso(d["enable_date"])))
            out.append("<member>" + item + "</member>")
    return "<VirtualMFADevices>" + "".join(out) + "</VirtualMFADevices><IsTruncated>false</IsTruncated>"


ACTIONS = {
    "sts": {"GetCallerIdentity": get_caller_identity, "GetSessionToken": get_session_token,
            "AssumeRole": assume_role},
    "iam": {"GetUser": get_user, "ListMFADevices": list_mfa_devices,
            "CreateVirtualMFADevice": create_virtual_mfa_device, "EnableMFADevice": enable_mfa_device,
            "DeleteVirtualMFADevice": delete_virtual_mfa_device,
            "ListVirtualMFADevices": list_virtual_mfa_devices},
}


def success_document(service, action, result, request_id):
    ns = NAMESPACES[service]
    body = f'<{action}Response xmlns="{ns}">\n'
    if result is not None:
        body += f"  <{action}Result>{result}</{action}Result>\n"
    body += f"  <ResponseMetadata>\n    {x('RequestId', request_id)}\n  </ResponseMetadata>\n"
    return body + f"</{action}Response>\n"


def error_document(service, error, request_id):
    kind = "Receiver" if error.status >= 500 else "Sender"
    return (f'<ErrorResponse xmlns="{NAMESPACES.get(service, STS_NS)}">\n  <Error>\n'
            f"    {x('Type', kind)}\n    {x('Code', error.code)}\n    {x('Message', error.message)}\n"
            f"  </Error>\n  {x('RequestId', request_id)}\n</ErrorResponse>\n")
