"""DynamoDB Streams through boto3's `dynamodbstreams` client and the AWS
CLI's `aws dynamodbstreams`, on the same endpoint URL as DynamoDB: the whole
lifecycle, every iterator type, paging, retention and trimming on a server
with a short retention, iterator expiry, and the errors. Error texts are AWS's where they were
captured from it (docs/compatibility.md, "Streams")."""
import json
import os
import subprocess
import tempfile
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import REGION, DUMMY_KEY, DUMMY_SECRET, unique_name, delete_table_quietly

AWS = '/usr/bin/aws'


def streams_client(url):
    return boto3.client('dynamodbstreams', endpoint_url=url, region_name=REGION,
                        aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_SECRET,
                        config=Config(retries={'max_attempts': 1}))


@pytest.fixture(scope='module')
def streams(server):
    return streams_client(server.url)


def error_of(call, **kwargs):
    with pytest.raises(ClientError) as e:
        call(**kwargs)
    return e.value.response['Error']['Code'], e.value.response['Error']['Message']


def create_streamed(dynamodb, view='NEW_AND_OLD_IMAGES', prefix='st'):
    name = unique_name(prefix)
    out = dynamodb.create_table(
        TableName=name, BillingMode='PAY_PER_REQUEST',
        AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}],
        KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
        StreamSpecification={'StreamEnabled': True, 'StreamViewType': view})
    return name, out['TableDescription']['LatestStreamArn']


def shard_of(streams, arn):
    return streams.describe_stream(StreamArn=arn)['StreamDescription']['Shards'][0]['ShardId']


def iterator(streams, arn, kind='TRIM_HORIZON', **kwargs):
    return streams.get_shard_iterator(StreamArn=arn, ShardId=shard_of(streams, arn),
                                      ShardIteratorType=kind, **kwargs)['ShardIterator']


def read_all(streams, it, limit=1000):
    records = []
    while it:
        page = streams.get_records(ShardIterator=it, Limit=limit)
        if not page['Records']:
            break
        records += page['Records']
        it = page.get('NextShardIterator')
    return records


def test_lifecycle_records_and_images(dynamodb, streams):
    name, arn = create_streamed(dynamodb)
    try:
        table = dynamodb.describe_table(TableName=name)['Table']
        assert table['StreamSpecification'] == {'StreamEnabled': True,
                                                'StreamViewType': 'NEW_AND_OLD_IMAGES'}
        assert table['LatestStreamArn'] == arn
        assert arn.endswith('/stream/' + table['LatestStreamLabel'])
        listed = streams.list_streams(TableName=name)['Streams']
        assert listed == [{'StreamArn': arn, 'TableName': name,
                           'StreamLabel': table['LatestStreamLabel']}]
        d = streams.describe_stream(StreamArn=arn)['StreamDescription']
        assert (d['StreamStatus'], d['StreamViewType'], d['TableName']) == (
            'ENABLED', 'NEW_AND_OLD_IMAGES', name)
        assert d['KeySchema'] == [{'AttributeName': 'p', 'KeyType': 'HASH'}]
        shard = d['Shards'][0]
        assert shard['SequenceNumberRange']['StartingSequenceNumber'].isdecimal()
        assert 'EndingSequenceNumber' not in shard['SequenceNumberRange']

        dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}, 'v': {'N': '1'}})
        dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}, 'v': {'N': '1'}})  # unchanged
        dynamodb.update_item(TableName=name, Key={'p': {'S': 'a'}}, UpdateExpression='SET v = :v',
                             ExpressionAttributeValues={':v': {'N': '2'}})
        dynamodb.delete_item(TableName=name, Key={'p': {'S': 'a'}})
        dynamodb.delete_item(TableName=name, Key={'p': {'S': 'missing'}})  # nothing removed
        dynamodb.transact_write_items(TransactItems=[
            {'Put': {'TableName': name, 'Item': {'p': {'S': 't%d' % i}}}} for i in range(2)])
        dynamodb.batch_write_item(RequestItems={name: [
            {'PutRequest': {'Item': {'p': {'S': 'b%d' % i}}}} for i in range(3)]})

        records = read_all(streams, iterator(streams, arn), limit=2)
        assert [r['eventName'] for r in records] == ['INSERT', 'MODIFY', 'REMOVE'] + ['INSERT'] * 5
        first, modify, remove = records[:3]
        assert first['dynamodb']['NewImage'] == {'p': {'S': 'a'}, 'v': {'N': '1'}}
        assert 'OldImage' not in first['dynamodb']
        assert modify['dynamodb']['OldImage']['v'] == {'N': '1'}
        assert modify['dynamodb']['NewImage']['v'] == {'N': '2'}
        assert 'NewImage' not in remove['dynamodb']
        seqs = [int(r['dynamodb']['SequenceNumber']) for r in records]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        for r in records:
            assert (r['eventSource'], r['eventVersion'], r['awsRegion']) == (
                'aws:dynamodb', '1.1', 'local')
            assert len(r['eventID']) == 32
            assert r['dynamodb']['StreamViewType'] == 'NEW_AND_OLD_IMAGES'
            assert r['dynamodb']['SizeBytes'] > 0
            assert r['dynamodb']['ApproximateCreationDateTime'].timestamp() <= time.time()
            assert 'userIdentity' not in r
    finally:
        delete_table_quietly(dynamodb, name)


def test_every_iterator_type(dynamodb, streams):
    name, arn = create_streamed(dynamodb, view='KEYS_ONLY')
    try:
        for k in 'abc':
            dynamodb.put_item(TableName=name, Item={'p': {'S': k}, 'x': {'S': 'y'}})
        records = read_all(streams, iterator(streams, arn))
        assert [r['dynamodb']['Keys']['p']['S'] for r in records] == ['a', 'b', 'c']
        assert all('NewImage' not in r['dynamodb'] and 'OldImage' not in r['dynamodb']
                   for r in records)
        second = records[1]['dynamodb']['SequenceNumber']

        def first_key(it):
            got = streams.get_records(ShardIterator=it, Limit=1)['Records']
            return got[0]['dynamodb']['Keys']['p']['S'] if got else None
        assert first_key(iterator(streams, arn, 'AT_SEQUENCE_NUMBER', SequenceNumber=second)) == 'b'
        assert first_key(iterator(streams, arn, 'AFTER_SEQUENCE_NUMBER', SequenceNumber=second)) == 'c'
        latest = iterator(streams, arn, 'LATEST')
        page = streams.get_records(ShardIterator=latest)
        assert page['Records'] == [] and page['NextShardIterator']
        dynamodb.put_item(TableName=name, Item={'p': {'S': 'd'}})
        assert first_key(page['NextShardIterator']) == 'd'
    finally:
        delete_table_quietly(dynamodb, name)


def test_disable_enable_and_paging(dynamodb, streams):
    name, first = create_streamed(dynamodb, view='NEW_IMAGE')
    try:
        dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}})
        out = dynamodb.update_table(TableName=name, StreamSpecification={'StreamEnabled': False})
        assert 'StreamSpecification' not in out['TableDescription']
        assert out['TableDescription']['LatestStreamArn'] == first
        old = streams.describe_stream(StreamArn=first)['StreamDescription']
        assert old['StreamStatus'] == 'DISABLED'
        assert old['Shards'][0]['SequenceNumberRange']['EndingSequenceNumber'].isdecimal()
        page = streams.get_records(ShardIterator=iterator(streams, first))
        assert len(page['Records']) == 1 and 'NextShardIterator' not in page

        out = dynamodb.update_table(TableName=name, StreamSpecification={
            'StreamEnabled': True, 'StreamViewType': 'KEYS_ONLY'})
        second = out['TableDescription']['LatestStreamArn']
        assert second != first
        arns = [s['StreamArn'] for s in streams.list_streams(TableName=name)['Streams']]
        assert sorted(arns) == sorted([first, second])
        paged, start = [], {}
        while True:
            got = streams.list_streams(TableName=name, Limit=1, **start)
            paged += [s['StreamArn'] for s in got['Streams']]
            if 'LastEvaluatedStreamArn' not in got:
                break
            start = {'ExclusiveStartStreamArn': got['LastEvaluatedStreamArn']}
        assert paged == arns
        shard = shard_of(streams, second)
        assert streams.describe_stream(StreamArn=second, Limit=1,
                                       ExclusiveStartShardId=shard)['StreamDescription']['Shards'] == []
    finally:
        delete_table_quietly(dynamodb, name)


def test_errors(dynamodb, streams):
    name, arn = create_streamed(dynamodb)
    try:
        assert error_of(dynamodb.update_table, TableName=name, StreamSpecification={
            'StreamEnabled': True, 'StreamViewType': 'KEYS_ONLY'}) == (
            'ValidationException', 'Table already has an enabled stream: TableName: ' + name)
        dynamodb.update_table(TableName=name, StreamSpecification={'StreamEnabled': False})
        assert error_of(dynamodb.update_table, TableName=name,
                        StreamSpecification={'StreamEnabled': False}) == (
            'ValidationException', 'Table has no stream to disable: TableName: ' + name)
        assert error_of(dynamodb.create_table, TableName=unique_name('st'),
                        BillingMode='PAY_PER_REQUEST',
                        AttributeDefinitions=[{'AttributeName': 'p', 'AttributeType': 'S'}],
                        KeySchema=[{'AttributeName': 'p', 'KeyType': 'HASH'}],
                        StreamSpecification={'StreamEnabled': True}) == (
            'ValidationException', 'One or more parameter values were invalid: Table is being '
            'created with a stream enabled, UpdateViewType is required')
        unknown = arn.rsplit('/', 1)[0] + '/2001-01-01T00:00:00.000'
        assert error_of(streams.describe_stream, StreamArn=unknown) == (
            'ResourceNotFoundException', 'Requested resource not found: Stream: %s not found' % unknown)
        assert error_of(streams.describe_stream, StreamArn='x' * 40) == (
            'ValidationException', 'Invalid StreamArn')
        assert error_of(streams.get_shard_iterator, StreamArn=arn,
                        ShardId='shardId-00000000000000000000-00000000',
                        ShardIteratorType='LATEST') == (
            'ResourceNotFoundException', 'Requested resource not found: Shard does not exist')
        assert error_of(streams.get_records, ShardIterator='x' * 40)[0] == 'ValidationException'
        assert error_of(streams.get_shard_iterator, StreamArn=arn, ShardId=shard_of(streams, arn),
                        ShardIteratorType='AT_SEQUENCE_NUMBER')[0] == 'ValidationException'
    finally:
        delete_table_quietly(dynamodb, name)


def reissued(it, minutes_ago):
    """The iterator `it` as if the server had issued it `minutes_ago`: its
    layout is `<arn>|1|<position>|<issued ms>|<FNV-1a 64 of the rest>`
    (engine/stream_iterator.cc), a check against mangling, not a secret."""
    rest = it.rsplit('|', 1)[0]
    arn, version, position, issued = rest.rsplit('|', 3)
    rest = '|'.join([arn, version, position, str(int(issued) - minutes_ago * 60_000)])
    h = 14695981039346656037
    for byte in rest.encode():
        h = ((h ^ byte) * 1099511628211) % (1 << 64)
    return '%s|%016x' % (rest, h)


def test_iterators_expire_after_fifteen_minutes(dynamodb, streams):
    name, arn = create_streamed(dynamodb, view='KEYS_ONLY')
    try:
        dynamodb.put_item(TableName=name, Item={'p': {'S': 'a'}})
        it = iterator(streams, arn)
        fresh = streams.get_records(ShardIterator=reissued(it, 14))['Records']
        assert [r['dynamodb']['Keys']['p']['S'] for r in fresh] == ['a']
        assert error_of(streams.get_records, ShardIterator=reissued(it, 16)) == (
            'ExpiredIteratorException', 'Shard iterator has expired')
        # A check that does not match is a malformed iterator, not an expired one.
        assert error_of(streams.get_records, ShardIterator=it[:-1] + ('0' if it[-1] != '0' else '1')) == (
            'ValidationException', 'Invalid ShardIterator')
    finally:
        delete_table_quietly(dynamodb, name)


def test_server_side_validation(server):
    """Without botocore's own checks, the server refuses what AWS refuses."""
    raw = boto3.client('dynamodbstreams', endpoint_url=server.url, region_name=REGION,
                       aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_SECRET,
                       config=Config(retries={'max_attempts': 1}, parameter_validation=False))
    code, message = error_of(raw.list_streams, Limit=0)
    assert code == 'ValidationException' and "at 'limit'" in message
    code, message = error_of(raw.get_shard_iterator, StreamArn='x' * 40,
                             ShardId='shardId-00000000000000000000-00000000',
                             ShardIteratorType='BOGUS')
    assert code == 'ValidationException' and 'shardIteratorType' in message


def test_retention_trims_old_records(start_server):
    """On a server keeping records two seconds, old records go and an
    iterator into them says so; the stream keeps taking new ones."""
    srv = start_server(['--stream-retention', '2'])
    dynamodb, streams = srv.client(), streams_client(srv.url)
    name, arn = create_streamed(dynamodb, view='KEYS_ONLY')
    dynamodb.put_item(TableName=name, Item={'p': {'S': 'old'}})
    horizon = iterator(streams, arn)
    deadline = time.time() + 20
    while time.time() < deadline and read_all(streams, iterator(streams, arn)):
        time.sleep(0.25)
    assert read_all(streams, iterator(streams, arn)) == [], 'the old record was not trimmed'
    assert error_of(streams.get_records, ShardIterator=horizon) == (
        'TrimmedDataAccessException', 'The data you are trying to access has been trimmed')
    dynamodb.put_item(TableName=name, Item={'p': {'S': 'new'}})
    assert [r['dynamodb']['Keys']['p']['S'] for r in read_all(streams, iterator(streams, arn))] == ['new']


@pytest.fixture(scope='module')
def aws_streams(server):
    if not os.access(AWS, os.X_OK):
        pytest.fail('the AWS CLI is not at %s' % AWS)
    home = tempfile.mkdtemp(prefix='ordertrack-awscli-')
    env = {'PATH': '/usr/bin:/bin', 'HOME': home, 'AWS_ACCESS_KEY_ID': 'AKIDCLI',
           'AWS_SECRET_ACCESS_KEY': 'clisecret', 'AWS_DEFAULT_REGION': 'us-east-1',
           'AWS_CONFIG_FILE': os.path.join(home, 'config'),
           'AWS_SHARED_CREDENTIALS_FILE': os.path.join(home, 'credentials'), 'AWS_PAGER': ''}

    def run(*args, expect_rc=0):
        cmd = [AWS, 'dynamodbstreams'] + list(args) + ['--endpoint-url', server.url, '--output', 'json']
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert p.returncode == expect_rc, 'rc %d for %s\nstderr: %s' % (p.returncode, cmd, p.stderr)
        return json.loads(p.stdout) if expect_rc == 0 else p
    return run


def test_aws_cli_reads_a_stream(dynamodb, aws_streams):
    name, arn = create_streamed(dynamodb)
    try:
        dynamodb.put_item(TableName=name, Item={'p': {'S': 'cli'}})
        assert arn in [s['StreamArn'] for s in aws_streams('list-streams', '--table-name', name)['Streams']]
        shard = aws_streams('describe-stream', '--stream-arn', arn)['StreamDescription']['Shards'][0]
        it = aws_streams('get-shard-iterator', '--stream-arn', arn, '--shard-id', shard['ShardId'],
                         '--shard-iterator-type', 'TRIM_HORIZON')['ShardIterator']
        records = aws_streams('get-records', '--shard-iterator', it)['Records']
        assert [r['dynamodb']['Keys'] for r in records] == [{'p': {'S': 'cli'}}]
        failed = aws_streams('get-records', '--shard-iterator', 'x' * 40, expect_rc=254)
        assert 'ValidationException' in failed.stderr
    finally:
        delete_table_quietly(dynamodb, name)
