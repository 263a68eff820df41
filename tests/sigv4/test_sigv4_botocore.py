"""sigv4::SignRequest must sign exactly as botocore does (issue 6).

Generates random DynamoDB-like requests (random bodies, header values with
extra whitespace, duplicate and unsigned headers, query strings, paths, session
tokens, regions and dates), signs each with botocore.auth.SigV4Auth at a frozen
time, runs the C++ tool named by $SIGV4_SIGN_TOOL (tests/sigv4/sigv4_sign_tool)
on the same request and asserts the two Authorization headers are equal.

Run with Debian's python (/usr/bin/python3), which has python3-botocore.
"""

import datetime
import os
import random
import string
import subprocess
import types
from unittest import mock

import pytest

import botocore.auth
import botocore.credentials
from botocore.awsrequest import AWSRequest

TOOL = os.environ.get("SIGV4_SIGN_TOOL")
pytestmark = pytest.mark.skipif(
    not TOOL,
    reason="SIGV4_SIGN_TOOL is not set: point it at the sigv4_sign_tool binary "
    "(ctest sets it for the sigv4_botocore test)",
)

UNRESERVED = string.ascii_letters + string.digits + "-_.~"
OPERATIONS = ["PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan",
              "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "ListTables"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "local"]
# Whitespace that HTTP allows inside a header value and that botocore's
# str.split() and our Trimall both treat as a separator.
SPACES = [" ", "  ", "   ", "\t", " \t "]
CASES = 50
SEED = 20150830


def encoded_component(rng, max_len=12):
    """A URI-encoded query or path component, as a client would send it."""
    out = []
    for _ in range(rng.randint(0, max_len)):
        if rng.random() < 0.75:
            out.append(rng.choice(UNRESERVED))
        else:
            byte = rng.choice(b" !\"#$%&'()*+,/:;<=>?@[]^`{|}" + bytes(range(0x80, 0x100)))
            out.append("%%%02X" % byte)
    return "".join(out)


def random_query(rng):
    if rng.random() < 0.4:
        return ""
    pairs = []
    for _ in range(rng.randint(1, 5)):
        name = encoded_component(rng) or "k"
        if pairs and rng.random() < 0.2:
            name = pairs[0][0]  # A repeated name, sorted by value.
        if rng.random() < 0.15:
            pairs.append((name, None))  # "flag" without '='.
        else:
            pairs.append((name, encoded_component(rng)))
    return "&".join(n if v is None else f"{n}={v}" for n, v in pairs)


def random_path(rng):
    if rng.random() < 0.6:
        return "/"
    segments = [rng.choice([encoded_component(rng, 8) or "x", ".", "..", ""])
                for _ in range(rng.randint(1, 4))]
    return "/" + "/".join(segments) + rng.choice(["", "/"])


def spaced(rng, words):
    """Words joined by runs of whitespace, maybe with whitespace around them."""
    value = words[0]
    for word in words[1:]:
        value += rng.choice(SPACES) + word
    return rng.choice(["", " ", "  "]) + value + rng.choice(["", " ", "\t"])


def random_word(rng):
    alphabet = string.ascii_letters + string.digits + "-_./:;=,()\"'"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))


def random_body(rng):
    kind = rng.random()
    if kind < 0.1:
        return b""
    if kind < 0.2:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    text = "".join(rng.choice(string.printable + "éß日本語✓") for _ in range(rng.randint(1, 300)))
    return ('{"TableName":"orders","Item":{"pk":{"S":%s}}}' % repr(text)).encode("utf-8")


def random_date(rng):
    start = datetime.datetime(2015, 1, 1)
    return start + datetime.timedelta(seconds=rng.randrange(16 * 365 * 86400))


def random_request(rng, index):
    headers = [
        ("Host", rng.choice(["dynamodb.us-east-1.amazonaws.com", "localhost:8010",
                             "127.0.0.1:8010"])),
        ("Content-Type", "application/x-amz-json-1.0"),
        ("X-Amz-Target", "DynamoDB_20120810." + rng.choice(OPERATIONS)),
    ]
    for n in range(rng.randint(0, 4)):
        name = rng.choice(["X-Custom-%d" % n, "x-custom-%d" % n, "My-Header", "X-Amz-Meta-Thing"])
        headers.append((name, spaced(rng, [random_word(rng) for _ in range(rng.randint(1, 4))])))
    if rng.random() < 0.5:
        headers.append(("User-Agent", "Boto3/1.26.27  Python/3.11.2 Linux/6.1"))  # Never signed.
    if rng.random() < 0.2:
        headers.append(("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"))
    rng.shuffle(headers)
    secret = "".join(rng.choice(string.ascii_letters + string.digits + "+/")
                     for _ in range(40))
    token = ""
    if rng.random() < 0.4:
        token = "".join(rng.choice(string.ascii_letters + string.digits + "+/=")
                        for _ in range(rng.randint(20, 300)))
    return {
        "id": index,
        "method": "POST" if rng.random() < 0.85 else rng.choice(["GET", "PUT", "DELETE"]),
        "path": random_path(rng),
        "query": random_query(rng),
        "headers": headers,
        "body": random_body(rng),
        "date": random_date(rng),
        "access_key": "AKIA" + "".join(rng.choice(string.ascii_uppercase + string.digits)
                                       for _ in range(16)),
        "secret_key": secret,
        "session_token": token,
        "region": rng.choice(REGIONS),
    }


def botocore_authorization(req):
    frozen = req["date"]

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return cls(frozen.year, frozen.month, frozen.day, frozen.hour, frozen.minute,
                       frozen.second)

    url = "https://dynamodb.example.com" + req["path"]
    if req["query"]:
        url += "?" + req["query"]
    request = AWSRequest(method=req["method"], url=url, data=req["body"])
    for name, value in req["headers"]:
        request.headers[name] = value  # HTTPHeaders appends, so duplicates are kept.
    credentials = botocore.credentials.Credentials(
        req["access_key"], req["secret_key"], req["session_token"] or None)
    signer = botocore.auth.SigV4Auth(credentials, "dynamodb", req["region"])
    # SigV4Auth.add_auth reads the clock through botocore.auth.datetime.datetime.utcnow().
    with mock.patch("botocore.auth.datetime", types.SimpleNamespace(datetime=FrozenDatetime)):
        signer.add_auth(request)
    assert request.headers["X-Amz-Date"] == frozen.strftime("%Y%m%dT%H%M%SZ")
    return request.headers["Authorization"]


def tool_authorization(req):
    lines = [
        "method " + req["method"],
        "path " + req["path"],
        "query " + req["query"],
        "region " + req["region"],
        "service dynamodb",
        "date " + req["date"].strftime("%Y%m%dT%H%M%SZ"),
        "access_key " + req["access_key"],
        "secret_key " + req["secret_key"],
    ]
    if req["session_token"]:
        lines.append("session_token " + req["session_token"])
    lines += ["header %s:%s" % (name, value) for name, value in req["headers"]]
    lines.append("body_hex " + req["body"].hex())
    result = subprocess.run([TOOL], input="\n".join(lines).encode("utf-8") + b"\n",
                            capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode("utf-8").strip()


REQUESTS = [random_request(random.Random(SEED + i), i) for i in range(CASES)]


@pytest.mark.parametrize("req", REQUESTS, ids=[f"request{r['id']:02d}" for r in REQUESTS])
def test_authorization_matches_botocore(req):
    assert tool_authorization(req) == botocore_authorization(req)


def test_known_example_matches_botocore():
    """The IAM user guide's example, through both paths, to catch a broken harness."""
    req = {
        "method": "GET", "path": "/", "query": "Action=ListUsers&Version=2010-05-08",
        "headers": [("Host", "iam.amazonaws.com"),
                    ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
        "body": b"", "date": datetime.datetime(2015, 8, 30, 12, 36, 0),
        "access_key": "AKIDEXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "session_token": "", "region": "us-east-1",
    }
    ours = tool_authorization(req)
    # Signed for "dynamodb", so not AWS's published value; both must still agree.
    assert ours == botocore_authorization(req)
    assert ours.startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/"
                           "aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=")
