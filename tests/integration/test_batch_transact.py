"""BatchWriteItem, BatchGetItem, TransactWriteItems, TransactGetItems."""
import uuid

import pytest
from botocore.exceptions import ClientError

from conftest import scan_all


def get(client, table, key):
    return client.get_item(TableName=table, Key=key, ConsistentRead=True).get('Item')


def test_batch_write_and_get_across_tables(dynamodb, table, table_sn):
    # 25 requests in one call, over two tables, puts and deletes.
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'doomed'}})
    requests = {
        table: [{'PutRequest': {'Item': {'p': {'S': 'k%d' % i}, 'v': {'N': str(i)}}}} for i in range(15)]
        + [{'DeleteRequest': {'Key': {'p': {'S': 'doomed'}}}}],
        table_sn: [{'PutRequest': {'Item': {'p': {'S': 'x'}, 'c': {'N': str(i)}, 'b': {'B': bytes([i])}}}}
                   for i in range(9)],
    }
    r = dynamodb.batch_write_item(RequestItems=requests)
    assert r['UnprocessedItems'] == {}
    assert len(scan_all(dynamodb, table)) == 15
    assert get(dynamodb, table, {'p': {'S': 'doomed'}}) is None
    assert len(scan_all(dynamodb, table_sn)) == 9

    keys = [{'p': {'S': 'k%d' % i}} for i in range(20)]  # k15..k19 do not exist
    r = dynamodb.batch_get_item(RequestItems={
        table: {'Keys': keys, 'ConsistentRead': True},
        table_sn: {'Keys': [{'p': {'S': 'x'}, 'c': {'N': str(i)}} for i in range(9)],
                   'ProjectionExpression': 'c, #b', 'ExpressionAttributeNames': {'#b': 'b'}}})
    assert r['UnprocessedKeys'] == {}
    got = sorted(r['Responses'][table], key=lambda it: int(it['v']['N']))
    assert got == [{'p': {'S': 'k%d' % i}, 'v': {'N': str(i)}} for i in range(15)]
    got = sorted(r['Responses'][table_sn], key=lambda it: int(it['c']['N']))
    assert got == [{'c': {'N': str(i)}, 'b': {'B': bytes([i])}} for i in range(9)]


def test_batch_get_100_keys(dynamodb, table):
    for start in range(0, 100, 25):
        dynamodb.batch_write_item(RequestItems={table: [
            {'PutRequest': {'Item': {'p': {'S': 'k%03d' % i}}}} for i in range(start, start + 25)]})
    r = dynamodb.batch_get_item(RequestItems={table: {'Keys': [{'p': {'S': 'k%03d' % i}} for i in range(100)]}})
    assert r['UnprocessedKeys'] == {}
    assert sorted(it['p']['S'] for it in r['Responses'][table]) == ['k%03d' % i for i in range(100)]


def test_batch_validation(dynamodb, table):
    with pytest.raises(ClientError) as e:
        dynamodb.batch_get_item(RequestItems={table: {'Keys': [{'p': {'S': 'a'}}, {'p': {'S': 'a'}}]}})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == 'Provided list of item keys contains duplicates'
    with pytest.raises(ClientError) as e:
        dynamodb.batch_write_item(RequestItems={table: [
            {'PutRequest': {'Item': {'p': {'S': 'a'}}}}, {'DeleteRequest': {'Key': {'p': {'S': 'a'}}}}]})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == 'Provided list of item keys contains duplicates'
    with pytest.raises(ClientError) as e:
        dynamodb.batch_write_item(RequestItems={table: [
            {'PutRequest': {'Item': {'p': {'S': 'k%d' % i}}}} for i in range(26)]})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert 'Member must have length less than or equal to 25' in e.value.response['Error']['Message']
    # Nothing of the refused batches was written.
    assert scan_all(dynamodb, table) == []
    missing = 'missing_' + uuid.uuid4().hex
    with pytest.raises(ClientError) as e:
        dynamodb.batch_write_item(RequestItems={missing: [{'PutRequest': {'Item': {'p': {'S': 'a'}}}}]})
    assert e.value.response['Error']['Code'] == 'ResourceNotFoundException'
    assert e.value.response['Error']['Message'] == 'Requested resource not found'
    # A malformed table name is a constraint on RequestItems' keys, not a missing table.
    with pytest.raises(ClientError) as e:
        dynamodb.batch_write_item(RequestItems={'bad name': [{'PutRequest': {'Item': {'p': {'S': 'a'}}}}]})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'].startswith(
        "1 validation error detected: Value '{bad name=[...]}' at 'requestItems' failed to satisfy "
        "constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255")


def test_transact_write_success(dynamodb, table, table_sn):
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'upd'}, 'n': {'N': '1'}})
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'del'}})
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'chk'}, 'ok': {'BOOL': True}})
    dynamodb.transact_write_items(TransactItems=[
        {'Put': {'TableName': table_sn, 'Item': {'p': {'S': 'new'}, 'c': {'N': '1'}},
                 'ConditionExpression': 'attribute_not_exists(p)'}},
        {'Update': {'TableName': table, 'Key': {'p': {'S': 'upd'}}, 'UpdateExpression': 'ADD n :one',
                    'ExpressionAttributeValues': {':one': {'N': '1'}}}},
        {'Delete': {'TableName': table, 'Key': {'p': {'S': 'del'}}}},
        {'ConditionCheck': {'TableName': table, 'Key': {'p': {'S': 'chk'}},
                            'ConditionExpression': 'ok = :t', 'ExpressionAttributeValues': {':t': {'BOOL': True}}}},
    ])
    assert get(dynamodb, table_sn, {'p': {'S': 'new'}, 'c': {'N': '1'}}) == {'p': {'S': 'new'}, 'c': {'N': '1'}}
    assert get(dynamodb, table, {'p': {'S': 'upd'}}) == {'p': {'S': 'upd'}, 'n': {'N': '2'}}
    assert get(dynamodb, table, {'p': {'S': 'del'}}) is None
    assert get(dynamodb, table, {'p': {'S': 'chk'}}) == {'p': {'S': 'chk'}, 'ok': {'BOOL': True}}


def test_transact_write_cancellation(dynamodb, table):
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'a'}, 'n': {'N': '1'}})
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'b'}, 'n': {'N': '5'}})
    before = sorted(scan_all(dynamodb, table), key=lambda it: it['p']['S'])
    with pytest.raises(ClientError) as e:
        dynamodb.transact_write_items(TransactItems=[
            {'Put': {'TableName': table, 'Item': {'p': {'S': 'c'}}}},
            {'Update': {'TableName': table, 'Key': {'p': {'S': 'a'}}, 'UpdateExpression': 'SET n = :nine',
                        'ExpressionAttributeValues': {':nine': {'N': '9'}}}},
            {'ConditionCheck': {'TableName': table, 'Key': {'p': {'S': 'b'}},
                                'ConditionExpression': 'n = :one', 'ExpressionAttributeValues': {':one': {'N': '1'}},
                                'ReturnValuesOnConditionCheckFailure': 'ALL_OLD'}},
        ])
    err = e.value.response['Error']
    assert err['Code'] == 'TransactionCanceledException'
    assert err['Message'] == ('Transaction cancelled, please refer cancellation reasons for specific '
                              'reasons [None, None, ConditionalCheckFailed]')
    assert e.value.response['CancellationReasons'] == [
        {'Code': 'None'}, {'Code': 'None'},
        {'Code': 'ConditionalCheckFailed', 'Message': 'The conditional request failed',
         'Item': {'p': {'S': 'b'}, 'n': {'N': '5'}}}]
    assert isinstance(e.value, dynamodb.exceptions.TransactionCanceledException)
    assert sorted(scan_all(dynamodb, table), key=lambda it: it['p']['S']) == before

    # Without ReturnValuesOnConditionCheckFailure the reason carries no item.
    with pytest.raises(ClientError) as e:
        dynamodb.transact_write_items(TransactItems=[
            {'Delete': {'TableName': table, 'Key': {'p': {'S': 'a'}},
                        'ConditionExpression': 'attribute_not_exists(p)'}},
            {'Delete': {'TableName': table, 'Key': {'p': {'S': 'b'}}}}])
    assert e.value.response['CancellationReasons'] == [
        {'Code': 'ConditionalCheckFailed', 'Message': 'The conditional request failed'}, {'Code': 'None'}]
    assert sorted(scan_all(dynamodb, table), key=lambda it: it['p']['S']) == before


def test_transact_write_validation(dynamodb, table):
    with pytest.raises(ClientError) as e:
        dynamodb.transact_write_items(TransactItems=[
            {'Put': {'TableName': table, 'Item': {'p': {'S': 'same'}}}},
            {'Delete': {'TableName': table, 'Key': {'p': {'S': 'same'}}}}])
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == \
        'Transaction request cannot include multiple operations on one item'
    assert get(dynamodb, table, {'p': {'S': 'same'}}) is None


def test_transact_write_client_request_token(dynamodb, table):
    token = uuid.uuid4().hex
    req = [{'Update': {'TableName': table, 'Key': {'p': {'S': 'idem'}}, 'UpdateExpression': 'ADD n :one',
                       'ExpressionAttributeValues': {':one': {'N': '1'}}}}]
    dynamodb.transact_write_items(TransactItems=req, ClientRequestToken=token)
    dynamodb.transact_write_items(TransactItems=req, ClientRequestToken=token)
    assert get(dynamodb, table, {'p': {'S': 'idem'}}) == {'p': {'S': 'idem'}, 'n': {'N': '1'}}
    other = [{'Update': dict(req[0]['Update'], ExpressionAttributeValues={':one': {'N': '2'}})}]
    with pytest.raises(ClientError) as e:
        dynamodb.transact_write_items(TransactItems=other, ClientRequestToken=token)
    assert e.value.response['Error']['Code'] == 'IdempotentParameterMismatchException'
    assert get(dynamodb, table, {'p': {'S': 'idem'}}) == {'p': {'S': 'idem'}, 'n': {'N': '1'}}


def test_transactions_report_capacity_per_table(dynamodb, table, table_sn):
    token = uuid.uuid4().hex
    req = [{'Put': {'TableName': table, 'Item': {'p': {'S': 'cap1'}}}},
           {'Delete': {'TableName': table_sn, 'Key': {'p': {'S': 'none'}, 'c': {'N': '1'}}}},
           {'Put': {'TableName': table, 'Item': {'p': {'S': 'cap2'}}}}]
    r = dynamodb.transact_write_items(TransactItems=req, ClientRequestToken=token,
                                      ReturnConsumedCapacity='INDEXES')
    assert r['ConsumedCapacity'] == [
        {'TableName': table, 'CapacityUnits': 4.0, 'WriteCapacityUnits': 4.0,
         'Table': {'CapacityUnits': 4.0, 'WriteCapacityUnits': 4.0}},
        {'TableName': table_sn, 'CapacityUnits': 2.0, 'WriteCapacityUnits': 2.0,
         'Table': {'CapacityUnits': 2.0, 'WriteCapacityUnits': 2.0}}]
    # The retry reads what the first call wrote.
    r = dynamodb.transact_write_items(TransactItems=req, ClientRequestToken=token,
                                      ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == [
        {'TableName': table, 'CapacityUnits': 4.0, 'ReadCapacityUnits': 4.0},
        {'TableName': table_sn, 'CapacityUnits': 2.0, 'ReadCapacityUnits': 2.0}]
    # A batch charges each key as a GetItem would, misses included.
    r = dynamodb.batch_get_item(
        RequestItems={table: {'Keys': [{'p': {'S': 'cap1'}}, {'p': {'S': 'missing'}}]}},
        ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == [{'TableName': table, 'CapacityUnits': 1.0}]
    r = dynamodb.transact_get_items(
        TransactItems=[{'Get': {'TableName': table, 'Key': {'p': {'S': 'cap1'}}}},
                       {'Get': {'TableName': table, 'Key': {'p': {'S': 'missing'}}}}],
        ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == [{'TableName': table, 'CapacityUnits': 4.0, 'ReadCapacityUnits': 4.0}]


def test_transact_get_items(dynamodb, table, table_sn):
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'a'}, 'x': {'S': 'ax'}, 'y': {'S': 'ay'}})
    dynamodb.put_item(TableName=table_sn, Item={'p': {'S': 'b'}, 'c': {'N': '2'}, 'x': {'N': '3'}})
    r = dynamodb.transact_get_items(TransactItems=[
        {'Get': {'TableName': table_sn, 'Key': {'p': {'S': 'b'}, 'c': {'N': '2'}}}},
        {'Get': {'TableName': table, 'Key': {'p': {'S': 'missing'}}}},
        {'Get': {'TableName': table, 'Key': {'p': {'S': 'a'}}, 'ProjectionExpression': '#y',
                 'ExpressionAttributeNames': {'#y': 'y'}}},
    ])
    assert r['Responses'] == [
        {'Item': {'p': {'S': 'b'}, 'c': {'N': '2'}, 'x': {'N': '3'}}},
        {},
        {'Item': {'y': {'S': 'ay'}}},
    ]
