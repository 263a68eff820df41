"""`ordertrack serve --backend dynamodb`: the orders API over a remote table,
holding no data of its own, so instances side by side agree (issue 6). The
remote table here is another ordertrack server's, on loopback."""
from test_orders_rest import call, create, set_status


def test_instances_on_one_remote_table_agree(server, start_server):
    store = server.url
    first = start_server(extra_args=['--backend', 'dynamodb', '--endpoint', store,
                                     '--region', 'us-east-1'])
    second = start_server(extra_args=['--backend', 'dynamodb', '--endpoint', store,
                                      '--region', 'us-east-1'])
    order = create(first)
    status, _, seen = call(second, 'GET', '/v1/orders/' + order['order_id'])
    assert status == 200, seen
    assert seen == order
    status, _, changed = set_status(second, order['order_id'], 'completed')
    assert status == 200, changed
    # The change made through one instance is the state every instance and
    # the store itself answer with; the first instance kept no copy.
    for srv in (first, server):
        status, _, now = call(srv, 'GET', '/v1/orders/' + order['order_id'])
        assert status == 200
        assert now['status'] == 'completed'
        assert [h['status'] for h in now['history']] == ['in_progress', 'completed']
    status, _, refused = set_status(first, order['order_id'], 'canceled')
    assert status == 409, refused


def test_unreachable_backend_fails_at_start_with_one_line(start_server):
    srv = start_server(extra_args=['--backend', 'dynamodb', '--endpoint', 'http://127.0.0.1:9',
                                   '--region', 'us-east-1'], wait=False)
    code = srv.proc.wait(timeout=120)
    assert code != 0
    err = srv.stderr().strip().splitlines()
    assert len(err) == 1 and 'backend dynamodb at http://127.0.0.1:9' in err[0], err
