"""Query and Scan: KeyConditionExpression and legacy KeyConditions, both
directions, Limit + ExclusiveStartKey to exhaustion (also on a GSI whose keys
repeat), FilterExpression, ProjectionExpression, Select, parallel Scan, paginators."""
import pytest
from botocore.exceptions import ClientError

from conftest import scan_all


def key_of(item, names):
    return tuple(sorted((n, tuple(item[n].items())) for n in names))


@pytest.fixture
def filled(dynamodb, table_sn):
    """Partition 'a': c = 0..29 with x = c % 3; partitions 'b' (5 items), 'c' (1)."""
    items = []
    for c in range(30):
        items.append({'p': {'S': 'a'}, 'c': {'N': str(c)}, 'x': {'N': str(c % 3)},
                      'pd': {'S': 'v%d' % c}, 'doc': {'M': {'k': {'N': str(c)}, 'o': {'S': 'other'}}}})
    for c in range(5):
        items.append({'p': {'S': 'b'}, 'c': {'N': str(-c)}, 'x': {'N': '0'}})
    items.append({'p': {'S': 'c'}, 'c': {'N': '1.5'}})
    for it in items:
        dynamodb.put_item(TableName=table_sn, Item=it)
    return table_sn, items


def part(items, p):
    return sorted([it for it in items if it['p']['S'] == p], key=lambda it: float(it['c']['N']))


def query_all(client, **kwargs):
    pages, items = 0, []
    kwargs = dict(kwargs)
    while True:
        r = client.query(**kwargs)
        pages += 1
        assert pages < 1000, 'pagination does not end'
        if 'Limit' in kwargs:
            assert len(r['Items']) <= kwargs['Limit']
        assert r['Count'] == len(r['Items'])
        items.extend(r['Items'])
        if 'LastEvaluatedKey' not in r:
            return items, pages
        kwargs['ExclusiveStartKey'] = r['LastEvaluatedKey']


def test_key_condition_expression_forward_backward(dynamodb, filled):
    t, items = filled
    a = part(items, 'a')
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p',
                       ExpressionAttributeValues={':p': {'S': 'a'}})
    assert r['Items'] == a
    assert r['Count'] == 30 and r['ScannedCount'] == 30
    assert 'LastEvaluatedKey' not in r
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', ScanIndexForward=False,
                       ExpressionAttributeValues={':p': {'S': 'a'}})
    assert r['Items'] == a[::-1]
    r = dynamodb.query(TableName=t, KeyConditionExpression='#p = :p AND c BETWEEN :lo AND :hi',
                       ExpressionAttributeNames={'#p': 'p'},
                       ExpressionAttributeValues={':p': {'S': 'a'}, ':lo': {'N': '5'}, ':hi': {'N': '9'}})
    assert r['Items'] == a[5:10]
    for op, want in [('<', a[:7]), ('<=', a[:8]), ('>', a[8:]), ('>=', a[7:]), ('=', a[7:8])]:
        r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p AND c %s :v' % op,
                           ExpressionAttributeValues={':p': {'S': 'a'}, ':v': {'N': '7'}})
        assert r['Items'] == want, op
    # Negative and fractional sort keys order numerically.
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p',
                       ExpressionAttributeValues={':p': {'S': 'b'}})
    assert [it['c']['N'] for it in r['Items']] == ['-4', '-3', '-2', '-1', '0']
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p',
                       ExpressionAttributeValues={':p': {'S': 'nobody'}})
    assert r['Items'] == [] and r['Count'] == 0 and r['ScannedCount'] == 0


def test_begins_with_on_string_sort_key(dynamodb, make_table):
    t = make_table(hash=('p', 'S'), range=('s', 'S'))
    for s in ['apple', 'apricot', 'banana', 'ap', 'a', 'b\u00e9']:
        dynamodb.put_item(TableName=t, Item={'p': {'S': 'k'}, 's': {'S': s}})
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p AND begins_with(s, :pre)',
                       ExpressionAttributeValues={':p': {'S': 'k'}, ':pre': {'S': 'ap'}})
    assert [it['s']['S'] for it in r['Items']] == ['ap', 'apple', 'apricot']
    # Strings order by UTF-8 bytes.
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p',
                       ExpressionAttributeValues={':p': {'S': 'k'}})
    assert [it['s']['S'] for it in r['Items']] == ['a', 'ap', 'apple', 'apricot', 'banana', 'b\u00e9']


def test_legacy_key_conditions(dynamodb, filled):
    t, items = filled
    a = part(items, 'a')
    r = dynamodb.query(TableName=t, KeyConditions={
        'p': {'AttributeValueList': [{'S': 'a'}], 'ComparisonOperator': 'EQ'},
        'c': {'AttributeValueList': [{'N': '10'}, {'N': '12'}], 'ComparisonOperator': 'BETWEEN'}})
    assert r['Items'] == a[10:13]
    r = dynamodb.query(TableName=t, ScanIndexForward=False, KeyConditions={
        'p': {'AttributeValueList': [{'S': 'a'}], 'ComparisonOperator': 'EQ'},
        'c': {'AttributeValueList': [{'N': '26'}], 'ComparisonOperator': 'GT'}})
    assert r['Items'] == a[27:][::-1]
    # Legacy QueryFilter and AttributesToGet alongside.
    r = dynamodb.query(TableName=t, AttributesToGet=['c'], KeyConditions={
        'p': {'AttributeValueList': [{'S': 'a'}], 'ComparisonOperator': 'EQ'}},
        QueryFilter={'x': {'AttributeValueList': [{'N': '2'}], 'ComparisonOperator': 'EQ'}})
    assert r['Items'] == [{'c': {'N': str(c)}} for c in range(2, 30, 3)]
    assert r['ScannedCount'] == 30


def test_limit_pagination_to_exhaustion(dynamodb, filled):
    t, items = filled
    a = part(items, 'a')
    for limit in (1, 3, 7, 29, 30, 31):
        for forward in (True, False):
            got, pages = query_all(dynamodb, TableName=t, KeyConditionExpression='p = :p',
                                   ExpressionAttributeValues={':p': {'S': 'a'}},
                                   Limit=limit, ScanIndexForward=forward)
            assert got == (a if forward else a[::-1]), (limit, forward)
            assert pages <= 30 // limit + 2
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', Limit=4,
                       ExpressionAttributeValues={':p': {'S': 'a'}})
    assert r['LastEvaluatedKey'] == {'p': {'S': 'a'}, 'c': {'N': '3'}}


def test_gsi_pagination_with_repeated_keys(dynamodb, make_table):
    t = make_table(hash=('p', 'S'), range=('c', 'N'), extra_attrs=[('g', 'S'), ('r', 'N')],
                   GlobalSecondaryIndexes=[{
                       'IndexName': 'gsi1',
                       'KeySchema': [{'AttributeName': 'g', 'KeyType': 'HASH'},
                                     {'AttributeName': 'r', 'KeyType': 'RANGE'}],
                       'Projection': {'ProjectionType': 'ALL'}}])
    # 25 items share g='same' and r=1 exactly; 10 more have r=2; others elsewhere.
    written = []
    for i in range(35):
        it = {'p': {'S': 'p%d' % (i % 4)}, 'c': {'N': str(i)}, 'g': {'S': 'same'},
              'r': {'N': '1' if i < 25 else '2'}}
        written.append(it)
        dynamodb.put_item(TableName=t, Item=it)
    for i in range(5):
        dynamodb.put_item(TableName=t, Item={'p': {'S': 'o'}, 'c': {'N': str(i)}, 'g': {'S': 'else'},
                                             'r': {'N': '1'}})
    names = ('p', 'c')
    for limit in (1, 2, 4, 10):
        got, pages = query_all(dynamodb, TableName=t, IndexName='gsi1', Limit=limit,
                               KeyConditionExpression='g = :g',
                               ExpressionAttributeValues={':g': {'S': 'same'}})
        keys = [key_of(it, names) for it in got]
        assert len(keys) == len(set(keys)) == 35, 'limit %d: %d items, %d distinct' % (
            limit, len(keys), len(set(keys)))
        assert sorted(keys) == sorted(key_of(it, names) for it in written)
        assert [int(it['r']['N']) for it in got] == [1] * 25 + [2] * 10
    r = dynamodb.query(TableName=t, IndexName='gsi1', Limit=3, KeyConditionExpression='g = :g',
                       ExpressionAttributeValues={':g': {'S': 'same'}})
    assert set(r['LastEvaluatedKey']) == {'g', 'r', 'p', 'c'}
    # The same with legacy KeyConditions and backwards.
    got, _ = query_all(dynamodb, TableName=t, IndexName='gsi1', Limit=3, ScanIndexForward=False,
                       KeyConditions={'g': {'AttributeValueList': [{'S': 'same'}], 'ComparisonOperator': 'EQ'},
                                      'r': {'AttributeValueList': [{'N': '1'}], 'ComparisonOperator': 'EQ'}})
    assert len(got) == 25 and len({key_of(it, names) for it in got}) == 25
    # A Scan of the index sees every indexed item once.
    got = scan_all(dynamodb, t, IndexName='gsi1', Limit=4)
    assert len(got) == 40 and len({key_of(it, names) for it in got}) == 40


def test_filter_expression(dynamodb, filled):
    t, items = filled
    a = part(items, 'a')
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', FilterExpression='x = :one',
                       ExpressionAttributeValues={':p': {'S': 'a'}, ':one': {'N': '1'}})
    assert r['Items'] == [it for it in a if it['x']['N'] == '1']
    assert r['Count'] == 10 and r['ScannedCount'] == 30
    # Limit counts items read, before the filter.
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', FilterExpression='x = :one',
                       Limit=5, ExpressionAttributeValues={':p': {'S': 'a'}, ':one': {'N': '1'}})
    assert r['ScannedCount'] == 5
    assert [it['c']['N'] for it in r['Items']] == ['1', '4']
    assert r['LastEvaluatedKey'] == {'p': {'S': 'a'}, 'c': {'N': '4'}}
    r = dynamodb.scan(TableName=t, FilterExpression='attribute_not_exists(x) OR doc.k > :n',
                      ExpressionAttributeValues={':n': {'N': '27'}})
    assert sorted(float(it['c']['N']) for it in r['Items']) == [1.5, 28, 29]
    assert r['ScannedCount'] == len(items)


def test_query_filter_on_key_attribute_is_refused(dynamodb, filled):
    t, _ = filled
    with pytest.raises(ClientError) as e:
        dynamodb.query(TableName=t, KeyConditionExpression='p = :p', FilterExpression='c > :one',
                       ExpressionAttributeValues={':p': {'S': 'a'}, ':one': {'N': '1'}})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == \
        'Filter Expression can only contain non-primary key attributes: Primary key attribute: c'
    with pytest.raises(ClientError) as e:
        dynamodb.query(TableName=t, KeyConditionExpression='p = :p', FilterExpression='p = :p',
                       ExpressionAttributeValues={':p': {'S': 'a'}})
    assert e.value.response['Error']['Message'] == \
        'Filter Expression can only contain non-primary key attributes: Primary key attribute: p'
    with pytest.raises(ClientError) as e:
        dynamodb.query(TableName=t, KeyConditions={'p': {'AttributeValueList': [{'S': 'a'}], 'ComparisonOperator': 'EQ'}},
                       QueryFilter={'c': {'AttributeValueList': [{'N': '1'}], 'ComparisonOperator': 'GT'}})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == \
        'QueryFilter can only contain non-primary key attributes: Primary key attribute: c'


def test_projection_expression(dynamodb, filled):
    t, _ = filled
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p AND c = :c',
                       ProjectionExpression='pd, doc.k, #m',
                       ExpressionAttributeNames={'#m': 'missing'},
                       ExpressionAttributeValues={':p': {'S': 'a'}, ':c': {'N': '4'}})
    assert r['Items'] == [{'pd': {'S': 'v4'}, 'doc': {'M': {'k': {'N': '4'}}}}]
    r = dynamodb.scan(TableName=t, ProjectionExpression='c', Limit=3)
    assert all(set(it) == {'c'} for it in r['Items']) and len(r['Items']) == 3


def test_select(dynamodb, filled):
    t, items = filled
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', Select='COUNT',
                       ExpressionAttributeValues={':p': {'S': 'a'}})
    assert 'Items' not in r
    assert r['Count'] == 30 and r['ScannedCount'] == 30
    r = dynamodb.scan(TableName=t, Select='COUNT', FilterExpression='x = :z',
                      ExpressionAttributeValues={':z': {'N': '0'}})
    assert 'Items' not in r
    assert r['Count'] == 10 + 5 and r['ScannedCount'] == len(items)
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', Select='SPECIFIC_ATTRIBUTES',
                       ProjectionExpression='x', ExpressionAttributeValues={':p': {'S': 'b'}})
    assert r['Items'] == [{'x': {'N': '0'}}] * 5
    r = dynamodb.query(TableName=t, KeyConditionExpression='p = :p', Select='ALL_ATTRIBUTES',
                       ExpressionAttributeValues={':p': {'S': 'c'}})
    assert r['Items'] == [{'p': {'S': 'c'}, 'c': {'N': '1.5'}}]


def test_scan_pagination_and_parallel_segments(dynamodb, filled):
    t, items = filled
    want = sorted(key_of(it, ('p', 'c')) for it in items)
    got = scan_all(dynamodb, t, Limit=4)
    assert sorted(key_of(it, ('p', 'c')) for it in got) == want
    for total in (1, 2, 3, 7):
        seen = []
        for seg in range(total):
            seen.extend(key_of(it, ('p', 'c'))
                        for it in scan_all(dynamodb, t, Segment=seg, TotalSegments=total, Limit=5))
        assert sorted(seen) == want, 'TotalSegments=%d' % total


def test_paginators(dynamodb, filled):
    t, items = filled
    a = part(items, 'a')
    pages = list(dynamodb.get_paginator('query').paginate(
        TableName=t, KeyConditionExpression='p = :p', ExpressionAttributeValues={':p': {'S': 'a'}},
        PaginationConfig={'PageSize': 8}))
    assert [len(p['Items']) for p in pages][:4] == [8, 8, 8, 6]
    assert [it for p in pages for it in p['Items']] == a
    got = [it for p in dynamodb.get_paginator('scan').paginate(
        TableName=t, PaginationConfig={'PageSize': 6}) for it in p['Items']]
    assert sorted(key_of(it, ('p', 'c')) for it in got) == sorted(key_of(it, ('p', 'c')) for it in items)
    # MaxItems with a resume token.
    it = dynamodb.get_paginator('query').paginate(
        TableName=t, KeyConditionExpression='p = :p', ExpressionAttributeValues={':p': {'S': 'a'}},
        PaginationConfig={'PageSize': 4, 'MaxItems': 10})
    result = it.build_full_result()
    assert result['Items'] == a[:10]
    rest = dynamodb.get_paginator('query').paginate(
        TableName=t, KeyConditionExpression='p = :p', ExpressionAttributeValues={':p': {'S': 'a'}},
        PaginationConfig={'PageSize': 4, 'StartingToken': result['NextToken']}).build_full_result()
    assert rest['Items'] == a[10:]
