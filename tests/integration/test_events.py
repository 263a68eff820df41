"""Order events (GET /v1/events) of `ordertrack serve`, through http.client
and curl: creations and status changes in order with stable ids, paging by
cursor, the type filter, a table the seed's own program created, a cursor
past the retention (410), and bad queries (problem+json)."""
import subprocess
import time
import urllib.parse

from test_orders_rest import assert_problem, call, create, set_status


def events(server, query=''):
    status, _, body = call(server, 'GET', '/v1/events' + query)
    assert status == 200, body
    return body


def read_all(server, limit):
    out, after = [], None
    for _ in range(100):
        query = '?limit=%d' % limit + ('&after=' + urllib.parse.quote(after) if after else '')
        page = events(server, query)
        if not page['events']:
            return out
        out += page['events']
        after = page['next_cursor']
    raise AssertionError('the feed never ended')


def test_creations_and_changes_in_order(start_server):
    srv = start_server()
    a, b = create(srv), create(srv)
    assert set_status(srv, a['order_id'], 'canceled')[0] == 200
    assert set_status(srv, a['order_id'], 'canceled')[0] == 200  # no change: no event
    got = read_all(srv, 10)
    assert [(e['type'], e['order']['order_id'], e['from'], e['to']) for e in got] == [
        ('order.created', a['order_id'], None, 'in_progress'),
        ('order.created', b['order_id'], None, 'in_progress'),
        ('order.status_changed', a['order_id'], 'in_progress', 'canceled')]
    assert got[2]['order']['status'] == 'canceled'
    assert got[2]['created'] == got[2]['order']['history'][-1]['at']
    assert len({e['id'] for e in got}) == 3 and all(e['id'].startswith('evt_') for e in got)
    # One at a time: the same events, the same ids.
    assert [e['id'] for e in read_all(srv, 1)] == [e['id'] for e in got]
    changes = events(srv, '?types=order.status_changed')['events']
    assert [e['id'] for e in changes] == [got[2]['id']]
    # curl reads the same page.
    out = subprocess.run(['curl', '-sf', srv.url + '/v1/events?limit=2'], capture_output=True,
                         text=True, timeout=30, check=True).stdout
    assert got[0]['id'] in out and got[1]['id'] in out and got[2]['id'] not in out


def test_a_table_the_seed_created_gets_its_stream(start_server):
    """The seed's program creates `purchase` itself; the first orders request
    gives it the stream, and what is made from then on is an event."""
    srv = start_server()
    dynamodb = srv.client()
    dynamodb.create_table(
        TableName='purchase', BillingMode='PAY_PER_REQUEST',
        AttributeDefinitions=[{'AttributeName': n, 'AttributeType': 'S'} for n in
                              ('order_id', 'user_id', 'product_id', 'order_status_created')],
        KeySchema=[{'AttributeName': 'order_id', 'KeyType': 'HASH'}],
        GlobalSecondaryIndexes=[{
            'IndexName': 'for_%s' % owner,
            'KeySchema': [{'AttributeName': owner, 'KeyType': 'HASH'},
                          {'AttributeName': 'order_status_created', 'KeyType': 'RANGE'}],
            'Projection': {'ProjectionType': 'ALL'}} for owner in ('user_id', 'product_id')])
    assert 'StreamSpecification' not in dynamodb.describe_table(TableName='purchase')['Table']
    order = create(srv)
    table = dynamodb.describe_table(TableName='purchase')['Table']
    assert table['StreamSpecification'] == {'StreamEnabled': True,
                                            'StreamViewType': 'NEW_AND_OLD_IMAGES'}
    assert [e['order']['order_id'] for e in read_all(srv, 10)] == [order['order_id']]


def test_a_cursor_past_the_retention_is_gone(start_server):
    srv = start_server(['--stream-retention', '1'])
    create(srv)
    page = events(srv)
    assert len(page['events']) == 1
    cursor = urllib.parse.quote(page['next_cursor'])
    deadline = time.time() + 20
    while time.time() < deadline:
        status, hdrs, body = call(srv, 'GET', '/v1/events?after=' + cursor)
        if status != 200:
            break
        time.sleep(0.25)
    assert_problem(status, hdrs, body, 410)
    assert 'retention' in body['detail']


def test_bad_queries_are_problems(server):
    create(server)
    for query, expected in [('?limit=0', 422), ('?limit=101', 422), ('?limit=x', 422),
                            ('?types=order.deleted', 422), ('?after=bogus', 422),
                            ('?after=%zz', 400), ('?wait=5', 422)]:
        status, hdrs, body = call(server, 'GET', '/v1/events' + query)
        assert_problem(status, hdrs, body, expected)
    status, hdrs, body = call(server, 'POST', '/v1/events', {})
    assert_problem(status, hdrs, body, 405)
    assert hdrs['allow'] == 'GET'
