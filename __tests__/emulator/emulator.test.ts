import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3'
import { existsSync, writeFileSync, createReadStream } from 'node:fs'
import { join } from 'node:path'
import { applyEnv, startEmulator, type Emulator } from './index.js'

let emulator: Emulator
let restoreEnv: () => void

beforeAll(async () => {
  emulator = await startEmulator({
    bucket: 'dl-test-bucket',
    stacks: {
      'distributed-locust': {
        outputs: {
          StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:dl',
          Bucket: 'dl-test-bucket'
        }
      },
      'half-built': { outputs: { Note: 'a < b & "c"' }, status: 'CREATE_IN_PROGRESS' }
    }
  })
  restoreEnv = applyEnv(emulator.env)
})

afterAll(async () => {
  restoreEnv()
  await emulator.stop()
})

test('env points every service at a distinct loopback endpoint and carries region and credentials', () => {
  const urls = [
    emulator.env.AWS_ENDPOINT_URL_S3,
    emulator.env.AWS_ENDPOINT_URL_SFN,
    emulator.env.AWS_ENDPOINT_URL_ECS,
    emulator.env.AWS_ENDPOINT_URL_CLOUDFORMATION
  ]
  for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(new Set(urls).size).toBe(4)
  expect(emulator.env).toMatchObject({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER' })
})

test('S3 keeps what the SDK writes, from a buffer or a file stream, in the configured bucket', async () => {
  // No endpoint here: the client must find s3rver through AWS_ENDPOINT_URL_S3.
  const s3 = new S3Client({})
  const file = join(emulator.workDir, 'locustfile.py')
  writeFileSync(file, 'from locust import HttpUser\n'.repeat(2000))
  await s3.send(
    new PutObjectCommand({ Bucket: 'dl-test-bucket', Key: 'runs/r1/bundle/a.txt', Body: 'alpha' })
  )
  await s3.send(
    new PutObjectCommand({
      Bucket: 'dl-test-bucket',
      Key: 'runs/r1/bundle/locustfile.py',
      Body: createReadStream(file),
      ContentLength: 'from locust import HttpUser\n'.length * 2000
    })
  )
  expect(await emulator.objectKeys('runs/r1/')).toEqual([
    'runs/r1/bundle/a.txt',
    'runs/r1/bundle/locustfile.py'
  ])
  const read = await s3.send(
    new GetObjectCommand({ Bucket: 'dl-test-bucket', Key: 'runs/r1/bundle/locustfile.py' })
  )
  expect(await read.Body!.transformToString()).toBe('from locust import HttpUser\n'.repeat(2000))
  await expect(
    s3.send(new GetObjectCommand({ Bucket: 'dl-test-bucket', Key: 'runs/r1/missing' }))
  ).rejects.toMatchObject({ name: 'NoSuchKey' })
  s3.destroy()
})

test('CloudFormation DescribeStacks returns the configured outputs and status', async () => {
  const cloudFormation = new CloudFormationClient({})
  const { Stacks } = await cloudFormation.send(
    new DescribeStacksCommand({ StackName: 'distributed-locust' })
  )
  expect(Stacks).toHaveLength(1)
  expect(Stacks![0]).toMatchObject({
    StackName: 'distributed-locust',
    StackStatus: 'CREATE_COMPLETE'
  })
  expect(Stacks![0].StackId).toMatch(
    /^arn:aws:cloudformation:us-east-1:123456789012:stack\/distributed-locust\//
  )
  expect(Stacks![0].Outputs).toEqual([
    {
      OutputKey: 'StateMachineArn',
      OutputValue: 'arn:aws:states:us-east-1:123456789012:stateMachine:dl'
    },
    { OutputKey: 'Bucket', OutputValue: 'dl-test-bucket' }
  ])

  const byId = await cloudFormation.send(
    new DescribeStacksCommand({ StackName: Stacks![0].StackId })
  )
  expect(byId.Stacks![0].StackName).toBe('distributed-locust')
  const other = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'half-built' }))
  expect(other.Stacks![0]).toMatchObject({
    StackStatus: 'CREATE_IN_PROGRESS',
    Outputs: [{ OutputKey: 'Note', OutputValue: 'a < b & "c"' }]
  })
  cloudFormation.destroy()
})

test('CloudFormation answers an unknown stack with ValidationError, as AWS does', async () => {
  const cloudFormation = new CloudFormationClient({})
  await expect(
    cloudFormation.send(new DescribeStacksCommand({ StackName: 'nope' }))
  ).rejects.toMatchObject({
    name: 'ValidationError',
    message: 'Stack with id nope does not exist'
  })
  cloudFormation.destroy()
})

test('stop() closes the endpoints and removes the work folder', async () => {
  const own = await startEmulator()
  expect(existsSync(own.workDir)).toBe(true)
  expect(await own.objectKeys()).toEqual([])
  await own.stop()
  expect(existsSync(own.workDir)).toBe(false)
  const s3 = new S3Client({ endpoint: own.endpoints.s3, forcePathStyle: true, maxAttempts: 1 })
  await expect(s3.send(new ListObjectsV2Command({ Bucket: own.bucket }))).rejects.toThrow()
  s3.destroy()
})
