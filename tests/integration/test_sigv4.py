"""A server started with --credentials: SigV4 acceptance and refusal."""
import datetime
import json
import os
import shutil
import signal
import tempfile
from unittest import mock

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore import UNSIGNED
from botocore.exceptions import ClientError

from conftest import Server, make_client, raw_request, error_type

KEY, SECRET = 'AKIDORDERTRACK', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
KEY2, SECRET2 = 'AKIDSECOND', 'second-secret'
BAD_SIGNATURE = ('The request signature we calculated does not match the signature you provided. '
                 'Check your AWS Secret Access Key and signing method. Consult the service documentation '
                 'for details.')


@pytest.fixture(scope='module')
def signed_server(binary):
    d = tempfile.mkdtemp(prefix='ordertrack-it-sigv4-')
    creds = os.path.join(d, 'credentials')
    with open(creds, 'w') as f:
        f.write('# test keys\n%s %s\n\n%s %s\n' % (KEY, SECRET, KEY2, SECRET2))
    srv = Server(os.path.join(d, 'data'), ['--credentials', creds])
    try:
        srv.wait_serving()
        yield srv
        assert srv.stop(signal.SIGTERM) == 0, srv.stderr()
    finally:
        srv.cleanup()
        shutil.rmtree(d, ignore_errors=True)


def client_error(fn, **kwargs):
    with pytest.raises(ClientError) as e:
        fn(**kwargs)
    assert e.value.response['ResponseMetadata']['HTTPStatusCode'] == 400
    return e.value.response['Error']


def test_right_keys_work(signed_server):
    for key, secret in ((KEY, SECRET), (KEY2, SECRET2)):
        c = make_client(signed_server.url, key, secret)
        assert 'TableNames' in c.list_tables()
    c = make_client(signed_server.url, KEY, SECRET)
    c.create_table(TableName='signed', BillingMode='PAY_PER_REQUEST',
                   KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                   AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
    # A body with non-ASCII text and a large item are signed over exactly.
    item = {'p': {'S': 'ключ ☃'}, 'v': {'S': 'x' * 100000}, 'b': {'B': bytes(range(256))}}
    c.put_item(TableName='signed', Item=item)
    assert c.get_item(TableName='signed', Key={'p': {'S': 'ключ ☃'}}, ConsistentRead=True)['Item'] == item
    # A region other than us-east-1 signs differently and still verifies.
    import boto3
    other = boto3.client('dynamodb', endpoint_url=signed_server.url, region_name='eu-west-1',
                         aws_access_key_id=KEY2, aws_secret_access_key=SECRET2,
                         config=Config(retries={'max_attempts': 1}))
    assert 'signed' in other.list_tables()['TableNames']


def test_wrong_secret(signed_server):
    c = make_client(signed_server.url, KEY, SECRET + 'x')
    err = client_error(c.list_tables)
    assert err['Code'] == 'InvalidSignatureException'
    assert err['Message'].startswith(BAD_SIGNATURE)
    # Another user's secret with this key id is wrong as well.
    err = client_error(make_client(signed_server.url, KEY, SECRET2).list_tables)
    assert err['Code'] == 'InvalidSignatureException'


def test_unknown_key_id(signed_server):
    c = make_client(signed_server.url, 'AKIDUNKNOWN', SECRET)
    err = client_error(c.list_tables)
    assert err['Code'] == 'UnrecognizedClientException'
    assert err['Message'] == 'The security token included in the request is invalid.'


def test_unsigned_requests(signed_server):
    status, headers, body = raw_request(signed_server.port, 'DynamoDB_20120810.ListTables', '{}')
    assert status == 400
    doc = json.loads(body)
    assert error_type(doc) == 'MissingAuthenticationTokenException'
    assert doc['message'] == 'Request is missing Authentication Token'
    assert headers.get('x-amzn-requestid')
    c = make_client(signed_server.url, signature_version=UNSIGNED)
    err = client_error(c.list_tables)
    assert err['Code'] == 'MissingAuthenticationTokenException'
    assert err['Message'] == 'Request is missing Authentication Token'
    # /healthz needs no signature.
    status, _, body = raw_request(signed_server.port, method='GET', path='/healthz', content_type=None)
    assert status == 200


def signed_raw(server, operation, payload, key=KEY, secret=SECRET, tamper=None):
    body = json.dumps(payload).encode()
    req = AWSRequest(method='POST', url=server.url + '/', data=body, headers={
        'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.' + operation})
    SigV4Auth(Credentials(key, secret), 'dynamodb', 'us-east-1').add_auth(req)
    headers = dict(req.headers.items())
    if tamper:
        body = tamper(body)
    return raw_request(server.port, None, body, headers=headers, content_type=None)


def test_body_changed_after_signing(signed_server):
    status, _, body = signed_raw(signed_server, 'ListTables', {'Limit': 5})
    assert status == 200, body
    status, _, body = signed_raw(signed_server, 'ListTables', {'Limit': 5},
                                 tamper=lambda b: b.replace(b'5', b'6'))
    assert status == 400
    doc = json.loads(body)
    assert error_type(doc) == 'InvalidSignatureException'
    assert doc['message'].startswith(BAD_SIGNATURE)


class _OldClock(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return datetime.datetime(2020, 1, 1, 0, 0, 0)


def test_expired_signature(signed_server):
    with mock.patch('botocore.auth.datetime.datetime', _OldClock):
        status, _, body = signed_raw(signed_server, 'ListTables', {})
    assert status == 400
    doc = json.loads(body)
    assert error_type(doc) == 'InvalidSignatureException'
    assert doc['message'].startswith('Signature expired: 20200101T000000Z is now earlier than ')
    assert doc['message'].endswith(' - 15 min.)')
