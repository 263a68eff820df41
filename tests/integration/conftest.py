"""Fixtures for the integration tests: a real `ordertrack serve` process driven
over HTTP by boto3, the AWS CLI and raw http.client.

The binary comes from $ORDERTRACK_BIN, else ../../build/ordertrack relative to
this file. One server is shared by the whole session (fresh temp data dir,
--listen 127.0.0.1:0); tests that need their own process use start_server.
"""
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import boto3
import pytest
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get('ORDERTRACK_BIN') or os.path.normpath(
    os.path.join(HERE, '..', '..', 'build', 'ordertrack'))

SERVING_LINE = re.compile(r'^ordertrack serving on (?P<scheme>https?)://(?P<host>[0-9.]+):(?P<port>\d+) '
                          r'\((?:data: |backend )(?P<where>.*)\)$')
START_TIMEOUT = 10.0
REGION = 'us-east-1'
DUMMY_KEY = 'AKIDDUMMYKEY'
DUMMY_SECRET = 'dummysecret'


class Server:
    """One `ordertrack serve` process on 127.0.0.1:<free port>."""

    def __init__(self, data_dir, extra_args=(), listen='127.0.0.1:0'):
        self.data_dir = data_dir
        self.args = [BIN, 'serve', '--listen', listen, '--data', data_dir] + list(extra_args)
        self._stderr_file = tempfile.NamedTemporaryFile(prefix='ordertrack-stderr-', delete=False)
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self._stderr_file)
        self.first_line = None
        self._unread = b''  # stdout read past the first line
        self.scheme = None
        self.host = None
        self.port = None
        self.returncode = None

    def stderr(self):
        with open(self._stderr_file.name, 'rb') as f:
            return f.read().decode('utf-8', 'replace')

    def read_first_line(self, timeout=START_TIMEOUT):
        """The first stdout line, or None if the process exited or timed out."""
        return self.read_line(timeout)

    def read_line(self, timeout=START_TIMEOUT):
        """The next stdout line, or None if the process exited or timed out."""
        fd = self.proc.stdout.fileno()
        buf = self._unread
        deadline = time.monotonic() + timeout
        while b'\n' not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                return None
            buf += chunk
        line, self._unread = buf.split(b'\n', 1)
        return line.decode('utf-8', 'replace')

    def wait_serving(self):
        line = self.read_first_line()
        if line is None:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            pytest.fail('ordertrack serve did not print its serving line within %ss '
                        '(exit %s); args %s; stderr:\n%s'
                        % (START_TIMEOUT, self.proc.returncode, self.args, self.stderr()))
        self.first_line = line
        m = SERVING_LINE.match(line)
        assert m, 'unexpected first stdout line %r; stderr:\n%s' % (line, self.stderr())
        self.scheme, self.host, self.port = m.group('scheme'), m.group('host'), int(m.group('port'))
        assert self.port != 0
        if '--backend' not in self.args:
            assert m.group('where') == self.data_dir
        return self

    @property
    def url(self):
        return '%s://%s:%d' % (self.scheme, self.host, self.port)

    def client(self, key=DUMMY_KEY, secret=DUMMY_SECRET, **config):
        return make_client(self.url, key, secret, **config)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Send sig and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                pytest.fail('server did not exit within %ss of signal %s; stderr:\n%s'
                            % (timeout, sig, self.stderr()))
        self.returncode = self.proc.returncode
        return self.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.returncode = self.proc.returncode
        return self.returncode

    def cleanup(self):
        self.kill()
        try:
            self.proc.stdout.close()
        except Exception:
            pass
        try:
            os.unlink(self._stderr_file.name)
        except OSError:
            pass


def make_client(url, key=DUMMY_KEY, secret=DUMMY_SECRET, verify=None, **config):
    """verify: for https, the CA file to trust (None: the system store)."""
    cfg = dict(retries={'max_attempts': 1}, connect_timeout=5, read_timeout=30)
    cfg.update(config)
    return boto3.client('dynamodb', endpoint_url=url, region_name=REGION,
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        verify=verify, config=Config(**cfg))


@pytest.fixture(scope='session')
def binary():
    if not (os.path.isfile(BIN) and os.access(BIN, os.X_OK)):
        pytest.fail('ordertrack binary not found at %s (set ORDERTRACK_BIN)' % BIN)
    return BIN


@pytest.fixture(scope='session')
def server(binary):
    data_dir = tempfile.mkdtemp(prefix='ordertrack-it-')
    srv = Server(data_dir)
    try:
        srv.wait_serving()
        yield srv
        rc = srv.stop(signal.SIGTERM)
        assert rc == 0, 'server exited %s on SIGTERM; stderr:\n%s' % (rc, srv.stderr())
    finally:
        srv.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope='session')
def dynamodb(server):
    """A boto3 DynamoDB client on the session server."""
    return server.client()


@pytest.fixture(scope='session')
def dynamodb_noval(server):
    """Same, without botocore's client-side parameter validation, so that
    the server's own validation answers."""
    return server.client(parameter_validation=False)


def unique_name(prefix='t'):
    return '%s_%s' % (prefix, uuid.uuid4().hex[:16])


def wait_table_active(client, name, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        desc = client.describe_table(TableName=name)['Table']
        if desc['TableStatus'] == 'ACTIVE':
            return desc
        assert time.monotonic() < deadline, 'table %s not ACTIVE: %s' % (name, desc)
        time.sleep(0.05)


def delete_table_quietly(client, name):
    try:
        client.delete_table(TableName=name)
    except client.exceptions.ResourceNotFoundException:
        pass


@pytest.fixture
def make_table(dynamodb):
    """Factory: make_table(hash=('p','S'), range=None, **create_table kwargs)
    creates a uniquely named PAY_PER_REQUEST table, waits for ACTIVE and
    returns its name; every table made is deleted after the test."""
    made = []

    def make(hash=('p', 'S'), range=None, prefix='t', extra_attrs=(), **kwargs):
        name = unique_name(prefix)
        key_schema = [{'AttributeName': hash[0], 'KeyType': 'HASH'}]
        attrs = {hash[0]: hash[1]}
        if range:
            key_schema.append({'AttributeName': range[0], 'KeyType': 'RANGE'})
            attrs[range[0]] = range[1]
        for a, t in extra_attrs:
            attrs[a] = t
        args = dict(TableName=name, KeySchema=key_schema,
                    AttributeDefinitions=[{'AttributeName': a, 'AttributeType': t}
                                          for a, t in attrs.items()])
        if 'ProvisionedThroughput' not in kwargs:
            args['BillingMode'] = 'PAY_PER_REQUEST'
        args.update(kwargs)
        dynamodb.create_table(**args)
        made.append(name)
        wait_table_active(dynamodb, name)
        return name

    yield make
    for name in made:
        delete_table_quietly(dynamodb, name)


@pytest.fixture
def table(make_table):
    """A fresh table with hash key p (S) and no sort key."""
    return make_table()


@pytest.fixture
def table_sn(make_table):
    """A fresh table with hash key p (S) and sort key c (N)."""
    return make_table(hash=('p', 'S'), range=('c', 'N'))


@pytest.fixture
def start_server(binary):
    """Factory for extra servers: start_server(extra_args=(), data_dir=None,
    wait=True, listen='127.0.0.1:0'). Every server started is killed at the end of the test if
    it still runs; temp data dirs made here are removed."""
    servers = []
    dirs = []

    def start(extra_args=(), data_dir=None, wait=True, listen='127.0.0.1:0'):
        if data_dir is None:
            data_dir = tempfile.mkdtemp(prefix='ordertrack-it-extra-')
            dirs.append(data_dir)
        srv = Server(data_dir, extra_args, listen=listen)
        servers.append(srv)
        if wait:
            srv.wait_serving()
        return srv

    start.new_dir = lambda: (dirs.append(tempfile.mkdtemp(prefix='ordertrack-it-extra-')) or dirs[-1])
    yield start
    for srv in servers:
        srv.cleanup()
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)


def raw_request(port, target=None, body=b'', method='POST', path='/', headers=None,
                content_type='application/x-amz-json-1.0', timeout=10, tls=None):
    """One request over a fresh http.client connection (HTTPS with the
    ssl.SSLContext `tls`); returns (status, headers dict with lower-case
    names, body bytes)."""
    if tls is None:
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    else:
        conn = http.client.HTTPSConnection('127.0.0.1', port, timeout=timeout, context=tls)
    try:
        h = {}
        if content_type:
            h['Content-Type'] = content_type
        if target is not None:
            h['X-Amz-Target'] = target
        if headers:
            h.update(headers)
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


def dynamo_request(port, operation, payload, headers=None):
    """A DynamoDB JSON request by hand; returns (status, headers, parsed body)."""
    status, hdrs, data = raw_request(port, 'DynamoDB_20120810.' + operation,
                                     json.dumps(payload), headers=headers)
    return status, hdrs, (json.loads(data) if data else None)


def error_type(body):
    """The short name of a DynamoDB error's __type."""
    return body['__type'].split('#')[-1]


def scan_all(client, table, **kwargs):
    items = []
    kwargs = dict(kwargs)
    while True:
        r = client.scan(TableName=table, **kwargs)
        items.extend(r.get('Items', []))
        if 'LastEvaluatedKey' not in r:
            return items
        kwargs['ExclusiveStartKey'] = r['LastEvaluatedKey']


def healthz(port):
    status, _, body = raw_request(port, method='GET', path='/healthz', content_type=None)
    return status, body
