"""The AWS CLI (/usr/bin/aws) against the server: create-table, put-item,
get-item, query, scan, and an error with its exit code and message."""
import json
import os
import subprocess
import tempfile

import pytest

from conftest import unique_name, wait_table_active, delete_table_quietly

AWS = '/usr/bin/aws'


@pytest.fixture(scope='module')
def aws(server):
    if not os.access(AWS, os.X_OK):
        pytest.fail('the AWS CLI is not at %s' % AWS)
    home = tempfile.mkdtemp(prefix='ordertrack-awscli-')
    env = {
        'PATH': '/usr/bin:/bin',
        'HOME': home,
        'AWS_ACCESS_KEY_ID': 'AKIDCLI',
        'AWS_SECRET_ACCESS_KEY': 'clisecret',
        'AWS_DEFAULT_REGION': 'us-east-1',
        'AWS_CONFIG_FILE': os.path.join(home, 'config'),
        'AWS_SHARED_CREDENTIALS_FILE': os.path.join(home, 'credentials'),
        'AWS_PAGER': '',
    }

    def run(*args, expect_rc=0):
        cmd = [AWS, 'dynamodb'] + list(args) + ['--endpoint-url', server.url, '--output', 'json']
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert p.returncode == expect_rc, 'rc %d for %s\nstdout: %s\nstderr: %s' % (
            p.returncode, cmd, p.stdout, p.stderr)
        if expect_rc == 0:
            return json.loads(p.stdout) if p.stdout.strip() else None
        return p
    return run


def test_cli_crud_query_scan(aws, dynamodb):
    name = unique_name('cli')
    try:
        out = aws('create-table', '--table-name', name,
                  '--attribute-definitions', 'AttributeName=p,AttributeType=S', 'AttributeName=c,AttributeType=N',
                  '--key-schema', 'AttributeName=p,KeyType=HASH', 'AttributeName=c,KeyType=RANGE',
                  '--billing-mode', 'PAY_PER_REQUEST')
        assert out['TableDescription']['TableName'] == name
        wait_table_active(dynamodb, name)
        out = aws('describe-table', '--table-name', name)
        assert out['Table']['TableStatus'] == 'ACTIVE'
        assert name in aws('list-tables')['TableNames']

        for c in range(5):
            item = {'p': {'S': 'cli'}, 'c': {'N': str(c)}, 'doc': {'M': {'n': {'N': '1.50'}, 'l': {'L': [{'S': 'x'}]}}},
                    'ss': {'SS': ['a', 'b']}}
            assert aws('put-item', '--table-name', name, '--item', json.dumps(item)) is None
        out = aws('get-item', '--table-name', name, '--key', json.dumps({'p': {'S': 'cli'}, 'c': {'N': '3'}}),
                  '--consistent-read')
        assert out['Item']['c'] == {'N': '3'}
        assert out['Item']['doc'] == {'M': {'n': {'N': '1.5'}, 'l': {'L': [{'S': 'x'}]}}}
        assert sorted(out['Item']['ss']['SS']) == ['a', 'b']

        out = aws('update-item', '--table-name', name, '--key', json.dumps({'p': {'S': 'cli'}, 'c': {'N': '3'}}),
                  '--update-expression', 'SET #s = :s', '--expression-attribute-names', '{"#s": "status"}',
                  '--expression-attribute-values', '{":s": {"S": "done"}}', '--return-values', 'UPDATED_NEW')
        assert out['Attributes'] == {'status': {'S': 'done'}}

        out = aws('query', '--table-name', name, '--key-condition-expression', 'p = :p AND c >= :c',
                  '--expression-attribute-values', json.dumps({':p': {'S': 'cli'}, ':c': {'N': '2'}}),
                  '--no-scan-index-forward')
        assert [it['c']['N'] for it in out['Items']] == ['4', '3', '2']
        assert out['Count'] == 3

        # The CLI paginates scan by itself: a page size of 2 still gives everything.
        out = aws('scan', '--table-name', name, '--page-size', '2')
        assert sorted(int(it['c']['N']) for it in out['Items']) == [0, 1, 2, 3, 4]
        out = aws('scan', '--table-name', name, '--filter-expression', 'attribute_exists(#s)',
                  '--expression-attribute-names', '{"#s": "status"}')
        assert out['Count'] == 1 and out['Items'][0]['c'] == {'N': '3'}

        assert aws('delete-item', '--table-name', name,
                   '--key', json.dumps({'p': {'S': 'cli'}, 'c': {'N': '0'}})) is None
        out = aws('scan', '--table-name', name, '--select', 'COUNT')
        assert out['Count'] == 4
    finally:
        delete_table_quietly(dynamodb, name)


def test_cli_errors(aws, table):
    missing = unique_name('missing')
    p = aws('describe-table', '--table-name', missing, expect_rc=254)
    assert p.stderr.strip() == ('An error occurred (ResourceNotFoundException) when calling the DescribeTable '
                                'operation: Requested resource not found: Table: %s not found' % missing)
    p = aws('put-item', '--table-name', table, '--item', '{"p": {"S": "a"}}',
            '--condition-expression', 'attribute_exists(p)', expect_rc=254)
    assert p.stderr.strip() == ('An error occurred (ConditionalCheckFailedException) when calling the PutItem '
                                'operation: The conditional request failed')
    p = aws('update-item', '--table-name', table, '--key', '{"p": {"S": "a"}}',
            '--update-expression', 'SET status = :s', '--expression-attribute-values', '{":s": {"S": "x"}}',
            expect_rc=254)
    assert p.stderr.strip() == ('An error occurred (ValidationException) when calling the UpdateItem operation: '
                                'Invalid UpdateExpression: Attribute name is a reserved keyword; '
                                'reserved keyword: status')
