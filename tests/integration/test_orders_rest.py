"""The orders REST API (/v1/...) of `ordertrack serve`, through http.client:
every route and status code, the problem+json shape, Location and
Idempotency-Key, paging through next_cursor, and 32 clients changing the
same orders at once."""
import http.client
import json
import os
import random
import threading
import urllib.parse
import uuid

import pytest

from conftest import HERE, raw_request

DOC = os.path.join(HERE, '..', '..', 'docs', 'openapi.json')
STATUSES = ('in_progress', 'completed', 'canceled')


def call(server, method, path, body=None, headers=None, content_type='application/json'):
    """(status, lower-case headers, parsed JSON body or raw bytes)."""
    if body is None:
        content_type, body = None, b''
    status, hdrs, data = raw_request(server.port, method=method, path=path, body=body,
                                     headers=headers, content_type=content_type)
    if 'json' in hdrs.get('content-type', ''):
        return status, hdrs, json.loads(data)
    return status, hdrs, data


def new_id():
    return str(uuid.uuid4())


def create(server, user=None, product=None, key=None):
    headers = {'Idempotency-Key': key} if key else None
    status, hdrs, order = call(server, 'POST', '/v1/orders',
                               {'user_id': user or new_id(), 'product_id': product or new_id()},
                               headers=headers)
    assert status == 201, order
    return order


def set_status(server, order_id, status):
    return call(server, 'PATCH', '/v1/orders/' + order_id, {'status': status})


def assert_problem(status, hdrs, body, expected):
    assert status == expected, body
    assert hdrs['content-type'] == 'application/problem+json'
    assert set(body) >= {'type', 'title', 'status', 'detail'}, body
    assert body['status'] == expected
    assert body['type'] == 'about:blank'
    assert isinstance(body['title'], str) and body['title']
    assert isinstance(body['detail'], str) and body['detail']


def stats(server, owner, owner_id):
    status, _, body = call(server, 'GET', '/v1/%s/%s/stats' % (owner, owner_id))
    assert status == 200, body
    return body


def test_create_answers_201_with_location_and_get_finds_it(server):
    user, product = new_id(), new_id()
    status, hdrs, order = call(server, 'POST', '/v1/orders', {'user_id': user, 'product_id': product})
    assert status == 201, order
    assert hdrs['content-type'] == 'application/json'
    assert hdrs['location'] == '/v1/orders/' + order['order_id']
    uuid.UUID(order['order_id'])
    assert order['user_id'] == user and order['product_id'] == product
    assert order['status'] == 'in_progress'
    assert order['created'].endswith('Z')
    assert order['history'] == [{'status': 'in_progress', 'at': order['created'], 'by': None}]
    status, _, got = call(server, 'GET', hdrs['location'])
    assert status == 200
    assert got == order


def test_idempotency_key_retry_returns_the_same_order(server):
    user, product, key = new_id(), new_id(), 'key-' + new_id()
    body = {'user_id': user, 'product_id': product}
    first = call(server, 'POST', '/v1/orders', body, headers={'Idempotency-Key': key})
    assert first[0] == 201
    for _ in range(3):
        again = call(server, 'POST', '/v1/orders', body, headers={'Idempotency-Key': key})
        assert again[0] == 200, again[2]
        assert again[2] == first[2]
        assert again[1]['location'] == first[1]['location']
    assert stats(server, 'users', user)['total'] == 1
    # The same key for another request is refused and stores nothing.
    other = call(server, 'POST', '/v1/orders', {'user_id': user, 'product_id': new_id()},
                 headers={'Idempotency-Key': key})
    assert_problem(*other, 422)
    assert stats(server, 'users', user)['total'] == 1
    # Without a key, the same body makes a second order.
    assert call(server, 'POST', '/v1/orders', body)[0] == 201
    assert stats(server, 'users', user)['total'] == 2


def test_patch_moves_along_the_legal_transitions(server):
    order = create(server)
    status, _, done = set_status(server, order['order_id'], 'completed')
    assert status == 200, done
    assert done['status'] == 'completed'
    assert [h['status'] for h in done['history']] == ['in_progress', 'completed']
    assert done['history'][1]['at'] >= done['history'][0]['at']
    status, _, again = set_status(server, order['order_id'], 'completed')
    assert status == 200 and again == done
    assert_problem(*set_status(server, order['order_id'], 'canceled'), 409)
    assert_problem(*set_status(server, order['order_id'], 'in_progress'), 409)
    canceled = create(server)
    assert set_status(server, canceled['order_id'], 'canceled')[2]['status'] == 'canceled'
    assert_problem(*set_status(server, canceled['order_id'], 'completed'), 409)
    assert call(server, 'GET', '/v1/orders/' + order['order_id'])[2] == done


@pytest.mark.parametrize('method,path,body,content_type,expected', [
    ('POST', '/v1/orders', b'{"user_id": ', 'application/json', 400),
    ('POST', '/v1/orders', b'', 'application/json', 400),
    ('POST', '/v1/orders', b'{"user_id":"a"} trailing', 'application/json', 400),
    ('POST', '/v1/orders', b'\xff\xfe', 'application/json', 400),
    ('POST', '/v1/orders', b'[]', 'application/json', 422),
    ('POST', '/v1/orders', {'user_id': 'USER'}, 'application/json', 422),
    ('POST', '/v1/orders', {'product_id': 'P'}, 'application/json', 422),
    ('POST', '/v1/orders', {'user_id': 1, 'product_id': 2}, 'application/json', 422),
    ('POST', '/v1/orders', {'user_id': 'not-a-uuid', 'product_id': 'x'}, 'application/json', 422),
    ('POST', '/v1/orders', 'user_id=x', 'application/x-www-form-urlencoded', 415),
    ('GET', '/v1/orders/not-a-uuid', None, None, 422),
    ('GET', '/v1/orders/' + str(uuid.uuid4()), None, None, 404),
    ('PATCH', '/v1/orders/' + str(uuid.uuid4()), {'status': 'completed'}, 'application/json', 404),
    ('GET', '/v1/nothing-here', None, None, 404),
    ('GET', '/v1/users/' + str(uuid.uuid4()), None, None, 404),
    ('GET', '/v1/users/not-a-uuid/orders', None, None, 422),
    ('GET', '/v1/products/not-a-uuid/orders', None, None, 422),
    ('GET', '/v1/users/not-a-uuid/stats', None, None, 422),
    ('GET', '/v1/products/not-a-uuid/stats', None, None, 422),
])
def test_errors_are_problem_json(server, method, path, body, content_type, expected):
    result = call(server, method, path, body, content_type=content_type)
    assert_problem(*result, expected)


@pytest.mark.parametrize('body,expected', [
    (b'{"status": "completed"', 400),
    ({'status': 'shipped'}, 422),
    ({'status': 201}, 422),
    ({'status': None}, 422),
    ({}, 422),
    ({'status': 'completed', 'user_id': str(uuid.uuid4())}, 422),
])
def test_refused_patches_change_nothing(server, body, expected):
    order = create(server)
    assert_problem(*call(server, 'PATCH', '/v1/orders/' + order['order_id'], body), expected)
    assert call(server, 'GET', '/v1/orders/' + order['order_id'])[2] == order


@pytest.mark.parametrize('query', [
    'limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=', 'limit=1.5', 'status=shipped',
    'status=in_progress,,canceled', 'order=random', 'cursor=bm90LW91cnM', 'cursor=%ZZ'])
def test_bad_list_queries_are_422_or_400(server, query):
    status, hdrs, body = call(server, 'GET', '/v1/users/%s/orders?%s' % (new_id(), query))
    assert_problem(status, hdrs, body, 400 if '%ZZ' in query else 422)


@pytest.mark.parametrize('method,path,allow', [
    ('GET', '/v1/orders', 'POST'),
    ('DELETE', '/v1/orders/' + str(uuid.uuid4()), 'GET, PATCH'),
    ('PUT', '/v1/orders/' + str(uuid.uuid4()), 'GET, PATCH'),
    ('POST', '/v1/users/%s/orders' % uuid.uuid4(), 'GET'),
    ('DELETE', '/v1/products/%s/stats' % uuid.uuid4(), 'GET'),
    ('POST', '/v1/openapi.json', 'GET'),
])
def test_wrong_methods_are_405_with_allow(server, method, path, allow):
    status, hdrs, body = call(server, method, path, {} if method in ('POST', 'PUT') else None)
    assert_problem(status, hdrs, body, 405)
    assert hdrs['allow'] == allow


def list_all(server, owner, owner_id, statuses, order, limit):
    """Follows next_cursor to exhaustion; returns (orders, number of pages)."""
    seen, cursor, pages = [], None, 0
    while True:
        query = {'limit': str(limit), 'order': order}
        if statuses:
            query['status'] = ','.join(statuses)
        if cursor:
            query['cursor'] = cursor
        status, _, page = call(server, 'GET', '/v1/%s/%s/orders?%s' % (
            owner, owner_id, urllib.parse.urlencode(query, quote_via=urllib.parse.quote)))
        assert status == 200, page
        assert set(page) == {'orders', 'next_cursor'}
        assert len(page['orders']) <= limit
        seen.extend(page['orders'])
        pages += 1
        assert pages < 100
        cursor = page['next_cursor']
        if cursor is None:
            return seen, pages
        assert isinstance(cursor, str) and cursor


@pytest.mark.parametrize('owner', ['users', 'products'])
def test_paging_through_merged_statuses(server, owner):
    user, product = new_id(), new_id()
    rng = random.Random(5)
    made = []
    for _ in range(23):
        order = create(server, user=user, product=product)
        final = rng.choice(STATUSES)
        if final != 'in_progress':
            order = set_status(server, order['order_id'], final)[2]
        made.append(order)
    owner_id = user if owner == 'users' else product
    for statuses in (STATUSES, ('in_progress', 'canceled'), ('completed',)):
        expected = [o['order_id'] for o in made if o['status'] in statuses]
        for order, limit in (('newest', 4), ('oldest', 5), ('newest', 100)):
            seen, pages = list_all(server, owner, owner_id, statuses, order, limit)
            ids = [o['order_id'] for o in seen]
            want = list(reversed(expected)) if order == 'newest' else expected
            assert ids == want, (statuses, order, limit)
            assert all(o['status'] in statuses for o in seen)
            assert pages >= max(1, -(-len(expected) // limit))
    # The defaults: a user's in_progress and completed, a product's in_progress.
    default = ('in_progress', 'completed') if owner == 'users' else ('in_progress',)
    seen, _ = list_all(server, owner, owner_id, None, 'newest', 10)
    assert [o['order_id'] for o in seen] == [o['order_id'] for o in reversed(made)
                                             if o['status'] in default]
    counts = stats(server, owner, owner_id)
    for s in STATUSES:
        assert counts[s] == sum(1 for o in made if o['status'] == s)
    assert counts['total'] == len(made)


def test_stats_of_an_unknown_owner_are_zero(server):
    assert stats(server, 'users', new_id()) == {'in_progress': 0, 'completed': 0,
                                                'canceled': 0, 'total': 0}
    assert stats(server, 'products', new_id())['total'] == 0


def test_openapi_document_is_served_from_docs(server):
    status, hdrs, doc = call(server, 'GET', '/v1/openapi.json')
    assert status == 200
    with open(DOC, encoding='utf-8') as f:
        assert doc == json.load(f)
    assert doc['openapi'].startswith('3.0')
    for path in ('/v1/orders', '/v1/orders/{order_id}', '/v1/users/{user_id}/orders',
                 '/v1/products/{product_id}/orders', '/v1/users/{user_id}/stats',
                 '/v1/products/{product_id}/stats', '/v1/keys', '/v1/keys/{name}',
                 '/v1/openapi.json'):
        assert path in doc['paths']
    assert 'Problem' in doc['components']['schemas']
    # Each operation declares the role the server asks for (server/orders_routes.cc).
    assert doc['components']['securitySchemes']['bearerKey']['scheme'] == 'bearer'
    for path, item in doc['paths'].items():
        for method, op in item.items():
            if method == 'parameters':
                continue
            if path == '/v1/openapi.json':
                assert op['security'] == []
                continue
            expected = ('admin' if path.startswith('/v1/keys')
                        else 'reader' if method == 'get' else 'writer')
            assert op['x-required-role'] == expected, (method, path)
            assert '401' in op['responses'] and '403' in op['responses']
    try:
        from openapi_spec_validator import validate_spec
    except ImportError:
        return
    validate_spec(doc)


def test_requests_are_counted_by_route_pattern(server):
    order = create(server)
    call(server, 'GET', '/v1/orders/' + order['order_id'])
    status, _, text = raw_request(server.port, method='GET', path='/metrics', content_type=None)
    assert status == 200
    text = text.decode()
    assert 'operation="rest:GET /v1/orders/{id}",outcome="ok"' in text
    assert 'operation="rest:POST /v1/orders",outcome="ok"' in text
    assert order['order_id'] not in text


def test_32_clients_change_the_same_20_orders(server):
    orders = [create(server)['order_id'] for _ in range(20)]
    results = []  # (order_id, asked, http status, returned status)
    lock = threading.Lock()
    errors = []
    start = threading.Barrier(32)

    def client(seed):
        rng = random.Random(seed)
        conn = http.client.HTTPConnection('127.0.0.1', server.port, timeout=60)
        mine = []
        try:
            conn.connect()
            start.wait(timeout=30)  # all 32 connected, then all at once
            for order_id in rng.sample(orders, len(orders)):
                asked = rng.choice(('completed', 'canceled'))
                conn.request('PATCH', '/v1/orders/' + order_id, body=json.dumps({'status': asked}),
                             headers={'Content-Type': 'application/json'})
                resp = conn.getresponse()
                body = json.loads(resp.read())
                mine.append((order_id, asked, resp.status, body.get('status')))
        except Exception as e:  # reported below, on the main thread
            errors.append(e)
        finally:
            conn.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(results) == 32 * 20
    for order_id in orders:
        status, _, order = call(server, 'GET', '/v1/orders/' + order_id)
        assert status == 200
        final = order['status']
        assert final in ('completed', 'canceled')
        # A legal path: created in_progress, then exactly one final status.
        assert [h['status'] for h in order['history']] == ['in_progress', final], order
        assert order['history'][0]['at'] <= order['history'][1]['at']
        mine = [r for r in results if r[0] == order_id]
        assert len(mine) == 32
        for _, asked, code, returned in mine:
            if code == 200:
                # The winner, or a no-op asking for the status that won.
                assert asked == final and returned == final, (order_id, mine)
            else:
                assert code == 409 and asked != final, (order_id, code, asked, final)
        assert any(code == 200 for _, _, code, _ in mine)
