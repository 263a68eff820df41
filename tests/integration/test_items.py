"""PutItem, GetItem, UpdateItem, DeleteItem: conditions, expression names and
values, every ReturnValues, ReturnValuesOnConditionCheckFailure, legacy
Expected and AttributeUpdates, numbers by value, sets, nested documents, binary."""
import pytest
from botocore.exceptions import ClientError

from conftest import dynamo_request, error_type

ALL_TYPES = {
    'p': {'S': 'k1'},
    's': {'S': 'hello ünïcode ☃'},
    'n': {'N': '-12.5'},
    'b': {'B': bytes(range(256))},
    't': {'BOOL': True},
    'f': {'BOOL': False},
    'z': {'NULL': True},
    'ss': {'SS': ['a', 'b', 'c']},
    'ns': {'NS': ['1', '2.5', '-3']},
    'bs': {'BS': [b'\x00\x01', b'\xff']},
    'l': {'L': [{'S': 'x'}, {'N': '1'}, {'L': [{'BOOL': False}]}, {'M': {'q': {'NULL': True}}}]},
    'm': {'M': {'a': {'M': {'b': {'M': {'c': {'S': 'deep'}}}}}, 'list': {'L': [{'N': '7'}]}}},
    'empty_s': {'S': ''},
    'empty_l': {'L': []},
    'empty_m': {'M': {}},
}


def normalize(item):
    """Sets compare as sets."""
    out = {}
    for k, v in item.items():
        (t, x), = v.items()
        if t in ('SS', 'NS', 'BS'):
            out[k] = {t: sorted(x)}
        elif t == 'L':
            out[k] = {'L': [normalize({'_': e})['_'] for e in x]}
        elif t == 'M':
            out[k] = {'M': normalize(x)}
        else:
            out[k] = v
    return out


def get(client, table, key, **kw):
    return client.get_item(TableName=table, Key=key, ConsistentRead=True, **kw).get('Item')


def code_and_message(excinfo):
    err = excinfo.value.response['Error']
    return err['Code'], err['Message']


def test_put_get_every_type(dynamodb, table):
    r = dynamodb.put_item(TableName=table, Item=ALL_TYPES)
    assert 'Attributes' not in r
    got = get(dynamodb, table, {'p': {'S': 'k1'}})
    assert normalize(got) == normalize(ALL_TYPES)
    assert got['b']['B'] == bytes(range(256))


def test_get_missing_item_has_no_item(dynamodb, table):
    r = dynamodb.get_item(TableName=table, Key={'p': {'S': 'nope'}})
    assert 'Item' not in r


def test_get_with_projection_expression_nested(dynamodb, table):
    dynamodb.put_item(TableName=table, Item=ALL_TYPES)
    got = get(dynamodb, table, {'p': {'S': 'k1'}},
              ProjectionExpression='s, m.a.b, l[1], #n',
              ExpressionAttributeNames={'#n': 'n'})
    assert got == {'s': ALL_TYPES['s'], 'n': ALL_TYPES['n'],
                   'm': {'M': {'a': {'M': {'b': {'M': {'c': {'S': 'deep'}}}}}}},
                   'l': {'L': [{'N': '1'}]}}
    # Legacy AttributesToGet.
    got = get(dynamodb, table, {'p': {'S': 'k1'}}, AttributesToGet=['t', 'z', 'missing'])
    assert got == {'t': {'BOOL': True}, 'z': {'NULL': True}}


def test_put_replaces_whole_item(dynamodb, table):
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'a'}, 'x': {'N': '1'}, 'y': {'N': '2'}})
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'a'}, 'z': {'N': '3'}})
    assert get(dynamodb, table, {'p': {'S': 'a'}}) == {'p': {'S': 'a'}, 'z': {'N': '3'}}


def test_put_return_values(dynamodb, table):
    item1 = {'p': {'S': 'a'}, 'x': {'N': '1'}}
    item2 = {'p': {'S': 'a'}, 'x': {'N': '2'}}
    r = dynamodb.put_item(TableName=table, Item=item1, ReturnValues='ALL_OLD')
    assert 'Attributes' not in r
    r = dynamodb.put_item(TableName=table, Item=item2, ReturnValues='ALL_OLD')
    assert r['Attributes'] == item1
    r = dynamodb.put_item(TableName=table, Item=item1, ReturnValues='NONE')
    assert 'Attributes' not in r
    for bad in ('ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'):
        with pytest.raises(ClientError) as e:
            dynamodb.put_item(TableName=table, Item=item2, ReturnValues=bad)
        assert code_and_message(e) == ('ValidationException', 'Return values set to invalid value')
    assert get(dynamodb, table, {'p': {'S': 'a'}}) == item1


def test_put_condition_expression(dynamodb, table):
    item = {'p': {'S': 'a'}, 'status': {'S': 'new'}, 'n': {'N': '5'}}
    dynamodb.put_item(TableName=table, Item=item, ConditionExpression='attribute_not_exists(p)')
    with pytest.raises(ClientError) as e:
        dynamodb.put_item(TableName=table, Item={'p': {'S': 'a'}},
                          ConditionExpression='attribute_not_exists(p)')
    assert code_and_message(e) == ('ConditionalCheckFailedException', 'The conditional request failed')
    # Reserved word through ExpressionAttributeNames; several functions.
    dynamodb.put_item(
        TableName=table, Item={'p': {'S': 'a'}, 'status': {'S': 'done'}, 'n': {'N': '6'}},
        ConditionExpression='#s = :new AND n BETWEEN :lo AND :hi AND begins_with(#s, :pre) '
                            'AND attribute_type(n, :N) AND size(#s) = :three AND n IN (:five, :hi)',
        ExpressionAttributeNames={'#s': 'status'},
        ExpressionAttributeValues={':new': {'S': 'new'}, ':lo': {'N': '4'}, ':hi': {'N': '5'},
                                   ':pre': {'S': 'ne'}, ':N': {'S': 'N'}, ':three': {'N': '3'},
                                   ':five': {'N': '5'}})
    assert get(dynamodb, table, {'p': {'S': 'a'}})['status'] == {'S': 'done'}


def test_return_values_on_condition_check_failure(server, dynamodb, table):
    item = {'p': {'S': 'a'}, 'x': {'N': '1'}}
    dynamodb.put_item(TableName=table, Item=item)
    # botocore 1.29 predates this parameter for single-item writes: raw JSON.
    for op, payload in [
            ('PutItem', {'Item': {'p': {'S': 'a'}, 'x': {'N': '2'}}}),
            ('UpdateItem', {'Key': {'p': {'S': 'a'}}, 'UpdateExpression': 'SET x = :two',
                            'ExpressionAttributeValues': {':two': {'N': '2'}, ':zero': {'N': '0'}}}),
            ('DeleteItem', {'Key': {'p': {'S': 'a'}}})]:
        payload = dict(payload, TableName=table, ConditionExpression='x = :zero',
                       ReturnValuesOnConditionCheckFailure='ALL_OLD')
        payload.setdefault('ExpressionAttributeValues', {':zero': {'N': '0'}})
        status, _, body = dynamo_request(server.port, op, payload)
        assert status == 400, (op, body)
        assert error_type(body) == 'ConditionalCheckFailedException', (op, body)
        assert body['message'] == 'The conditional request failed'
        assert body['Item'] == item, (op, body)
        # NONE (the default) returns no item.
        payload['ReturnValuesOnConditionCheckFailure'] = 'NONE'
        status, _, body = dynamo_request(server.port, op, payload)
        assert status == 400 and error_type(body) == 'ConditionalCheckFailedException'
        assert 'Item' not in body
    assert get(dynamodb, table, {'p': {'S': 'a'}}) == item


def test_update_item_actions(dynamodb, table):
    key = {'p': {'S': 'u'}}
    dynamodb.put_item(TableName=table, Item={
        'p': {'S': 'u'}, 'n': {'N': '10'}, 'gone': {'S': 'bye'}, 'ss': {'SS': ['a', 'b', 'c']},
        'l': {'L': [{'N': '0'}, {'N': '1'}, {'N': '2'}]},
        'm': {'M': {'a': {'M': {'b': {'N': '1'}}}}}})
    dynamodb.update_item(
        TableName=table, Key=key,
        UpdateExpression='SET n = n + :d, m.a.c = :c, l[1] = :x, newl = list_append(:e, l), '
                         'cnt = if_not_exists(cnt, :zero) REMOVE gone, l[0] '
                         'ADD ns :ns, tot :d DELETE ss :ab',
        ExpressionAttributeValues={':d': {'N': '0.5'}, ':c': {'S': 'sea'}, ':x': {'S': 'one'},
                                   ':e': {'L': [{'S': 'first'}]}, ':zero': {'N': '0'},
                                   ':ns': {'NS': ['7', '8']}, ':ab': {'SS': ['a', 'b']}})
    got = normalize(get(dynamodb, table, key))
    assert got == normalize({
        'p': {'S': 'u'}, 'n': {'N': '10.5'}, 'ss': {'SS': ['c']},
        'l': {'L': [{'S': 'one'}, {'N': '2'}]},
        'newl': {'L': [{'S': 'first'}, {'N': '0'}, {'N': '1'}, {'N': '2'}]},
        'm': {'M': {'a': {'M': {'b': {'N': '1'}, 'c': {'S': 'sea'}}}}},
        'cnt': {'N': '0'}, 'ns': {'NS': ['7', '8']}, 'tot': {'N': '0.5'}})
    # Deleting the last elements of a set removes the attribute.
    dynamodb.update_item(TableName=table, Key=key, UpdateExpression='DELETE ss :c',
                         ExpressionAttributeValues={':c': {'SS': ['c']}})
    assert 'ss' not in get(dynamodb, table, key)
    # Setting past the end of a list appends.
    dynamodb.update_item(TableName=table, Key=key, UpdateExpression='SET l[10] = :v',
                         ExpressionAttributeValues={':v': {'S': 'end'}})
    assert get(dynamodb, table, key)['l'] == {'L': [{'S': 'one'}, {'N': '2'}, {'S': 'end'}]}


def test_update_item_creates_missing_item(dynamodb, table):
    r = dynamodb.update_item(TableName=table, Key={'p': {'S': 'new'}},
                             UpdateExpression='ADD c :one', ExpressionAttributeValues={':one': {'N': '1'}},
                             ReturnValues='ALL_NEW')
    assert r['Attributes'] == {'p': {'S': 'new'}, 'c': {'N': '1'}}
    with pytest.raises(ClientError) as e:
        dynamodb.update_item(TableName=table, Key={'p': {'S': 'other'}},
                             UpdateExpression='SET a = :one', ConditionExpression='attribute_exists(p)',
                             ExpressionAttributeValues={':one': {'N': '1'}})
    assert code_and_message(e) == ('ConditionalCheckFailedException', 'The conditional request failed')
    assert get(dynamodb, table, {'p': {'S': 'other'}}) is None


def test_update_return_values(dynamodb, table):
    key = {'p': {'S': 'r'}}
    base = {'p': {'S': 'r'}, 'a': {'N': '1'}, 'b': {'S': 'keep'}, 'c': {'S': 'drop'}}
    expr = dict(UpdateExpression='SET a = :two, d = :new REMOVE c',
                ExpressionAttributeValues={':two': {'N': '2'}, ':new': {'S': 'added'}})
    after = {'p': {'S': 'r'}, 'a': {'N': '2'}, 'b': {'S': 'keep'}, 'd': {'S': 'added'}}
    want = {
        'NONE': None,
        'ALL_OLD': base,
        'UPDATED_OLD': {'a': {'N': '1'}, 'c': {'S': 'drop'}},
        'ALL_NEW': after,
        'UPDATED_NEW': {'a': {'N': '2'}, 'd': {'S': 'added'}},
    }
    for rv, expected in want.items():
        dynamodb.put_item(TableName=table, Item=base)
        r = dynamodb.update_item(TableName=table, Key=key, ReturnValues=rv, **expr)
        assert r.get('Attributes') == expected, rv
        assert get(dynamodb, table, key) == after
    # On an item that did not exist, the old values are absent.
    r = dynamodb.update_item(TableName=table, Key={'p': {'S': 'fresh'}}, ReturnValues='ALL_OLD', **expr)
    assert 'Attributes' not in r
    r = dynamodb.update_item(TableName=table, Key={'p': {'S': 'fresh2'}}, ReturnValues='UPDATED_OLD', **expr)
    assert 'Attributes' not in r


def test_delete_item(dynamodb, table):
    item = {'p': {'S': 'd'}, 'x': {'N': '1'}}
    dynamodb.put_item(TableName=table, Item=item)
    with pytest.raises(ClientError) as e:
        dynamodb.delete_item(TableName=table, Key={'p': {'S': 'd'}}, ConditionExpression='x = :v',
                             ExpressionAttributeValues={':v': {'N': '2'}})
    assert code_and_message(e) == ('ConditionalCheckFailedException', 'The conditional request failed')
    assert get(dynamodb, table, {'p': {'S': 'd'}}) == item
    with pytest.raises(ClientError) as e:
        dynamodb.delete_item(TableName=table, Key={'p': {'S': 'd'}}, ReturnValues='ALL_NEW')
    assert code_and_message(e) == ('ValidationException', 'Return values set to invalid value')
    r = dynamodb.delete_item(TableName=table, Key={'p': {'S': 'd'}}, ConditionExpression='x = :v',
                             ExpressionAttributeValues={':v': {'N': '1'}}, ReturnValues='ALL_OLD')
    assert r['Attributes'] == item
    assert get(dynamodb, table, {'p': {'S': 'd'}}) is None
    # Deleting a missing item succeeds and returns nothing.
    r = dynamodb.delete_item(TableName=table, Key={'p': {'S': 'd'}}, ReturnValues='ALL_OLD')
    assert 'Attributes' not in r


def test_legacy_expected(dynamodb, table):
    key = {'p': {'S': 'e'}}
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'e'}, 'a': {'N': '1'}},
                      Expected={'p': {'Exists': False}})
    with pytest.raises(ClientError) as e:
        dynamodb.put_item(TableName=table, Item={'p': {'S': 'e'}}, Expected={'p': {'Exists': False}})
    assert code_and_message(e) == ('ConditionalCheckFailedException', 'The conditional request failed')
    # Value alone means Exists=true and equal.
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'e'}, 'a': {'N': '2'}},
                      Expected={'a': {'Value': {'N': '1'}}})
    with pytest.raises(ClientError) as e:
        dynamodb.put_item(TableName=table, Item={'p': {'S': 'e'}, 'a': {'N': '9'}},
                          Expected={'a': {'Value': {'N': '1'}}})
    assert code_and_message(e)[0] == 'ConditionalCheckFailedException'
    # ComparisonOperator forms and ConditionalOperator OR.
    dynamodb.update_item(TableName=table, Key=key,
                         AttributeUpdates={'a': {'Action': 'PUT', 'Value': {'N': '3'}}},
                         Expected={'a': {'ComparisonOperator': 'GT', 'AttributeValueList': [{'N': '5'}]},
                                   'zz': {'ComparisonOperator': 'NULL'}},
                         ConditionalOperator='OR')
    assert get(dynamodb, table, key)['a'] == {'N': '3'}
    with pytest.raises(ClientError) as e:
        dynamodb.delete_item(TableName=table, Key=key,
                             Expected={'a': {'ComparisonOperator': 'BETWEEN',
                                             'AttributeValueList': [{'N': '4'}, {'N': '5'}]}})
    assert code_and_message(e)[0] == 'ConditionalCheckFailedException'
    dynamodb.delete_item(TableName=table, Key=key,
                         Expected={'a': {'ComparisonOperator': 'IN',
                                         'AttributeValueList': [{'N': '2'}, {'N': '3'}]}})
    assert get(dynamodb, table, key) is None


def test_legacy_attribute_updates(dynamodb, table):
    key = {'p': {'S': 'au'}}
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'au'}, 'n': {'N': '1'}, 'old': {'S': 'x'},
                                             'ss': {'SS': ['a', 'b']}})
    r = dynamodb.update_item(TableName=table, Key=key, ReturnValues='UPDATED_NEW', AttributeUpdates={
        'n': {'Action': 'ADD', 'Value': {'N': '41'}},
        'old': {'Action': 'DELETE'},
        'ss': {'Action': 'DELETE', 'Value': {'SS': ['a']}},
        'put': {'Action': 'PUT', 'Value': {'M': {'k': {'S': 'v'}}}},
        'ns': {'Action': 'ADD', 'Value': {'NS': ['5']}}})
    assert normalize(r['Attributes']) == normalize({
        'n': {'N': '42'}, 'ss': {'SS': ['b']}, 'put': {'M': {'k': {'S': 'v'}}}, 'ns': {'NS': ['5']}})
    assert normalize(get(dynamodb, table, key)) == normalize({
        'p': {'S': 'au'}, 'n': {'N': '42'}, 'ss': {'SS': ['b']},
        'put': {'M': {'k': {'S': 'v'}}}, 'ns': {'NS': ['5']}})


def test_numbers_by_value(dynamodb, table, table_sn):
    # Stored numbers come back in DynamoDB's canonical form.
    cases = {'00042': '42', '-0': '0', '1.5E2': '150', '1.0': '1', '1.50': '1.5', '+3': '3',
             '.125': '0.125', '0e1000': '0',
             '3.1415926535897932384626433832795028841': '3.1415926535897932384626433832795028841'}
    item = {'p': {'S': 'num'}}
    for i, raw in enumerate(cases):
        item['a%d' % i] = {'N': raw}
    dynamodb.put_item(TableName=table, Item=item)
    got = get(dynamodb, table, {'p': {'S': 'num'}})
    for i, want in enumerate(cases.values()):
        assert got['a%d' % i] == {'N': want}
    # Conditions compare by value.
    dynamodb.update_item(TableName=table, Key={'p': {'S': 'num'}}, UpdateExpression='SET hit = :t',
                         ConditionExpression='a3 = :one AND a1 = :zero AND a2 > :big',
                         ExpressionAttributeValues={':one': {'N': '1.000'}, ':zero': {'N': '0.0'},
                                                    ':big': {'N': '149.99'}, ':t': {'BOOL': True}})
    # Arithmetic is decimal, not binary floating point.
    dynamodb.update_item(TableName=table, Key={'p': {'S': 'num'}}, UpdateExpression='SET s = :a + :b',
                         ExpressionAttributeValues={':a': {'N': '0.1'}, ':b': {'N': '0.2'}})
    assert get(dynamodb, table, {'p': {'S': 'num'}})['s'] == {'N': '0.3'}
    dynamodb.update_item(TableName=table, Key={'p': {'S': 'num'}}, UpdateExpression='SET s = :a - :b',
                         ExpressionAttributeValues={':a': {'N': '10000000000000000000000'}, ':b': {'N': '1'}})
    assert get(dynamodb, table, {'p': {'S': 'num'}})['s'] == {'N': '9999999999999999999999'}
    # A number sort key is one key whatever its spelling.
    dynamodb.put_item(TableName=table_sn, Item={'p': {'S': 'k'}, 'c': {'N': '1.0'}, 'v': {'S': 'first'}})
    dynamodb.put_item(TableName=table_sn, Item={'p': {'S': 'k'}, 'c': {'N': '01'}, 'v': {'S': 'second'}})
    got = get(dynamodb, table_sn, {'p': {'S': 'k'}, 'c': {'N': '1e0'}})
    assert got == {'p': {'S': 'k'}, 'c': {'N': '1'}, 'v': {'S': 'second'}}
    assert dynamodb.query(TableName=table_sn, KeyConditionExpression='p = :p',
                          ExpressionAttributeValues={':p': {'S': 'k'}})['Count'] == 1


def test_sets_and_binary(dynamodb, table_sn):
    key = {'p': {'S': 'bin'}, 'c': {'N': '0'}}
    blob = bytes([0, 255, 10, 13, 0, 1]) * 100
    dynamodb.put_item(TableName=table_sn, Item=dict(key, b={'B': blob}, bs={'BS': [b'\x00', b'\x01\x02']}))
    dynamodb.update_item(TableName=table_sn, Key=key, UpdateExpression='ADD bs :more, ss :s',
                         ExpressionAttributeValues={':more': {'BS': [b'\x03', b'\x00']},
                                                    ':s': {'SS': ['z', 'y']}})
    got = get(dynamodb, table_sn, key)
    assert got['b'] == {'B': blob}
    assert sorted(got['bs']['BS']) == [b'\x00', b'\x01\x02', b'\x03']
    assert sorted(got['ss']['SS']) == ['y', 'z']
    # contains() on a set and on a binary value.
    r = dynamodb.update_item(TableName=table_sn, Key=key, UpdateExpression='SET ok = :t',
                             ConditionExpression='contains(ss, :y) AND contains(bs, :b3)',
                             ExpressionAttributeValues={':y': {'S': 'y'}, ':b3': {'B': b'\x03'},
                                                        ':t': {'BOOL': True}},
                             ReturnValues='UPDATED_NEW')
    assert r['Attributes'] == {'ok': {'BOOL': True}}


def test_binary_key(make_table, dynamodb):
    t = make_table(hash=('k', 'B'))
    key = {'k': {'B': b'\x00\xffkey'}}
    dynamodb.put_item(TableName=t, Item=dict(key, v={'S': 'x'}))
    assert get(dynamodb, t, key) == dict(key, v={'S': 'x'})
    assert get(dynamodb, t, {'k': {'B': b'\x00\xffkez'}}) is None


def test_writes_are_charged_for_index_entries(dynamodb, make_table):
    name = make_table(extra_attrs=[('g', 'S')], GlobalSecondaryIndexes=[{
        'IndexName': 'by_g', 'KeySchema': [{'AttributeName': 'g', 'KeyType': 'HASH'}],
        'Projection': {'ProjectionType': 'ALL'}}])
    r = dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}, 'g': {'S': 'x'}},
                          ReturnConsumedCapacity='INDEXES')
    assert r['ConsumedCapacity'] == {
        'TableName': name, 'CapacityUnits': 2.0, 'Table': {'CapacityUnits': 1.0},
        'GlobalSecondaryIndexes': {'by_g': {'CapacityUnits': 1.0}}}
    # The index key changes: the old entry is deleted and a new one put.
    r = dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}, 'g': {'S': 'y'}},
                          ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == {'TableName': name, 'CapacityUnits': 3.0}
    # Not in the index: the table alone.
    r = dynamodb.put_item(TableName=name, Item={'p': {'S': 'b'}}, ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == {'TableName': name, 'CapacityUnits': 1.0}


def test_return_consumed_capacity(dynamodb, table):
    r = dynamodb.put_item(TableName=table, Item={'p': {'S': 'cc'}}, ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == {'TableName': table, 'CapacityUnits': 1.0}
    r = dynamodb.get_item(TableName=table, Key={'p': {'S': 'cc'}}, ReturnConsumedCapacity='TOTAL',
                          ConsistentRead=True)
    assert r['ConsumedCapacity'] == {'TableName': table, 'CapacityUnits': 1.0}
    r = dynamodb.get_item(TableName=table, Key={'p': {'S': 'cc'}}, ReturnConsumedCapacity='TOTAL')
    assert r['ConsumedCapacity'] == {'TableName': table, 'CapacityUnits': 0.5}
    r = dynamodb.get_item(TableName=table, Key={'p': {'S': 'cc'}}, ReturnConsumedCapacity='NONE')
    assert 'ConsumedCapacity' not in r
