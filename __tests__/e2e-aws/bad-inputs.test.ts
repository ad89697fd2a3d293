/**
 * Bad inputs with `backend: aws`, through the action's main step: each is refused with a message
 * that names the input, before anything is written or started — no object under runs/ in the
 * bucket, no execution, no ECS RunTask call. Some are caught by input validation, the others by the
 * backend's checks against the stack (read-only DescribeStacks) and the bundle.
 */
import { jest } from '@jest/globals'
import { join } from 'node:path'
import { STACK_OUTPUTS } from '../../src/backend/aws/target.js'
import { run } from '../../src/action/main.js'
import {
  BUCKET,
  removeDir,
  STACK_NAME,
  STATE_MACHINE_ARN,
  tempDir,
  writeIn,
  useActionWorld
} from './world.js'

jest.setTimeout(30_000)

const { world, runner } = useActionWorld({ withoutTarget: true })
const outside = tempDir('e2e-aws-outside')
const outsideFile = writeIn(outside, 'rows.csv', 'id\n1\n')

beforeAll(() => {
  const withoutBucket = Object.fromEntries(
    Object.entries(world.stackOutputs).filter(([key]) => key !== STACK_OUTPUTS.bucket)
  )
  world.emulator.cloudFormation.putStack('without-bucket', { outputs: withoutBucket })
  world.emulator.cloudFormation.putStack('rolled-back', {
    outputs: world.stackOutputs,
    status: 'ROLLBACK_COMPLETE'
  })
})
afterAll(() => removeDir(outside))

/** Explicit target instead of the stack. */
const explicit = { 'stack-name': '', 'state-machine-arn': STATE_MACHINE_ARN, bucket: BUCKET }

interface BadInput {
  what: string
  inputs: Record<string, string>
  message: RegExp
  /** Environment variables removed for the case. */
  unset?: string[]
}

const cases: BadInput[] = [
  {
    what: 'a state machine ARN with a short account id',
    inputs: { ...explicit, 'state-machine-arn': 'arn:aws:states:us-east-1:1234:stateMachine:run' },
    message:
      /^Input 'state-machine-arn': got "arn:aws:states:us-east-1:1234:stateMachine:run"; expected an ARN like/m
  },
  {
    what: 'the ARN of a Lambda function as state machine',
    inputs: {
      ...explicit,
      'state-machine-arn': 'arn:aws:lambda:us-east-1:123456789012:function:run'
    },
    message: /^Input 'state-machine-arn': got "arn:aws:lambda:.*"; expected an ARN like/m
  },
  {
    what: 'a state machine in another region than aws-region',
    inputs: { ...explicit, 'aws-region': 'eu-west-1' },
    message:
      /^Input 'state-machine-arn': .* its region us-east-1 differs from aws-region eu-west-1/m
  },
  {
    what: 'an unknown stack',
    inputs: { 'stack-name': 'no-such-stack' },
    message: /^Input 'stack-name': stack 'no-such-stack' does not exist in this account and region/
  },
  {
    what: 'a stack missing an output',
    inputs: { 'stack-name': 'without-bucket' },
    message:
      /^Stack 'without-bucket' has no output BucketName; deploy cloudformation\/template.yaml/
  },
  {
    what: 'a rolled-back stack',
    inputs: { 'stack-name': 'rolled-back' },
    message:
      /^Stack 'rolled-back' is in state ROLLBACK_COMPLETE, in which it cannot run tests: its creation failed and was rolled back; delete it and deploy again/
  },
  {
    what: 'a stack name starting with a digit',
    inputs: { 'stack-name': '1-stack' },
    message: /^Input 'stack-name': got "1-stack"; expected a CloudFormation stack name/m
  },
  {
    what: 'neither a stack nor a state machine',
    inputs: { 'stack-name': '' },
    message: /^Input 'stack-name': got nothing; the aws backend needs either `stack-name`/m
  },
  {
    what: 'a state machine without a bucket',
    inputs: { ...explicit, bucket: '' },
    message: /needs either `stack-name` .* or both `state-machine-arn` and `bucket`/
  },
  {
    what: 'a bucket name with capitals and an underscore',
    inputs: { ...explicit, bucket: 'My_Bucket' },
    message: /^Input 'bucket': got "My_Bucket"; expected an S3 bucket name/m
  },
  {
    what: 'an empty subnet list',
    inputs: { subnets: ' ,\n , ' },
    message: /^Input 'subnets': got ",\n ,"; the list is empty/m
  },
  {
    what: 'a subnet that is not a subnet id',
    inputs: { subnets: 'subnet-0123456789abcdef0\nprivate-a' },
    message: /^Input 'subnets': got "private-a"; expected IDs such as "subnet-0123456789abcdef0"/m
  },
  {
    what: 'a security group given by name',
    inputs: { 'security-groups': 'default' },
    message: /^Input 'security-groups': got "default"; expected IDs such as "sg-/m
  },
  {
    what: 'a cluster name with a space',
    inputs: { cluster: 'load tests' },
    message: /^Input 'cluster': got "load tests"; expected an ECS cluster name or ARN/m
  },
  {
    what: 'a task definition with a non-numeric revision',
    inputs: { 'task-definition': 'distributed-locust:latest' },
    message: /^Input 'task-definition': got "distributed-locust:latest"/m
  },
  {
    what: 'assign-public-ip that is not a boolean',
    inputs: { 'assign-public-ip': 'sometimes' },
    message: /^Input 'assign-public-ip': got "sometimes"; expected "true" or "false"/m
  },
  {
    what: 'a region that is not one',
    inputs: { 'aws-region': 'mars-north' },
    message: /^Input 'aws-region': got "mars-north"; expected an AWS region such as "eu-west-1"/m
  },
  {
    what: 'no region anywhere',
    inputs: {},
    unset: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    message: /^Input 'aws-region': got nothing; no region given and none in AWS_REGION/m
  },
  {
    what: 'workers 0',
    inputs: { workers: '0' },
    message: /^Input 'workers': got "0"; expected a whole number from 1 to 200/m
  },
  {
    what: 'workers 1000',
    inputs: { workers: '1000' },
    message: /^Input 'workers': got "1000"; expected a whole number from 1 to 200/m
  },
  {
    what: 'users 0',
    inputs: { users: '0' },
    message: /^Input 'users': got "0"; expected a whole number from 1/m
  },
  {
    what: 'run time "5 parsecs"',
    inputs: { 'run-time': '5 parsecs' },
    message: /^Input 'run-time': got "5 parsecs"; expected a duration in Locust's form/m
  },
  {
    what: 'a timeout shorter than the run time',
    inputs: { 'run-time': '5m', 'timeout-minutes': '2' },
    message: /^Input 'timeout-minutes': got "2"; expected more minutes than the run time \(5m\)/m
  },
  {
    what: 'a threshold metric typo',
    inputs: { thresholds: 'p95 < 500ms\nfail_rate < 1%' },
    message:
      /^Input 'thresholds': line 2, column 1: unknown metric "fail_rate"; did you mean "fail_ratio"\?/m
  },
  {
    what: 'a threshold unit typo',
    inputs: { thresholds: 'p95 < 500 parsecs' },
    message: /^Input 'thresholds': line 1, column 11: unknown unit "parsecs" for p95/m
  },
  {
    what: 'a missing thresholds file',
    inputs: { 'thresholds-file': 'load/thresholds.txt' },
    message: /^Input 'thresholds-file': got "load\/thresholds.txt"; no file at/m
  },
  {
    what: 'a missing locustfile',
    inputs: { locustfile: 'load/locustfile.py' },
    message: /^Input 'locustfile': got "load\/locustfile.py"; no file at .*load\/locustfile.py/m
  },
  {
    what: 'a missing data file',
    inputs: { data: 'examples/stages/stages.json\nexamples/missing.csv' },
    message: /^Input 'data': got "examples\/missing.csv"; no file or folder at/m
  },
  {
    what: 'a data file outside the working directory',
    inputs: { data: outsideFile },
    message:
      /^Input 'data': got ".*"; the aws backend ships files by their path inside `working-directory`, and this one is outside it/m
  },
  {
    what: 'a Locust flag the backend sets itself',
    inputs: { 'locust-args': '--stop-timeout 10 --master-host 10.0.0.1' },
    message: /^Input 'locust-args': .* the action sets --master-host itself/m
  },
  {
    what: 'a host without a scheme',
    inputs: { host: 'staging.example.com' },
    message: /^Input 'host': got "staging.example.com"; expected a URL starting with http:\/\//m
  },
  {
    what: 'a backend typo',
    inputs: { backend: 'fargate' },
    message: /^Input 'backend': got "fargate"; expected "local", "aws" or "none"/m
  }
]

test.each(cases)('$what: refused with its message, nothing created', async (badInput) => {
  runner.setInputs({
    backend: 'aws',
    'stack-name': STACK_NAME,
    locustfile: 'examples/locustfile.py',
    host: 'http://127.0.0.1:9',
    'run-time': '5s',
    'results-dir': join(runner.dir, 'results'),
    ...badInput.inputs
  })
  for (const name of badInput.unset ?? []) delete process.env[name]
  await run()

  expect(process.exitCode).toBe(1)
  const errors = runner.errors()
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(badInput.message)
  expect(await world.emulator.objectKeys()).toEqual([])
  expect(world.emulator.sfn.executions()).toEqual([])
  expect(world.emulator.ecs.journal('RunTask')).toEqual([])
})

test('validation reports every bad input at once, each on its own line', async () => {
  runner.setInputs({
    backend: 'aws',
    'stack-name': STACK_NAME,
    locustfile: 'examples/locustfile.py',
    workers: '1000',
    'run-time': '5 parsecs',
    subnets: 'private-a'
  })
  await run()

  const [error] = runner.errors()
  expect(error.split('\n')).toEqual([
    'Invalid inputs; nothing was started.',
    expect.stringMatching(/^Input 'run-time'/),
    expect.stringMatching(/^Input 'workers'/),
    expect.stringMatching(/^Input 'subnets'/)
  ])
  expect(world.emulator.sfn.executions()).toEqual([])
})
