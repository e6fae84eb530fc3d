"""Server-side SigV4 verification (header form), rebuilt from what actually arrived."""
import calendar
import hashlib
import hmac
import re
import time
from urllib.parse import quote, unquote

from state import AwsError

ALGORITHM = "AWS4-HMAC-SHA256"
SKEW_SECONDS = 300
SIG_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                "Check your AWS Secret Access Key and signing method. "
                "Consult the service documentation for details.")
_REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")


class Authorization:
    """The parsed Authorization header."""

    def __init__(self, access_key_id, date, region, service, signed_headers, signature):
        self.access_key_id = access_key_id
        self.date = date
        self.region = region
        self.service = service
        self.signed_headers = signed_headers
        self.signature = signature

    @property
    def scope(self):
        return f"{self.date}/{self.region}/{self.service}/aws4_request"


def _incomplete(message):
    return AwsError("IncompleteSignature", message, 403)


def parse_authorization(header, amz_date):
    """Returns Authorization or raises AwsError as AWS does for a malformed header."""
    if not header.startswith(ALGORITHM + " "):
        raise _incomplete("Authorization header requires 'Credential' parameter. Authorization header "
                          "requires 'Signature' parameter. Authorization header requires 'SignedHeaders' "
                          f"parameter. Authorization={header}")
    parts = {}
    for item in header[len(ALGORITHM) + 1:].split(","):
        key, sep, value = item.strip().partition("=")
        if sep:
            parts[key] = value
    missing = [f"Authorization header requires '{k}' parameter." for k in
               ("Credential", "Signature", "SignedHeaders") if not parts.get(k)]
    if amz_date is None:
        missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    if missing:
        raise _incomplete(" ".join(missing) + f" Authorization={header}")
    cred = parts["Credential"].split("/")
    if len(cred) != 5:
        raise AwsError("SignatureDoesNotMatch", "Credential should be scoped to a valid region. ", 403)
    if cred[4] != "aws4_request":
        raise AwsError("SignatureDoesNotMatch", "Credential should be scoped with a valid terminator: "
                       f"'aws4_request', not '{cred[4]}'. ", 403)
    return Authorization(cred[0], cred[1], cred[2], cred[3],
                         parts["SignedHeaders"].split(";"), parts["Signature"])


def parse_amz_date(value):
    if not re.fullmatch(r"\d{8}T\d{6}Z", value or ""):
        raise _incomplete(f"Date must be in ISO-8601 'basic format'. Got '{value}'. "
                          "See http://en.wikipedia.org/wiki/ISO_8601")
    return calendar.timegm(time.strptime(value, "%Y%m%dT%H%M%SZ"))


def _basic(unix):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(unix))


def check_scope_and_time(auth, amz_date, now, expected_service_region):
    """Scope date = X-Amz-Date's date, service/region sane, and the clock within 5 minutes."""
    request_time = parse_amz_date(amz_date)
    if auth.date != amz_date[:8]:
        raise AwsError("SignatureDoesNotMatch",
                       "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                       f"from HTTP: '{auth.date}' != '{amz_date[:8]}', from '{amz_date}'.", 403)
    service, region_ok = expected_service_region(auth.service, auth.region)
    if service is None:
        raise AwsError("SignatureDoesNotMatch",
                       f"Credential should be scoped to correct service: 'sts'. ", 403)
    if not region_ok:
        raise AwsError("SignatureDoesNotMatch", "Credential should be scoped to a valid region. ", 403)
    if request_time < now - SKEW_SECONDS:
        raise AwsError("SignatureDoesNotMatch",
                       f"Signature expired: {amz_date} is now earlier than {_basic(now - SKEW_SECONDS)} "
                       f"({_basic(now)} - 5 min.)", 403)
    if request_time > now + SKEW_SECONDS:
        raise AwsError("SignatureDoesNotMatch",
                       f"Signature not yet current: {amz_date} is still later than "
                       f"{_basic(now + SKEW_SECONDS)} ({_basic(now)} + 5 min.)", 403)


def valid_region(region):
    return bool(_REGION_RE.match(region))


def _canonical_query(raw_query):
    pairs = []
    for item in raw_query.split("&") if raw_query else []:
        key, _, value = item.partition("=")
        pairs.append((quote(unquote(key), safe="-_.~"), quote(unquote(value), safe="-_.~")))
    pairs.sort()
    return "&".join(f"{k}={v}" for k, v in pairs)


def canonical_request(method, raw_path, headers, auth, body):
    """headers: list of (name, value) as received."""
    path, _, query = raw_path.partition("?")
    uri = quote(path or "/", safe="/~%")
    by_name = {}
    for name, value in headers:
        by_name.setdefault(name.lower(), []).append(" ".join(value.split()))
    lines = []
    for name in auth.signed_headers:
        if name not in by_name:
            return None
        lines.append(f"{name}:{','.join(by_name[name])}\n")
    return "\n".join([method, uri, _canonical_query(query), "".join(lines),
                      ";".join(auth.signed_headers), hashlib.sha256(body).hexdigest()])


def signature(secret, auth, amz_date, creq):
    def h(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()
    key = h(h(h(h(("AWS4" + secret).encode(), auth.date), auth.region), auth.service), "aws4_request")
    string_to_sign = "\n".join([ALGORITHM, amz_date, auth.scope,
                                hashlib.sha256(creq.encode()).hexdigest()])
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def verify(secret, method, raw_path, headers, auth, amz_date, body):
    """Raises SignatureDoesNotMatch unless the signature is right (constant-time compare)."""
    signed = auth.signed_headers
    if signed != sorted(signed) or "host" not in signed or (
            "x-amz-date" not in signed and any(n.lower() == "x-amz-date" for n, _ in headers)):
        raise AwsError("SignatureDoesNotMatch", SIG_MISMATCH, 403)
    creq = canonical_request(method, raw_path, headers, auth, body)
    expected = signature(secret, auth, amz_date, creq) if creq is not None else ""
    if not hmac.compare_digest(expected.encode(), auth.signature.encode()):
        raise AwsError("SignatureDoesNotMatch", SIG_MISMATCH, 403)
