"""Access control of `ordertrack serve` end to end: the start-up decision
(open on loopback and saying so, refusing a non-loopback address unless both
APIs are protected or --insecure), keys made with the CLI on --data and
through a running server, Bearer keys on the REST API with boto3's SigV4 on
the DynamoDB API beside them, the history's actor, curl, and bad
Authorization headers that leave the server up and the store unchanged."""
import json
import os
import subprocess
import uuid

import pytest

from conftest import BIN, raw_request, healthz

ADMIN_ENV = 'ORDERTRACK_API_KEY'


def run(*args, env=None, check=True):
    full_env = dict(os.environ)
    full_env.pop(ADMIN_ENV, None)
    full_env.update(env or {})
    proc = subprocess.run([BIN] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, env=full_env)
    if check:
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return proc


def make_key(data, name, role):
    """A key made by the CLI on the data directory; returns its token."""
    made = json.loads(run('keys', 'create', '--data', data, '--name', name, '--role', role,
                          '--json').stdout)
    assert made['name'] == name and made['role'] == role
    return made['token']


def rest(port, method, path, token=None, body=None, headers=None):
    h = dict(headers or {})
    if token is not None:
        h['Authorization'] = 'Bearer ' + token
    status, hdrs, data = raw_request(port, method=method, path=path,
                                     body=json.dumps(body) if body is not None else b'',
                                     headers=h, content_type='application/json' if body else None)
    parsed = json.loads(data) if 'json' in hdrs.get('content-type', '') else data
    return status, hdrs, parsed


@pytest.fixture
def creds_file(tmp_path):
    path = tmp_path / 'credentials'
    path.write_text('AKIDACCESS secretaccess\n')
    return str(path)


def test_open_on_loopback_and_says_so(start_server):
    srv = start_server()
    line = srv.read_line()
    assert line.startswith('access: open to anyone on this machine:'), line
    assert 'REST API' in line and 'DynamoDB API' in line
    assert healthz(srv.port) == (200, b'ok\n')


def test_refuses_a_non_loopback_address_unless_protected_or_insecure(start_server, tmp_path,
                                                                     creds_file):
    data = str(tmp_path / 'data')
    refused = start_server(data_dir=data, listen='0.0.0.0:0', wait=False)
    assert refused.proc.wait(timeout=20) == 1
    err = refused.stderr().strip().splitlines()
    assert len(err) == 1 and 'not a loopback address' in err[0] and '--insecure' in err[0], err

    # Keys alone are not enough: the DynamoDB API would stay open.
    make_key(data, 'ops', 'admin')
    refused = start_server(data_dir=data, listen='0.0.0.0:0', wait=False)
    assert refused.proc.wait(timeout=20) == 1
    assert 'the DynamoDB API (no --credentials)' in refused.stderr()

    insecure = start_server(['--insecure'], data_dir=data, listen='0.0.0.0:0')
    warning = insecure.read_line()
    assert warning.startswith('WARNING: --insecure: open to anyone who reaches 0.0.0.0'), warning
    status, body = healthz(insecure.port)
    assert status == 200 and body.startswith(b'ok\nwarning: --insecure'), body
    insecure.stop()

    protected = start_server(['--credentials', creds_file], data_dir=data, listen='0.0.0.0:0')
    line = protected.read_line()
    assert line.startswith('access: the REST API needs API keys'), line
    assert 'WARNING: without --tls-cert, API keys cross the network in clear' in line
    assert healthz(protected.port) == (200, b'ok\n')


def test_keys_protect_rest_and_name_the_actor(start_server, tmp_path, creds_file):
    data = str(tmp_path / 'data')
    admin = make_key(data, 'ops', 'admin')
    writer = make_key(data, 'frontend', 'writer')
    reader = make_key(data, 'auditor', 'reader')
    listed = run('keys', 'list', '--data', data).stdout
    assert listed.splitlines()[0].split() == ['NAME', 'ROLE', 'CREATED', 'LAST', 'USED', 'REVOKED']
    assert [l.split()[:2] for l in listed.splitlines()[1:]] == [
        ['auditor', 'reader'], ['frontend', 'writer'], ['ops', 'admin']]
    for token in (admin, writer, reader):
        assert token[20:] not in listed

    srv = start_server(['--credentials', creds_file], data_dir=data)
    user, product = str(uuid.uuid4()), str(uuid.uuid4())
    order = {'user_id': user, 'product_id': product}

    status, hdrs, problem = rest(srv.port, 'POST', '/v1/orders', body=order)
    assert status == 401 and hdrs['www-authenticate'] == 'Bearer realm="ordertrack"'
    assert hdrs['content-type'] == 'application/problem+json' and problem['status'] == 401
    assert rest(srv.port, 'POST', '/v1/orders', reader, order)[0] == 403
    status, hdrs, made = rest(srv.port, 'POST', '/v1/orders', writer, order)
    assert status == 201, made
    status, _, changed = rest(srv.port, 'PATCH', '/v1/orders/' + made['order_id'], admin,
                              {'status': 'completed'})
    assert status == 200, changed
    status, _, got = rest(srv.port, 'GET', '/v1/orders/' + made['order_id'], reader)
    assert [(h['status'], h['by']) for h in got['history']] == [
        ('in_progress', 'frontend'), ('completed', 'ops')]
    assert rest(srv.port, 'GET', '/v1/openapi.json')[0] == 200

    # curl, as an operator would.
    out = subprocess.run(['curl', '-sS', '-H', 'Authorization: Bearer ' + reader,
                          'http://127.0.0.1:%d/v1/users/%s/stats' % (srv.port, user)],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert json.loads(out)['completed'] == 1

    # /metrics stays open and names no key, order or user.
    status, _, metrics = rest(srv.port, 'GET', '/metrics')
    text = metrics.decode()
    assert status == 200 and 'reason="missing"' in text and 'reason="forbidden"' in text
    for secret in ('ops', 'frontend', 'auditor', made['order_id'], user, reader[3:19]):
        assert secret not in text


def test_key_lifecycle_through_a_running_server(start_server, tmp_path, creds_file):
    data = str(tmp_path / 'data')
    admin = make_key(data, 'ops', 'admin')
    srv = start_server(['--credentials', creds_file], data_dir=data)
    url = srv.url

    no_key = run('keys', 'list', '--url', url, check=False)
    assert no_key.returncode == 1 and len(no_key.stderr.splitlines()) == 1
    assert '401' in no_key.stderr and ADMIN_ENV in no_key.stderr

    as_admin = {ADMIN_ENV: admin}
    made = run('keys', 'create', '--url', url, '--name', 'robot', '--role', 'writer', env=as_admin)
    lines = made.stdout.splitlines()
    assert lines[0] == 'created key robot (writer)'
    token = lines[1]
    assert token.startswith('ot_') and len(token) == 84
    assert 'shown once' in lines[2]
    robot = {ADMIN_ENV: token}
    refused = run('keys', 'list', '--url', url, env=robot, check=False)
    assert refused.returncode == 1 and '403' in refused.stderr and 'admin role' in refused.stderr

    order = {'user_id': str(uuid.uuid4()), 'product_id': str(uuid.uuid4())}
    assert rest(srv.port, 'POST', '/v1/orders', token, order)[0] == 201
    listed = json.loads(run('keys', 'list', '--url', url, '--json', env=as_admin).stdout)
    robot_row = [k for k in listed['keys'] if k['name'] == 'robot'][0]
    assert robot_row['last_used'] is not None and 'token' not in robot_row

    revoked = run('keys', 'revoke', 'robot', '--url', url, env=as_admin)
    assert revoked.stdout.startswith('revoked key robot (writer) at ')
    status, hdrs, problem = rest(srv.port, 'POST', '/v1/orders', token, order)
    assert status == 401 and 'revoked' in problem['detail']
    assert 'error="invalid_token"' in hdrs['www-authenticate']
    again = run('keys', 'revoke', 'robot', '--url', url, env=as_admin)
    assert again.stdout == revoked.stdout
    unknown = run('keys', 'revoke', 'nobody', '--url', url, env=as_admin, check=False)
    assert unknown.returncode == 1 and '404' in unknown.stderr
    taken = run('keys', 'create', '--url', url, '--name', 'robot', '--role', 'reader',
                env=as_admin, check=False)
    assert taken.returncode == 1 and '409' in taken.stderr and 'already exists' in taken.stderr


def test_bad_authorization_headers_leave_the_server_up_and_the_store_unchanged(
        start_server, tmp_path, creds_file):
    data = str(tmp_path / 'data')
    admin = make_key(data, 'ops', 'admin')
    other_data = str(tmp_path / 'other')
    foreign = make_key(other_data, 'ops', 'admin')  # another store's key of the same name
    srv = start_server(['--credentials', creds_file], data_dir=data)
    order = {'user_id': str(uuid.uuid4()), 'product_id': str(uuid.uuid4())}
    for authorization in ['Bearer', 'Bearer ' + admin[:-1], 'Bearer ' + admin + 'x',
                          'Basic ' + admin, 'bearer\t', 'Bearer ' + foreign,
                          'Bearer ' + 'x' * 12000, 'Bearer ot_' + '\u00e9' * 40]:
        status, hdrs, problem = rest(srv.port, 'POST', '/v1/orders', body=order,
                                     headers={'Authorization': authorization})
        assert status == 401, (authorization[:20], problem)
        assert admin[20:] not in json.dumps(problem)
    # Past the server's header limit: a 431, and the server goes on.
    status, _, _ = rest(srv.port, 'GET', '/v1/keys', headers={'Authorization': 'Bearer ' + 'x' * 40000})
    assert status == 431
    status, _, keys = rest(srv.port, 'GET', '/v1/keys', admin)
    assert status == 200 and [k['name'] for k in keys['keys']] == ['ops']
    status, _, stats = rest(srv.port, 'GET', '/v1/users/%s/stats' % order['user_id'], admin)
    assert stats['total'] == 0


def test_dynamodb_api_keeps_sigv4_beside_rest_keys(start_server, tmp_path, creds_file):
    data = str(tmp_path / 'data')
    make_key(data, 'ops', 'admin')
    srv = start_server(['--credentials', creds_file], data_dir=data)
    good = srv.client(key='AKIDACCESS', secret='secretaccess')
    assert 'TableNames' in good.list_tables()
    bad = srv.client(key='AKIDACCESS', secret='wrong')
    with pytest.raises(Exception) as raised:
        bad.list_tables()
    assert 'InvalidSignatureException' in str(raised.value)
    status, _, metrics = rest(srv.port, 'GET', '/metrics')
    assert 'ordertrack_auth_failures_total{api="dynamodb",reason="InvalidSignatureException"} ' in metrics.decode()


def test_an_open_server_refuses_what_a_web_page_makes_a_browser_send(start_server):
    srv = start_server()
    order = {'user_id': str(uuid.uuid4()), 'product_id': str(uuid.uuid4())}
    # DNS rebinding: the page's own name in Host; a cross-site form: its Origin.
    for headers in ({'Host': 'evil.example:%d' % srv.port}, {'Origin': 'https://evil.example'},
                    {'Origin': 'null'}):
        status, _, problem = rest(srv.port, 'POST', '/v1/keys', body={'name': 'x', 'role': 'admin'},
                                  headers=headers)
        assert status == 403 and 'this machine only' in problem['detail'], headers
        assert rest(srv.port, 'POST', '/v1/orders', body=order, headers=headers)[0] == 403
    status, _, keys = rest(srv.port, 'GET', '/v1/keys', headers={'Origin': 'http://localhost:%d' % srv.port})
    assert status == 200 and keys == {'keys': []}
    assert rest(srv.port, 'POST', '/v1/orders', body=order)[0] == 201


def test_the_cli_sends_no_key_in_clear_text_off_this_machine(tmp_path):
    refused = run('keys', 'list', '--url', 'http://192.0.2.1:8010', env={ADMIN_ENV: 'ot_x'},
                  check=False)
    assert refused.returncode == 1 and 'in clear text' in refused.stderr, refused.stderr
    bad = run('keys', 'revoke', 'prod?x', '--data', str(tmp_path / 'd'), check=False)
    assert bad.returncode != 0 and 'is not a key name' in bad.stderr


def test_the_request_log_carries_no_token(start_server, tmp_path, creds_file):
    data = str(tmp_path / 'data')
    admin = make_key(data, 'ops', 'admin')
    srv = start_server(['--credentials', creds_file, '--debug'], data_dir=data)
    assert rest(srv.port, 'GET', '/v1/keys', admin)[0] == 200
    assert rest(srv.port, 'GET', '/v1/keys', admin[:-1] + 'x')[0] == 401
    srv.stop()
    log = srv.stderr()
    assert '"target":"/v1/keys"' in log  # the log is there, and names no secret
    assert admin[20:] not in log and admin[3:19] not in log


def test_the_command_line_shows_who_made_each_change(tmp_path):
    data = str(tmp_path / 'data')
    made = json.loads(run('orders', 'create', '--data', data, '--user', str(uuid.uuid4()),
                          '--product', str(uuid.uuid4()), '--json').stdout)
    assert made['history'][0]['by'].startswith('cli:')
    shown = run('orders', 'get', made['order_id'], '--data', data).stdout
    history = [line for line in shown.splitlines() if 'in_progress' in line and 'Z' in line]
    assert history and history[0].split()[-1] == made['history'][0]['by'], shown
