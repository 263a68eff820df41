"""`ordertrack serve --tls-cert FILE --tls-key FILE` (issue 14): HTTPS driven
by boto3, the AWS CLI, curl and the project's own remote client, each
trusting a self-signed certificate made with the openssl command for this
module; plain HTTP to the TLS port refused; bad TLS arguments refused."""
import json
import os
import socket
import ssl
import subprocess
import tempfile
import uuid

import botocore.exceptions
import pytest

from conftest import (BIN, Server, raw_request, unique_name, wait_table_active,
                      delete_table_quietly)
from test_orders_rest import create

AWS = '/usr/bin/aws'


@pytest.fixture(scope='module')
def cert(tmp_path_factory):
    """(certificate file, which is also the CA file, key file) for 127.0.0.1 and localhost."""
    d = tmp_path_factory.mktemp('tls')
    cert_file, key_file = str(d / 'cert.pem'), str(d / 'key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
                    '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
                    '-keyout', key_file, '-out', cert_file],
                   check=True, capture_output=True, timeout=60)
    return cert_file, key_file


@pytest.fixture(scope='module')
def tls_server(binary, cert):
    data_dir = tempfile.mkdtemp(prefix='ordertrack-it-tls-')
    srv = Server(data_dir, ['--tls-cert', cert[0], '--tls-key', cert[1]])
    try:
        srv.wait_serving()
        yield srv
        rc = srv.stop()
        assert rc == 0, 'server exited %s on SIGTERM; stderr:\n%s' % (rc, srv.stderr())
    finally:
        srv.cleanup()


@pytest.fixture
def ca(cert):
    return cert[0]


def clean_env(**extra):
    """An environment with no AWS settings of the user's."""
    home = tempfile.mkdtemp(prefix='ordertrack-it-tls-home-')
    env = {'PATH': '/usr/bin:/bin', 'HOME': home, 'AWS_ACCESS_KEY_ID': 'AKIDTLS',
           'AWS_SECRET_ACCESS_KEY': 'tlssecret', 'AWS_DEFAULT_REGION': 'us-east-1',
           'AWS_CONFIG_FILE': os.path.join(home, 'config'),
           'AWS_SHARED_CREDENTIALS_FILE': os.path.join(home, 'credentials'), 'AWS_PAGER': ''}
    env.update(extra)
    return env


def run(args, env, timeout=60):
    return subprocess.run([str(a) for a in args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)


def test_start_line_says_https(tls_server):
    assert tls_server.scheme == 'https'
    assert tls_server.first_line.startswith('ordertrack serving on https://127.0.0.1:')


def test_boto3_over_https_trusting_the_ca_file(tls_server, ca):
    client = tls_server.client(verify=ca)
    name = unique_name('tls')
    client.create_table(TableName=name, BillingMode='PAY_PER_REQUEST',
                        KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                        AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
    try:
        wait_table_active(client, name)
        client.put_item(TableName=name, Item={'p': {'S': 'k'}, 'v': {'N': '1'}})
        assert client.get_item(TableName=name, Key={'p': {'S': 'k'}})['Item']['v'] == {'N': '1'}
    finally:
        delete_table_quietly(client, name)
    with pytest.raises(botocore.exceptions.SSLError, match='CERTIFICATE_VERIFY_FAILED'):
        tls_server.client().list_tables()  # the system store does not know the certificate


def test_aws_cli_with_ca_bundle(tls_server, ca):
    if not os.access(AWS, os.X_OK):
        pytest.fail('the AWS CLI is not at %s' % AWS)
    cmd = [AWS, 'dynamodb', 'list-tables', '--endpoint-url', tls_server.url, '--output', 'json']
    ok = run(cmd + ['--ca-bundle', ca], clean_env())
    assert ok.returncode == 0, ok.stderr
    assert 'TableNames' in json.loads(ok.stdout)
    refused = run(cmd, clean_env())
    assert refused.returncode != 0
    assert 'CERTIFICATE_VERIFY_FAILED' in refused.stderr, refused.stderr


def test_curl_with_cacert(tls_server, ca):
    url = tls_server.url
    health = run(['curl', '-sS', '--fail', '--cacert', ca, url + '/healthz'], clean_env())
    assert health.returncode == 0, health.stderr
    assert health.stdout.strip() == 'ok'
    by_name = run(['curl', '-sS', '--fail', '--cacert', ca,
                   'https://localhost:%d/healthz' % tls_server.port], clean_env())
    assert by_name.returncode == 0, by_name.stderr
    tables = run(['curl', '-sS', '--fail', '--cacert', ca, '-X', 'POST', url + '/',
                  '-H', 'X-Amz-Target: DynamoDB_20120810.ListTables',
                  '-H', 'Content-Type: application/x-amz-json-1.0', '-d', '{}'], clean_env())
    assert tables.returncode == 0, tables.stderr
    assert 'TableNames' in json.loads(tables.stdout)
    untrusted = run(['curl', '-sS', url + '/healthz'], clean_env())
    assert untrusted.returncode == 60, untrusted.stderr  # CURLE_PEER_FAILED_VERIFICATION


def test_remote_client_trusts_aws_ca_bundle(tls_server, ca):
    user, product = str(uuid.uuid4()), str(uuid.uuid4())
    create_order = [BIN, 'orders', 'create', '--url', tls_server.url, '--user', user,
                    '--product', product, '--json']
    made = run(create_order, clean_env(AWS_CA_BUNDLE=ca))
    assert made.returncode == 0, made.stderr
    order = json.loads(made.stdout)
    assert order['user_id'] == user
    seen = run([BIN, 'orders', 'get', order['order_id'], '--url', tls_server.url, '--json'],
               clean_env(AWS_CA_BUNDLE=ca))
    assert seen.returncode == 0, seen.stderr
    assert json.loads(seen.stdout) == order
    # The same order through the REST API over HTTPS.
    context = ssl.create_default_context(cafile=ca)
    status, _, body = raw_request(tls_server.port, method='GET', path='/v1/orders/' + order['order_id'],
                                  content_type=None, tls=context)
    assert status == 200 and json.loads(body) == order


def test_keys_command_over_https_trusts_aws_ca_bundle(tls_server, ca):
    # Only listing: a key made here would close this module's open server.
    listed = run([BIN, 'keys', 'list', '--url', tls_server.url], clean_env(AWS_CA_BUNDLE=ca))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == '(no keys)\n'
    refused = run([BIN, 'keys', 'list', '--url', tls_server.url], clean_env())
    assert refused.returncode == 1 and 'certificate verify failed' in refused.stderr


def test_remote_client_without_the_ca_fails_in_one_line(tls_server):
    args = [BIN, 'orders', 'create', '--url', tls_server.url, '--user', str(uuid.uuid4()),
            '--product', str(uuid.uuid4())]
    untrusted = run(args, clean_env(), timeout=20)
    missing = run(args, clean_env(AWS_CA_BUNDLE='/no/such/ca.pem'), timeout=20)
    for refused in (untrusted, missing):
        assert refused.returncode != 0
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    # Not retried: an untrusted certificate stays untrusted.
    assert 'certificate verify failed' in untrusted.stderr, untrusted.stderr
    assert 'gave up after' not in untrusted.stderr, untrusted.stderr
    assert 'CA bundle /no/such/ca.pem' in missing.stderr, missing.stderr


def test_backend_dynamodb_over_https(tls_server, ca, start_server, monkeypatch):
    monkeypatch.setenv('AWS_CA_BUNDLE', ca)
    front = start_server(extra_args=['--backend', 'dynamodb', '--endpoint', tls_server.url,
                                     '--region', 'us-east-1'])
    assert front.scheme == 'http'
    order = create(front)
    context = ssl.create_default_context(cafile=ca)
    status, _, body = raw_request(tls_server.port, method='GET', path='/v1/orders/' + order['order_id'],
                                  content_type=None, tls=context)
    assert status == 200 and json.loads(body) == order


def test_plain_http_to_the_tls_port_is_refused(tls_server, ca):
    status, headers, body = raw_request(tls_server.port, method='GET', path='/healthz',
                                        content_type=None)
    assert status == 400
    assert body == b'this port speaks HTTPS\n'
    assert headers['connection'] == 'close'
    status, _, body = raw_request(tls_server.port, method='GET', path='/healthz', content_type=None,
                                  tls=ssl.create_default_context(cafile=ca))
    assert (status, body) == (200, b'ok\n')


def test_garbage_instead_of_a_handshake_closes_and_the_server_goes_on(tls_server, ca):
    with socket.create_connection(('127.0.0.1', tls_server.port), timeout=10) as s:
        s.sendall(b'\x16\x03\x01\x00\x04\x02\x00\x00\x00')  # a ServerHello, from a client
        while s.recv(256):
            pass
    status, _, _ = raw_request(tls_server.port, method='GET', path='/healthz', content_type=None,
                               tls=ssl.create_default_context(cafile=ca))
    assert status == 200


@pytest.mark.parametrize('given', [['--tls-cert'], ['--tls-key']])
def test_one_tls_file_without_the_other_is_refused(binary, cert, tmp_path, given):
    proc = run([BIN, 'serve', '--listen', '127.0.0.1:0', '--data', tmp_path / 'data',
                given[0], cert[0]], os.environ.copy(), timeout=20)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and '--tls-cert' in lines[0] and '--tls-key' in lines[0], lines
    assert proc.stdout == ''


def test_a_key_that_is_not_the_certificates_is_refused_naming_the_file(binary, cert, tmp_path):
    other_key = str(tmp_path / 'other.pem')
    subprocess.run(['openssl', 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256',
                    '-out', other_key], check=True, capture_output=True, timeout=60)
    proc = run([BIN, 'serve', '--listen', '127.0.0.1:0', '--data', tmp_path / 'data',
                '--tls-cert', cert[0], '--tls-key', other_key], os.environ.copy(), timeout=20)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and 'TLS private key file ' + other_key in lines[0], lines
    secret = open(other_key).read().splitlines()[1]
    assert secret not in proc.stderr
