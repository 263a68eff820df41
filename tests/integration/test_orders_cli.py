"""`ordertrack orders ...` and `ordertrack export` on a temp --data dir (and
once with --url on the session server): each command once, table and JSON
output, and bad arguments failing with one line on stderr."""
import csv
import io
import json
import subprocess
import uuid

import pytest

from conftest import BIN, raw_request


def run(*args, check=True, cwd=None):
    proc = subprocess.run([BIN] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, cwd=cwd)
    if check:
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return proc


def run_json(*args):
    return json.loads(run(*args, '--json').stdout)


@pytest.fixture
def data(tmp_path, binary):
    return str(tmp_path / 'data')


def new_id():
    return str(uuid.uuid4())


def test_each_orders_command_on_a_data_dir(data):
    user, product = new_id(), new_id()
    order = run_json('orders', 'create', '--data', data, '--user', user, '--product', product)
    assert order['user_id'] == user and order['status'] == 'in_progress'
    oid = order['order_id']
    again = run_json('orders', 'create', '--data', data, '--user', user, '--product', product,
                     '--idempotency-key', 'k1')
    assert run_json('orders', 'create', '--data', data, '--user', user, '--product', product,
                    '--idempotency-key', 'k1') == again
    assert run_json('orders', 'get', oid, '--data', data) == order

    table = run('orders', 'get', oid, '--data', data).stdout
    assert 'order_id    ' + oid in table and 'in_progress' in table

    done = run_json('orders', 'set-status', oid, 'completed', '--data', data)
    assert [h['status'] for h in done['history']] == ['in_progress', 'completed']
    assert 'completed' in run('orders', 'set-status', oid, 'completed', '--data', data).stdout

    page = run_json('orders', 'user', user, '--data', data, '--status', 'completed,in_progress',
                    '--limit', '1')
    assert [o['order_id'] for o in page['orders']] == [again['order_id']]
    assert page['next_cursor']
    rest = run_json('orders', 'user', user, '--data', data, '--status', 'completed,in_progress',
                    '--limit', '1', '--cursor', page['next_cursor'])
    assert [o['order_id'] for o in rest['orders']] == [oid]
    oldest = run_json('orders', 'user', user, '--data', data, '--oldest')
    assert [o['order_id'] for o in oldest['orders']] == [oid, again['order_id']]
    listing = run('orders', 'user', user, '--data', data).stdout
    assert listing.splitlines()[0].split() == ['ORDER_ID', 'PRODUCT_ID', 'STATUS', 'CREATED']
    assert len(listing.splitlines()) == 3

    product_page = run_json('orders', 'product', product, '--data', data)
    assert [o['order_id'] for o in product_page['orders']] == [again['order_id']]
    assert product_page['next_cursor'] is None
    assert 'USER_ID' in run('orders', 'product', product, '--data', data, '--status', 'completed').stdout

    assert run_json('orders', 'stats', '--user', user, '--data', data) == {
        'in_progress': 1, 'completed': 1, 'canceled': 0, 'total': 2}
    text = run('orders', 'stats', '--product', product, '--data', data).stdout
    assert text.split() == ['in_progress', '1', 'completed', '1', 'canceled', '0', 'total', '2']


def test_store_errors_are_one_line(data):
    missing = new_id()
    proc = run('orders', 'get', missing, '--data', data, check=False)
    assert proc.returncode != 0
    assert proc.stderr.count('\n') == 1 and 'ResourceNotFound' in proc.stderr
    order = run_json('orders', 'create', '--data', data, '--user', new_id(), '--product', new_id())
    run('orders', 'set-status', order['order_id'], 'canceled', '--data', data)
    proc = run('orders', 'set-status', order['order_id'], 'completed', '--data', data, check=False)
    assert proc.returncode != 0 and proc.stderr.count('\n') == 1
    assert 'ConditionalCheckFailed' in proc.stderr


def test_export_csv_and_jsonl(data, tmp_path):
    made = [run_json('orders', 'create', '--data', data, '--user', new_id(), '--product', new_id())
            for _ in range(5)]
    run('orders', 'set-status', made[0]['order_id'], 'canceled', '--data', data)
    out = tmp_path / 'orders.csv'
    proc = run('export', '--format', 'csv', '--out', out, '--data', data)
    assert proc.stderr.strip() == 'exported 5 orders to %s' % out  # stderr is no terminal
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert sorted(r['order_id'] for r in rows) == sorted(o['order_id'] for o in made)
    by_id = {r['order_id']: r for r in rows}
    assert by_id[made[0]['order_id']]['status'] == 'canceled'
    assert by_id[made[0]['order_id']]['history'].count(';') == 1
    assert by_id[made[1]['order_id']]['created'] == made[1]['created']
    assert not (tmp_path / 'orders.csv.partial').exists()

    proc = run('export', '--format', 'jsonl', '--data', data)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(o['order_id'] for o in lines) == sorted(o['order_id'] for o in made)
    assert 'exported 5 orders' in proc.stderr


def test_url_goes_through_a_running_server(server):
    user = new_id()
    order = run_json('orders', 'create', '--url', server.url, '--user', user, '--product', new_id())
    status, _, body = raw_request(server.port, method='GET', path='/v1/orders/' + order['order_id'],
                                  content_type=None)
    assert status == 200 and json.loads(body) == order
    done = run_json('orders', 'set-status', order['order_id'], 'completed', '--url', server.url)
    assert done['status'] == 'completed'
    assert run_json('orders', 'stats', '--user', user, '--url', server.url)['completed'] == 1
    proc = run('export', '--format', 'jsonl', '--url', server.url)
    assert order['order_id'] in proc.stdout


@pytest.mark.parametrize('args', [
    ['orders', 'create', '--help'], ['orders', 'get', '--help'], ['orders', 'set-status', '--help'],
    ['orders', 'user', '--help'], ['orders', 'product', '--help'], ['orders', 'stats', '--help'],
    ['orders', '--help'], ['export', '--help'], ['--help'],
])
def test_help_everywhere(args):
    proc = run(*args)
    assert 'Usage' in proc.stdout or 'usage' in proc.stdout.lower()


U = str(uuid.uuid4())


@pytest.mark.parametrize('args', [
    [],
    ['orders'],
    ['orders', 'frobnicate'],
    ['orders', 'get'],
    ['orders', 'get', 'not-a-uuid'],
    ['orders', 'get', U.upper()],
    ['orders', 'create', '--user', U],
    ['orders', 'create', '--user', 'x', '--product', U],
    ['orders', 'set-status', U, 'shipped'],
    ['orders', 'set-status', U],
    ['orders', 'user', U, '--limit', '0'],
    ['orders', 'user', U, '--limit', '101'],
    ['orders', 'user', U, '--limit', 'ten'],
    ['orders', 'user', U, '--status', 'shipped'],
    ['orders', 'product', U, '--status', 'completed,'],
    ['orders', 'stats'],
    ['orders', 'stats', '--user', U, '--product', U],
    ['orders', 'get', U, '--data', '/tmp/x', '--url', 'http://127.0.0.1:1'],
    ['orders', 'get', U, '--no-such-flag'],
    ['export'],
    ['export', '--format', 'xml'],
])
def test_bad_arguments_fail_with_one_line(args, tmp_path):
    proc = run(*args, check=False, cwd=tmp_path)
    assert proc.returncode != 0, proc.stdout
    assert proc.stdout == ''
    assert proc.stderr.count('\n') == 1 and proc.stderr.strip(), proc.stderr
    assert not (tmp_path / 'data').exists()
