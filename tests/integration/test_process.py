"""The process: SIGTERM during a stream of writes, SIGKILL and restart, a
second server on the same data dir, /healthz, /metrics, bad arguments."""
import re
import signal
import subprocess
import threading
import time

import pytest
from botocore.exceptions import ClientError, BotoCoreError

from conftest import BIN, raw_request, healthz


def create_table(client, name='stream'):
    client.create_table(TableName=name, BillingMode='PAY_PER_REQUEST',
                        KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                        AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
    deadline = time.monotonic() + 10
    while client.describe_table(TableName=name)['Table']['TableStatus'] != 'ACTIVE':
        assert time.monotonic() < deadline
        time.sleep(0.02)


class Writers:
    """Threads that PutItem unique keys until a request fails; records every
    acknowledged key, and counts acknowledged ADDs to one counter item."""

    def __init__(self, server, n=3, table='stream'):
        self.acked = []
        self.counter_acked = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors = []
        self.threads = [threading.Thread(target=self.run, args=(server.client(), i, table)) for i in range(n)]

    def run(self, client, n, table):
        i = 0
        while not self.stop.is_set():
            key = 'w%d_%06d' % (n, i)
            try:
                if i % 5 == 4:
                    client.update_item(TableName=table, Key={'p': {'S': 'counter'}},
                                       UpdateExpression='ADD n :one', ExpressionAttributeValues={':one': {'N': '1'}})
                    with self.lock:
                        self.counter_acked += 1
                else:
                    client.put_item(TableName=table, Item={'p': {'S': key}, 'v': {'N': str(i)}})
                    with self.lock:
                        self.acked.append(key)
            except (ClientError, BotoCoreError, OSError) as e:
                self.errors.append(e)
                return
            i += 1

    def start(self):
        for t in self.threads:
            t.start()

    def join(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)
            assert not t.is_alive()


def assert_all_present(client, keys, table='stream'):
    missing = []
    for start in range(0, len(keys), 100):
        chunk = keys[start:start + 100]
        r = client.batch_get_item(RequestItems={table: {'Keys': [{'p': {'S': k}} for k in chunk],
                                                        'ConsistentRead': True}})
        assert r['UnprocessedKeys'] == {}
        got = {it['p']['S'] for it in r['Responses'][table]}
        missing.extend(k for k in chunk if k not in got)
    assert not missing, '%d acknowledged writes lost, e.g. %s' % (len(missing), missing[:5])


def wait_for(pred, timeout=5):
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.mark.parametrize('sig', [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_during_writes_loses_nothing(start_server, sig):
    srv = start_server()
    create_table(srv.client())
    w = Writers(srv)
    w.start()
    wait_for(lambda: len(w.acked) >= 200)
    rc = srv.stop(sig)
    w.join()
    assert rc == 0, 'exit %s after %s; stderr:\n%s' % (rc, sig, srv.stderr())
    assert w.errors, 'writers never saw the server go away'
    # It no longer accepts connections.
    with pytest.raises(OSError):
        raw_request(srv.port, method='GET', path='/healthz', content_type=None, timeout=2)

    again = start_server(data_dir=srv.data_dir)
    c = again.client()
    assert_all_present(c, w.acked)
    n = int(c.get_item(TableName='stream', Key={'p': {'S': 'counter'}}, ConsistentRead=True)['Item']['n']['N'])
    # Every acknowledged ADD is there; at most one unacknowledged one per writer.
    assert w.counter_acked <= n <= w.counter_acked + len(w.threads)
    assert again.stop() == 0


def test_sigkill_then_restart_loses_no_acknowledged_write(start_server):
    srv = start_server()
    create_table(srv.client())
    w = Writers(srv)
    w.start()
    wait_for(lambda: len(w.acked) >= 300)
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait(timeout=10)
    w.join()
    assert srv.proc.returncode == -signal.SIGKILL

    again = start_server(data_dir=srv.data_dir)
    c = again.client()
    assert_all_present(c, w.acked)
    n = int(c.get_item(TableName='stream', Key={'p': {'S': 'counter'}}, ConsistentRead=True)['Item']['n']['N'])
    assert w.counter_acked <= n <= w.counter_acked + len(w.threads)
    # The table and its description survived too.
    assert c.describe_table(TableName='stream')['Table']['TableStatus'] == 'ACTIVE'
    assert again.stop() == 0


def test_second_server_on_same_data_dir_refuses(start_server):
    first = start_server()
    second = start_server(data_dir=first.data_dir, wait=False)
    try:
        rc = second.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail('a second server on the same data dir kept running')
    assert rc != 0
    assert second.proc.stdout.read() == b'', 'the refused server printed a serving line'
    err = second.stderr().strip()
    assert err and '\n' not in err, 'want one line on stderr, got:\n%s' % err
    assert first.data_dir in err, err
    # The first one is unaffected.
    status, body = healthz(first.port)
    assert status == 200
    assert 'TableNames' in first.client().list_tables()
    assert first.stop() == 0


def test_healthz(server):
    status, headers, body = raw_request(server.port, method='GET', path='/healthz', content_type=None)
    assert status == 200
    assert body.strip() == b'ok'
    assert headers['content-type'].startswith('text/plain')
    status, _, _ = raw_request(server.port, method='POST', path='/healthz', content_type=None)
    assert status == 405


def parse_prometheus(text):
    """{(name, frozenset(labels)): value} for every sample; {name: type}."""
    samples, types = {}, {}
    for line in text.splitlines():
        if line.startswith('# TYPE '):
            _, _, name, typ = line.split(None, 3)
            types[name] = typ
            continue
        if not line or line.startswith('#'):
            continue
        m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$', line)
        assert m, 'not Prometheus text: %r' % line
        labels = frozenset(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', m.group(3) or ''))
        samples[(m.group(1), labels)] = float(m.group(4))
    return samples, types


def test_metrics_count_operations(start_server):
    srv = start_server()
    c = srv.client()
    create_table(c, 'tbl')
    for i in range(7):
        c.put_item(TableName='tbl', Item={'p': {'S': str(i)}})
    for i in range(3):
        c.get_item(TableName='tbl', Key={'p': {'S': str(i)}})
    with pytest.raises(ClientError):
        c.get_item(TableName='missing', Key={'p': {'S': 'x'}})
    status, headers, body = raw_request(srv.port, method='GET', path='/metrics', content_type=None)
    assert status == 200
    assert headers['content-type'].startswith('text/plain')
    samples, types = parse_prometheus(body.decode())

    def by_operation(op, kind):
        out = {}
        for (name, labels), v in samples.items():
            if ('operation', op) in labels and types.get(name) == kind:
                out[(name, labels)] = v
        return out

    puts = by_operation('PutItem', 'counter')
    assert sum(puts.values()) == 7, puts
    gets = by_operation('GetItem', 'counter')
    assert sum(gets.values()) == 4, gets
    assert len(gets) == 2, 'GetItem successes and failures are counted apart: %s' % gets
    assert sorted(gets.values()) == [1, 3]
    # A latency histogram per operation.
    put_hist = {k: v for k, v in samples.items()
                if k[0].endswith('_count') and ('operation', 'PutItem') in k[1]
                and types.get(k[0][:-len('_count')]) == 'histogram'}
    assert list(put_hist.values()) == [7], put_hist
    inf = [v for (name, labels), v in samples.items()
           if name.endswith('_bucket') and ('operation', 'PutItem') in labels and ('le', '+Inf') in labels]
    assert inf == [7]
    # Store size is a gauge.
    assert any(t == 'gauge' for t in types.values())
    assert srv.stop() == 0


def test_bad_arguments_exit_nonzero(binary, start_server):
    for args in (['serve', '--listen', 'nonsense'], ['serve', '--no-such-flag'], ['frobnicate']):
        p = subprocess.run([BIN] + args, capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
        assert p.returncode != 0, args
        assert p.stderr.strip(), args
        assert b'serving on' not in p.stdout
    # A port that is taken.
    first = start_server()
    p = subprocess.run([BIN, 'serve', '--listen', '127.0.0.1:%d' % first.port, '--data', start_server.new_dir()],
                       capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
    assert p.returncode != 0
    assert p.stderr.strip() and b'serving on' not in p.stdout
    assert first.stop() == 0


def test_serve_help_lists_options(binary):
    p = subprocess.run([BIN, 'serve', '--help'], capture_output=True, text=True, timeout=10)
    assert p.returncode == 0
    for opt in ('--listen', '--data', '--credentials', '--threads', '--debug', '--sync'):
        assert opt in p.stdout, opt


def test_debug_logs_one_json_line_per_request_and_default_is_quiet(start_server):
    import json as _json
    quiet = start_server()
    loud = start_server(['--debug'])
    for srv in (quiet, loud):
        c = srv.client()
        c.list_tables()
        with pytest.raises(ClientError):
            c.describe_table(TableName='missing')
        healthz(srv.port)
    assert quiet.stop() == 0 and loud.stop() == 0
    assert quiet.stderr().strip() == '', 'quiet by default, got:\n%s' % quiet.stderr()
    lines = [l for l in loud.stderr().splitlines() if l.strip()]
    assert len(lines) == 3, lines
    docs = [_json.loads(l) for l in lines]
    assert [d.get('status') for d in docs] == [200, 400, 200]
    assert 'ListTables' in lines[0] and 'DescribeTable' in lines[1] and '/healthz' in lines[2]


def test_idle_and_half_sent_connections_do_not_hold_the_only_thread(start_server):
    import socket
    srv = start_server(['--threads', '1'])
    idle = [socket.create_connection(('127.0.0.1', srv.port), timeout=5) for _ in range(3)]
    try:
        idle[1].sendall(b'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"Tab')
        idle[2].sendall(b'POST / HTTP/1.1\r\nHost: x\r\n')
        start = time.monotonic()
        status, body = healthz(srv.port)
        assert status == 200
        assert 'TableNames' in srv.client().list_tables()
        assert time.monotonic() - start < 2, 'a request waited behind idle connections'
    finally:
        for s in idle:
            s.close()
    assert srv.stop() == 0
