"""The seed program (shared/seed/toys-store-orders.md) ported to boto3 with
its exact calls, run against the server and checked against what it wrote."""
import datetime
import http.client
import json
import random
import time
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import make_client


class DDBUUIDField:
    TYPE = 'S'

    @staticmethod
    def encode(v):
        return {'S': str(v)}

    @staticmethod
    def decode(v):
        return v['S']


class DDBIntField:
    TYPE = 'N'

    @staticmethod
    def encode(v):
        return {'N': str(int(v))}

    @staticmethod
    def decode(v):
        return int(v['N'])


class DDBInt_IntField:
    TYPE = 'S'

    @staticmethod
    def encode(v):
        return {'S': str(v)}

    @staticmethod
    def decode(v):
        return v['S']


class DDBTable:
    """The small part of the seed's ddb_table base class DDBOrder uses,
    with boto3 underneath: _dynamodb(operation=...).call(**kwargs)."""
    TABLE_NAME = None
    KEY_SCHEMA = None
    PROVISIONED_THROUGHPUT = None
    GLOBAL_SECONDARY_INDEXES = []
    FIELDS = {}

    def __init__(self, client):
        self._client = client

    def _get_table_name(self):
        return self.TABLE_NAME

    class _Operation:
        def __init__(self, client, operation):
            self._method = getattr(client, ''.join('_' + c.lower() if c.isupper() else c
                                                   for c in operation).lstrip('_'))

        def call(self, **kwargs):
            return self._method(**kwargs)

    def _dynamodb(self, operation):
        return self._Operation(self._client, operation)

    def encode_item(self, data):
        return {k: self.FIELDS[k].encode(v) for k, v in data.items()}

    def decode_item(self, item):
        return {k: self.FIELDS[k].decode(v) for k, v in item.items()}

    def create_table(self):
        key_names = [k['AttributeName'] for k in self.KEY_SCHEMA]
        for index in self.GLOBAL_SECONDARY_INDEXES:
            key_names += [k['AttributeName'] for k in index['KeySchema'] if k['AttributeName'] not in key_names]
        return self._dynamodb(operation='CreateTable').call(
            TableName=self._get_table_name(),
            AttributeDefinitions=[{'AttributeName': n, 'AttributeType': self.FIELDS[n].TYPE} for n in key_names],
            KeySchema=self.KEY_SCHEMA,
            ProvisionedThroughput=self.PROVISIONED_THROUGHPUT,
            GlobalSecondaryIndexes=self.GLOBAL_SECONDARY_INDEXES)


# Deterministic uuid4 for a fixed random seed.
def uuid4():
    return uuid.UUID(int=random.getrandbits(128), version=4)


class DDBOrder(DDBTable):
    # ---- from here on, the seed's class, calls unchanged ----
    ORDER_IN_PROGRESS = 101
    ORDER_COMPLETED = 201
    ORDER_CANCELED = 301

    ORDER_STATUS_CHOICES = [
        ORDER_IN_PROGRESS,
        ORDER_COMPLETED,
        ORDER_CANCELED,
    ]

    TABLE_NAME = 'purchase'
    KEY_SCHEMA = [{
        'AttributeName': 'order_id',
        'KeyType': 'HASH',
    }]
    PROVISIONED_THROUGHPUT = {
        'ReadCapacityUnits': 1,
        'WriteCapacityUnits': 1
    }
    GLOBAL_SECONDARY_INDEXES = [{
            'IndexName': 'for_user_id',
            'KeySchema': [{
                    'AttributeName': 'user_id',
                    'KeyType': 'HASH'
                }, {
                    'AttributeName': 'order_status_created',
                    'KeyType': 'RANGE'
                }
            ],
            'Projection': {
                'ProjectionType': 'ALL',
            },
            'ProvisionedThroughput': {
                'ReadCapacityUnits': 1,
                'WriteCapacityUnits': 1,
            }
        }, {
            'IndexName': 'for_product_id',
            'KeySchema': [{
                    'AttributeName': 'product_id',
                    'KeyType': 'HASH'
                }, {
                    'AttributeName': 'order_status_created',
                    'KeyType': 'RANGE'
                }
            ],
            'Projection': {
                'ProjectionType': 'ALL',
            },
            'ProvisionedThroughput': {
                'ReadCapacityUnits': 1,
                'WriteCapacityUnits': 1,
            }
        }]
    FIELDS = {
        'order_id': DDBUUIDField,
        'user_id': DDBUUIDField,
        'product_id': DDBUUIDField,
        'created': DDBIntField,
        'order_status': DDBIntField,
        'order_status_created': DDBInt_IntField,
    }

    # The seed reads the clock here; a test may pin it to force repeated GSI keys.
    now = staticmethod(lambda: datetime.datetime.utcnow().timestamp())

    def create_order(self, user_id, product_id):
        order_id = uuid4()
        created = self.now()
        order_status = self.ORDER_IN_PROGRESS
        order_status_created = '{order_status}_{created}'.format(
            order_status=order_status, created=created)
        data = {
            'order_id': order_id,
            'user_id': user_id,
            'product_id': product_id,
            'created': created,
            'order_status': order_status,
            'order_status_created': order_status_created,
        }
        response = self._dynamodb(operation='PutItem').call(
            TableName=self._get_table_name(),
            Item=self.encode_item(data=data))
        return data

    def update_order_status(self, order_id, order_status):
        if order_status not in self.ORDER_STATUS_CHOICES:
            raise ValueError('Wrong order status.')
        response = self._dynamodb(operation='GetItem').call(
            TableName=self._get_table_name(),
            Key=self.encode_item(data={
                'order_id': order_id,
            }))
        item = self.decode_item(response['Item'])
        response = self._dynamodb(operation='UpdateItem').call(
            TableName=self._get_table_name(),
            Key=self.encode_item(data={
                'order_id': order_id,
            }),
            UpdateExpression='SET order_status = :order_status, order_status_created = :order_status_created',
            ExpressionAttributeValues={
                ':order_status': {
                    'N': str(order_status),
                },
                ':order_status_created': {
                    'S': '{order_status}_{created}'.format(
                        order_status=order_status,
                        created=item['created']),
                }
            },
            ReturnValues='ALL_NEW')
        return self.decode_item(response['Attributes'])

    def get_user_orders(self, user_id, limit=10, last=None):
        """ Returns user orders with order_status in [self.ORDER_IN_PROGRESS, self.ORDER_COMPLETED] """
        ddb_query = self._dynamodb(operation='Query')
        kwargs = {
            'TableName': self._get_table_name(),
            'IndexName': 'for_user_id',
            'KeyConditions': {
                'user_id': {
                    'AttributeValueList': [{
                        'S': str(user_id),
                    }],
                    'ComparisonOperator': 'EQ'
                },
                'order_status_created': {
                    'AttributeValueList': [{
                        'S': '{order_status}_0'.format(order_status=self.ORDER_IN_PROGRESS - 1),
                    }, {
                        'S': '{order_status}_0'.format(order_status=self.ORDER_COMPLETED + 1),
                    }],
                    'ComparisonOperator': 'BETWEEN'
                },
            },
            'Limit': limit
        }
        if last:
            kwargs['ExclusiveStartKey'] = last
        result = ddb_query.call(**kwargs)
        return (
            [self.decode_item(item) for item in result.get('Items')],
            result.get('LastEvaluatedKey'))

    def get_product_orders(self, product_id, order_status, limit=10, last=None):
        ddb_query = self._dynamodb(operation='Query')
        kwargs = {
            'TableName': self._get_table_name(),
            'IndexName': 'for_product_id',
            'KeyConditions': {
                'product_id': {
                    'AttributeValueList': [{
                        'S': str(product_id),
                    }],
                    'ComparisonOperator': 'EQ'
                },
                'order_status_created': {
                    'AttributeValueList': [{
                        'S': '{order_status}_0'.format(order_status=order_status - 1),
                    }, {
                        'S': '{order_status}_0'.format(order_status=order_status + 1),
                    }],
                    'ComparisonOperator': 'BETWEEN'
                },
            },
            'Limit': limit
        }
        if last:
            kwargs['ExclusiveStartKey'] = last
        result = ddb_query.call(**kwargs)
        return (
            [self.decode_item(item) for item in result.get('Items')],
            result.get('LastEvaluatedKey'))


# ---------------------------------------------------------------- the tests

@pytest.fixture
def seed_dynamodb(start_server):
    """A server of its own whose orders API uses another table, so the seed's
    program creates `purchase` itself, as it does on an empty DynamoDB."""
    srv = start_server(extra_args=['--table', 'orders_api'])
    return make_client(srv.url)


@pytest.fixture
def ddb_order(seed_dynamodb):
    dynamodb = seed_dynamodb
    order = DDBOrder(dynamodb)
    created = order.create_table()
    assert created['TableDescription']['TableName'] == 'purchase'
    deadline = time.monotonic() + 30
    while dynamodb.describe_table(TableName='purchase')['Table']['TableStatus'] != 'ACTIVE':
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield order
    dynamodb.delete_table(TableName='purchase')
    deadline = time.monotonic() + 30
    while True:
        try:
            dynamodb.describe_table(TableName='purchase')
        except ClientError:
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)


def run_main_flow(ddb_order, n_products=10, n_users=10, n_orders=20):
    """The seed's __main__ (after create_table), recording what it wrote."""
    written = {}
    products = []
    for i in range(n_products):
        products.append(str(uuid4()))
    users = []
    for i in range(n_users):
        users.append(str(uuid4()))
    for i in range(n_orders):
        result = ddb_order.create_order(
            user_id=random.choice(users),
            product_id=random.choice(products))
        updated = ddb_order.update_order_status(
            order_id=result['order_id'],
            order_status=random.choice(ddb_order.ORDER_STATUS_CHOICES))
        # What the store holds now: the PutItem's item with the two SET attributes.
        expect = {
            'order_id': str(result['order_id']),
            'user_id': result['user_id'],
            'product_id': result['product_id'],
            'created': int(result['created']),
            'order_status': updated['order_status'],
            'order_status_created': '%d_%d' % (updated['order_status'], int(result['created'])),
        }
        assert updated == expect, 'UpdateItem ALL_NEW'
        written[expect['order_id']] = expect
    return written, products, users


def all_pages(fetch, limit):
    items, last, pages = [], None, 0
    while True:
        page, last = fetch(limit=limit, last=last)
        pages += 1
        assert len(page) <= limit
        items.extend(page)
        if not last:
            return items, pages
        assert pages < 1000


def check_sorted_by_range(items):
    keys = [it['order_status_created'] for it in items]
    assert keys == sorted(keys)


def test_seed_main_flow(ddb_order, seed_dynamodb):
    dynamodb = seed_dynamodb
    random.seed(20150412)
    written, products, users = run_main_flow(ddb_order)

    # Every order is stored exactly as written.
    for order_id, expect in written.items():
        item = dynamodb.get_item(TableName='purchase', Key={'order_id': {'S': order_id}},
                                 ConsistentRead=True)['Item']
        assert ddb_order.decode_item(item) == expect

    # The seed's two calls, checked against the model.
    def check_first_page(page, last, want):
        ids = [o['order_id'] for o in page]
        want_ids = {o['order_id'] for o in want}
        assert len(ids) == len(set(ids))
        assert set(ids) <= want_ids
        for o in page:
            assert o == written[o['order_id']]
        check_sorted_by_range(page)
        if len(want) < 10:
            assert last is None
            assert set(ids) == want_ids
        else:
            assert len(page) == 10 and last is not None
            rest = [o for o in want if o['order_id'] not in set(ids)]
            if rest:
                assert page[-1]['order_status_created'] <= min(o['order_status_created'] for o in rest)

    user_orders, last = ddb_order.get_user_orders(user_id=users[0])
    check_first_page(user_orders, last, [o for o in written.values()
                                         if o['user_id'] == users[0] and o['order_status'] in (101, 201)])
    orders_in_progress, last = ddb_order.get_product_orders(
        product_id=products[0], order_status=ddb_order.ORDER_IN_PROGRESS)
    check_first_page(orders_in_progress, last, [o for o in written.values()
                                                if o['product_id'] == products[0] and o['order_status'] == 101])
    # With this seed the sample is not empty.
    assert user_orders or orders_in_progress

    # Every user, product and status, page by page with the seed's Limit and
    # ExclusiveStartKey, gives exactly the matching orders.
    for limit in (1, 2, 10):
        for user in users:
            got, _ = all_pages(lambda limit, last: ddb_order.get_user_orders(user, limit=limit, last=last), limit)
            check_sorted_by_range(got)
            want = {o['order_id'] for o in written.values()
                    if o['user_id'] == user and o['order_status'] in (101, 201)}
            assert [o['order_id'] for o in got if o['order_id'] in want] == [o['order_id'] for o in got]
            assert sorted(o['order_id'] for o in got) == sorted(want)
            for o in got:
                assert o == written[o['order_id']]
        for product in products:
            for status in ddb_order.ORDER_STATUS_CHOICES:
                got, _ = all_pages(lambda limit, last: ddb_order.get_product_orders(
                    product, status, limit=limit, last=last), limit)
                want = sorted(o['order_id'] for o in written.values()
                              if o['product_id'] == product and o['order_status'] == status)
                assert sorted(o['order_id'] for o in got) == want, (limit, product, status)


def test_seed_many_orders_same_second(ddb_order, seed_dynamodb):
    dynamodb = seed_dynamodb
    """150 orders for 3 users and 3 products, all created in the same second:
    the GSI range keys repeat many times, and every page boundary falls among
    equal keys."""
    random.seed(4)
    ddb_order.now = lambda: 1428791681.25
    written, products, users = run_main_flow(ddb_order, n_products=3, n_users=3, n_orders=150)
    for user in users:
        got, pages = all_pages(lambda limit, last: ddb_order.get_user_orders(user, limit=limit, last=last), 10)
        want = sorted(o['order_id'] for o in written.values()
                      if o['user_id'] == user and o['order_status'] in (101, 201))
        assert sorted(o['order_id'] for o in got) == want
        assert len(got) == len(set(o['order_id'] for o in got))
        check_sorted_by_range(got)
        assert pages <= len(want) // 10 + 1
    for product in products:
        for status in ddb_order.ORDER_STATUS_CHOICES:
            got, _ = all_pages(lambda limit, last: ddb_order.get_product_orders(
                product, status, limit=limit, last=last), 7)
            want = sorted(o['order_id'] for o in written.values()
                          if o['product_id'] == product and o['order_status'] == status)
            assert sorted(o['order_id'] for o in got) == want
    # The table as a whole holds exactly the orders written.
    r = dynamodb.scan(TableName='purchase', Select='COUNT')
    assert r['Count'] == 150


def test_seed_table_description(ddb_order, seed_dynamodb):
    dynamodb = seed_dynamodb
    desc = dynamodb.describe_table(TableName='purchase')['Table']
    assert desc['KeySchema'] == DDBOrder.KEY_SCHEMA
    assert desc['ProvisionedThroughput']['ReadCapacityUnits'] == 1
    assert desc['ProvisionedThroughput']['WriteCapacityUnits'] == 1
    gsis = {g['IndexName']: g for g in desc['GlobalSecondaryIndexes']}
    assert set(gsis) == {'for_user_id', 'for_product_id'}
    for spec in DDBOrder.GLOBAL_SECONDARY_INDEXES:
        g = gsis[spec['IndexName']]
        assert g['KeySchema'] == spec['KeySchema']
        assert g['Projection'] == spec['Projection']
        assert g['IndexStatus'] == 'ACTIVE'
        assert g['ProvisionedThroughput']['ReadCapacityUnits'] == 1
        assert g['ProvisionedThroughput']['WriteCapacityUnits'] == 1
    assert sorted(desc['AttributeDefinitions'], key=lambda a: a['AttributeName']) == [
        {'AttributeName': 'order_id', 'AttributeType': 'S'},
        {'AttributeName': 'order_status_created', 'AttributeType': 'S'},
        {'AttributeName': 'product_id', 'AttributeType': 'S'},
        {'AttributeName': 'user_id', 'AttributeType': 'S'}]


def test_seed_creates_purchase_on_a_fresh_default_server(start_server):
    """On a fresh `ordertrack serve` with default arguments the seed's own
    create_table succeeds, and the orders REST API then uses that table."""
    srv = start_server()
    dynamodb = make_client(srv.url)
    order = DDBOrder(dynamodb)
    created = order.create_table()
    assert created['TableDescription']['TableName'] == 'purchase'
    user, product = str(uuid.uuid4()), str(uuid.uuid4())
    written = order.create_order(user_id=user, product_id=product)
    conn = http.client.HTTPConnection('127.0.0.1', srv.port, timeout=10)
    conn.request('GET', '/v1/orders/' + str(written['order_id']))
    answer = conn.getresponse()
    body = json.loads(answer.read())
    assert answer.status == 200, body
    assert body['user_id'] == user and body['status'] == 'in_progress'
