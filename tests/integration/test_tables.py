"""CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable (GSI add
and remove on a table with items), TTL, tags, DescribeEndpoints, DescribeLimits."""
import datetime
import time
import urllib.request

import pytest
from botocore.exceptions import ClientError

from conftest import unique_name, wait_table_active, delete_table_quietly


def test_create_table_response_and_describe(dynamodb):
    name = unique_name()
    try:
        r = dynamodb.create_table(
            TableName=name,
            KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'},
                       {'AttributeName': 'c', 'KeyType': 'RANGE'}],
            AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'},
                                  {'AttributeName': 'c', 'AttributeType': 'N'}],
            BillingMode='PAY_PER_REQUEST')
        d = r['TableDescription']
        assert d['TableName'] == name
        assert d['TableStatus'] in ('CREATING', 'ACTIVE')
        assert d['KeySchema'] == [{'AttributeName': 'p', 'KeyType': 'HASH'},
                                  {'AttributeName': 'c', 'KeyType': 'RANGE'}]
        assert sorted(d['AttributeDefinitions'], key=lambda a: a['AttributeName']) == [
            {'AttributeName': 'c', 'AttributeType': 'N'},
            {'AttributeName': 'p', 'AttributeType': 'S'}]
        assert d['TableArn'].startswith('arn:aws:dynamodb:')
        assert d['TableArn'].endswith(':table/' + name)
        assert isinstance(d['CreationDateTime'], datetime.datetime)
        assert d['BillingModeSummary']['BillingMode'] == 'PAY_PER_REQUEST'

        desc = wait_table_active(dynamodb, name)
        assert desc['TableName'] == name
        assert desc['TableStatus'] == 'ACTIVE'
        assert desc['ItemCount'] == 0
        assert desc['TableSizeBytes'] == 0
        assert desc['TableArn'] == d['TableArn']
        assert 'TableId' in desc
        assert desc['ProvisionedThroughput']['ReadCapacityUnits'] == 0
        assert desc['ProvisionedThroughput']['WriteCapacityUnits'] == 0
        assert desc['BillingModeSummary']['BillingMode'] == 'PAY_PER_REQUEST'
        assert 'GlobalSecondaryIndexes' not in desc
    finally:
        delete_table_quietly(dynamodb, name)


def test_create_table_provisioned_throughput_echoed(make_table, dynamodb):
    name = make_table(ProvisionedThroughput={'ReadCapacityUnits': 3, 'WriteCapacityUnits': 7})
    desc = dynamodb.describe_table(TableName=name)['Table']
    assert desc['ProvisionedThroughput']['ReadCapacityUnits'] == 3
    assert desc['ProvisionedThroughput']['WriteCapacityUnits'] == 7


def test_list_tables_pagination(dynamodb):
    prefix = unique_name('list')
    names = ['%s_%d' % (prefix, i) for i in range(5)]
    try:
        for n in names:
            dynamodb.create_table(
                TableName=n, BillingMode='PAY_PER_REQUEST',
                KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
        # Page by hand with Limit=2 until LastEvaluatedTableName is gone.
        seen = []
        kwargs = {'Limit': 2}
        pages = 0
        while True:
            r = dynamodb.list_tables(**kwargs)
            pages += 1
            assert len(r['TableNames']) <= 2
            seen.extend(r['TableNames'])
            if 'LastEvaluatedTableName' not in r:
                break
            assert r['LastEvaluatedTableName'] == r['TableNames'][-1]
            kwargs['ExclusiveStartTableName'] = r['LastEvaluatedTableName']
            assert pages < 1000
        assert len(seen) == len(set(seen)), 'a table listed twice'
        assert seen == sorted(seen), 'ListTables is in name order'
        assert [s for s in seen if s.startswith(prefix)] == names
        # Starting after the second of ours gives the rest of ours first.
        r = dynamodb.list_tables(ExclusiveStartTableName=names[1], Limit=3)
        assert r['TableNames'] == names[2:5]
        # The boto3 paginator gets the same list.
        paged = []
        for page in dynamodb.get_paginator('list_tables').paginate(PaginationConfig={'PageSize': 3}):
            paged.extend(page['TableNames'])
        assert paged == seen
    finally:
        for n in names:
            delete_table_quietly(dynamodb, n)


def test_delete_table(dynamodb):
    name = unique_name()
    dynamodb.create_table(TableName=name, BillingMode='PAY_PER_REQUEST',
                          KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                          AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
    wait_table_active(dynamodb, name)
    dynamodb.put_item(TableName=name, Item={'p': {'S': 'x'}})
    r = dynamodb.delete_table(TableName=name)
    assert r['TableDescription']['TableName'] == name
    assert r['TableDescription']['TableStatus'] == 'DELETING'
    deadline = time.monotonic() + 30
    while True:
        try:
            dynamodb.describe_table(TableName=name)
        except ClientError as e:
            assert e.response['Error']['Code'] == 'ResourceNotFoundException'
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert name not in dynamodb.list_tables()['TableNames']
    # Re-creating the name gives an empty table.
    dynamodb.create_table(TableName=name, BillingMode='PAY_PER_REQUEST',
                          KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                          AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}])
    try:
        wait_table_active(dynamodb, name)
        assert dynamodb.scan(TableName=name)['Items'] == []
        assert 'Item' not in dynamodb.get_item(TableName=name, Key={'p': {'S': 'x'}})
    finally:
        delete_table_quietly(dynamodb, name)


def wait_index_status(client, table, index, want, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        desc = client.describe_table(TableName=table)['Table']
        gsis = {g['IndexName']: g for g in desc.get('GlobalSecondaryIndexes', [])}
        if want is None and index not in gsis:
            return desc
        if want is not None and index in gsis and gsis[index]['IndexStatus'] == want:
            return gsis[index]
        assert time.monotonic() < deadline, 'index %s never reached %s: %s' % (index, want, desc)
        time.sleep(0.05)


def test_leaving_on_demand_needs_every_global_index_throughput(dynamodb, make_table):
    indexes = [{'IndexName': n, 'KeySchema': [{'AttributeName': a, 'KeyType': 'HASH'}],
                'Projection': {'ProjectionType': 'KEYS_ONLY'}} for n, a in [('by_a', 'a'), ('by_b', 'b')]]
    name = make_table(extra_attrs=[('a', 'S'), ('b', 'S')], GlobalSecondaryIndexes=indexes)
    units = {'ReadCapacityUnits': 3, 'WriteCapacityUnits': 2}
    with pytest.raises(ClientError) as e:
        dynamodb.update_table(TableName=name, BillingMode='PROVISIONED', ProvisionedThroughput=units)
    assert e.value.response['Error']['Message'] == (
        'One or more parameter values were invalid: ProvisionedThroughput must be specified '
        'for index: by_a,by_b')
    dynamodb.update_table(TableName=name, BillingMode='PROVISIONED', ProvisionedThroughput=units,
                          GlobalSecondaryIndexUpdates=[
                              {'Update': {'IndexName': n, 'ProvisionedThroughput': units}}
                              for n in ('by_a', 'by_b')])
    d = dynamodb.describe_table(TableName=name)['Table']
    assert d['ProvisionedThroughput']['ReadCapacityUnits'] == 3
    # The summary stays, with when the table last became on demand (at creation here).
    assert d['BillingModeSummary']['BillingMode'] == 'PROVISIONED'
    assert d['BillingModeSummary']['LastUpdateToPayPerRequestDateTime'] == d['CreationDateTime']
    for index in d['GlobalSecondaryIndexes']:
        assert index['ProvisionedThroughput']['ReadCapacityUnits'] == 3
        assert index['ProvisionedThroughput']['WriteCapacityUnits'] == 2


def test_update_table_add_gsi_to_table_with_items_then_remove(dynamodb, table):
    # 60 items, 'x' takes 3 values; 'y' is the index sort key; some items
    # lack 'x' and must not appear in the index.
    expected = {}
    for i in range(60):
        item = {'p': {'S': 'item%02d' % i}, 'y': {'N': str(i)}}
        if i % 10 != 9:
            item['x'] = {'S': 'x%d' % (i % 3)}
            expected.setdefault('x%d' % (i % 3), []).append(item)
        dynamodb.put_item(TableName=table, Item=item)

    r = dynamodb.update_table(
        TableName=table,
        AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'},
                              {'AttributeName': 'x', 'AttributeType': 'S'},
                              {'AttributeName': 'y', 'AttributeType': 'N'}],
        GlobalSecondaryIndexUpdates=[{'Create': {
            'IndexName': 'by_x',
            'KeySchema': [{'AttributeName': 'x', 'KeyType': 'HASH'},
                          {'AttributeName': 'y', 'KeyType': 'RANGE'}],
            'Projection': {'ProjectionType': 'ALL'}}}])
    gsis = {g['IndexName']: g for g in r['TableDescription']['GlobalSecondaryIndexes']}
    assert gsis['by_x']['IndexStatus'] in ('CREATING', 'ACTIVE')
    assert gsis['by_x']['KeySchema'] == [{'AttributeName': 'x', 'KeyType': 'HASH'},
                                         {'AttributeName': 'y', 'KeyType': 'RANGE'}]

    gsi = wait_index_status(dynamodb, table, 'by_x', 'ACTIVE')
    assert gsi['Projection'] == {'ProjectionType': 'ALL'}
    assert gsi['IndexArn'].endswith('/index/by_x')

    for x, items in expected.items():
        got = dynamodb.query(TableName=table, IndexName='by_x',
                             KeyConditionExpression='x = :x',
                             ExpressionAttributeValues={':x': {'S': x}})['Items']
        want = sorted(items, key=lambda it: int(it['y']['N']))
        assert got == want

    # Writes after the backfill are indexed too.
    dynamodb.put_item(TableName=table, Item={'p': {'S': 'late'}, 'x': {'S': 'x0'}, 'y': {'N': '-1'}})
    got = dynamodb.query(TableName=table, IndexName='by_x', KeyConditionExpression='x = :x',
                         ExpressionAttributeValues={':x': {'S': 'x0'}}, Limit=1)['Items']
    assert got == [{'p': {'S': 'late'}, 'x': {'S': 'x0'}, 'y': {'N': '-1'}}]

    # Remove it.
    dynamodb.update_table(TableName=table,
                          GlobalSecondaryIndexUpdates=[{'Delete': {'IndexName': 'by_x'}}])
    wait_index_status(dynamodb, table, 'by_x', None)
    with pytest.raises(ClientError) as e:
        dynamodb.query(TableName=table, IndexName='by_x', KeyConditionExpression='x = :x',
                       ExpressionAttributeValues={':x': {'S': 'x0'}})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == \
        'The table does not have the specified index: by_x'
    # The base table is intact.
    assert len(dynamodb.scan(TableName=table)['Items']) == 61


def test_ttl(dynamodb, table):
    r = dynamodb.describe_time_to_live(TableName=table)
    assert r['TimeToLiveDescription'] == {'TimeToLiveStatus': 'DISABLED'}

    r = dynamodb.update_time_to_live(
        TableName=table, TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expires'})
    assert r['TimeToLiveSpecification'] == {'Enabled': True, 'AttributeName': 'expires'}
    r = dynamodb.describe_time_to_live(TableName=table)
    assert r['TimeToLiveDescription'] == {'TimeToLiveStatus': 'ENABLED',
                                          'AttributeName': 'expires'}

    with pytest.raises(ClientError) as e:
        dynamodb.update_time_to_live(
            TableName=table, TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expires'})
    assert e.value.response['Error']['Code'] == 'ValidationException'
    assert e.value.response['Error']['Message'] == 'TimeToLive is already enabled'

    r = dynamodb.update_time_to_live(
        TableName=table, TimeToLiveSpecification={'Enabled': False, 'AttributeName': 'expires'})
    assert r['TimeToLiveSpecification'] == {'Enabled': False, 'AttributeName': 'expires'}
    r = dynamodb.describe_time_to_live(TableName=table)
    assert r['TimeToLiveDescription']['TimeToLiveStatus'] in ('DISABLING', 'DISABLED')


def test_ttl_on_missing_table(dynamodb):
    with pytest.raises(ClientError) as e:
        dynamodb.describe_time_to_live(TableName=unique_name('missing'))
    assert e.value.response['Error']['Code'] == 'ResourceNotFoundException'


def test_tags(dynamodb, make_table):
    name = make_table(Tags=[{'Key': 'team', 'Value': 'toys'}])
    arn = dynamodb.describe_table(TableName=name)['Table']['TableArn']
    r = dynamodb.list_tags_of_resource(ResourceArn=arn)
    assert r['Tags'] == [{'Key': 'team', 'Value': 'toys'}]

    dynamodb.tag_resource(ResourceArn=arn, Tags=[{'Key': 'env', 'Value': 'test'},
                                                 {'Key': 'team', 'Value': 'games'}])
    tags = dynamodb.list_tags_of_resource(ResourceArn=arn)['Tags']
    assert sorted(tags, key=lambda t: t['Key']) == [{'Key': 'env', 'Value': 'test'},
                                                    {'Key': 'team', 'Value': 'games'}]

    dynamodb.untag_resource(ResourceArn=arn, TagKeys=['team', 'not-there'])
    assert dynamodb.list_tags_of_resource(ResourceArn=arn)['Tags'] == [
        {'Key': 'env', 'Value': 'test'}]
    dynamodb.untag_resource(ResourceArn=arn, TagKeys=['env'])
    assert dynamodb.list_tags_of_resource(ResourceArn=arn)['Tags'] == []


def test_tags_on_missing_table(dynamodb, table):
    arn = dynamodb.describe_table(TableName=table)['Table']['TableArn']
    missing = arn.rsplit('/', 1)[0] + '/' + unique_name('missing')
    with pytest.raises(ClientError) as e:
        dynamodb.list_tags_of_resource(ResourceArn=missing)
    assert e.value.response['Error']['Code'] == 'ResourceNotFoundException'
    with pytest.raises(ClientError) as e:
        dynamodb.tag_resource(ResourceArn=missing, Tags=[{'Key': 'k', 'Value': 'v'}])
    assert e.value.response['Error']['Code'] == 'ResourceNotFoundException'


def test_tags_refuse_an_arn_that_is_not_a_tables(dynamodb, table):
    arn = dynamodb.describe_table(TableName=table)['Table']['TableArn']
    for bad in [arn + '/index/by_x', 'I_do_not_exist']:
        with pytest.raises(ClientError) as e:
            dynamodb.list_tags_of_resource(ResourceArn=bad)
        assert e.value.response['Error']['Code'] == 'ValidationException'
        assert e.value.response['Error']['Message'] == (
            'Invalid TableArn: Invalid ResourceArn provided as input ' + bad)


def test_describe_endpoints(dynamodb, server):
    r = dynamodb.describe_endpoints()
    assert len(r['Endpoints']) == 1
    ep = r['Endpoints'][0]
    assert ep['CachePeriodInMinutes'] == 1440
    # The address is where this server answers: usable as an endpoint.
    with urllib.request.urlopen('http://%s/healthz' % ep['Address'], timeout=5) as resp:
        assert resp.status == 200


def test_describe_limits(dynamodb):
    r = dynamodb.describe_limits()
    assert r['AccountMaxReadCapacityUnits'] == 80000
    assert r['AccountMaxWriteCapacityUnits'] == 80000
    assert r['TableMaxReadCapacityUnits'] == 40000
    assert r['TableMaxWriteCapacityUnits'] == 40000
