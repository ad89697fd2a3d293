/**
 * A local stand-in for the AWS services the `aws` backend uses — S3 (s3rver), Step Functions, ECS and
 * CloudFormation — and those `distributed-locust doctor` asks (ECR, Service Quotas, EC2, IAM, STS;
 * account.ts), each on its own loopback port. Production code reaches it only through the
 * standard AWS_ENDPOINT_URL_<SERVICE> variables (see `Emulator.env`).
 *
 *   const emulator = await startEmulator({ stateMachines: { [arn]: definition }, stacks: {...} })
 *   const restore = applyEnv(emulator.env)
 *   ... run the action or CLI, inspect emulator.ecs / emulator.sfn ...
 *   restore(); await emulator.stop()
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AccountEmulator, type AccountOptions } from './account.js'
import { CloudFormationEmulator, type EmulatedStack } from './cloudformation.js'
import { EcsEmulator, type EcsEmulatorOptions } from './ecs.js'
import { startHttpServer, type RunningServer } from './http.js'
import { EMULATOR_CREDENTIALS, startS3 } from './s3.js'
import { SfnEmulator } from './sfn.js'

export type { EmulatedStack } from './cloudformation.js'
export type { AccountOptions } from './account.js'
export type { EcsFault, EmulatedTask, JournalEntry, LaunchRequest } from './ecs.js'
export type { EmulatedExecution, HistoryEvent } from './sfn.js'
export { EcsEmulator } from './ecs.js'
export { SfnEmulator } from './sfn.js'

export const DEFAULT_REGION = 'us-east-1'
export const DEFAULT_ACCOUNT_ID = '123456789012'

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface EmulatorOptions {
  region?: string
  accountId?: string
  /** Bucket created in S3 (default `distributed-locust-emulated`). */
  bucket?: string
  /** State machine ARN → ASL definition (see `stateMachineArn`). */
  stateMachines?: Record<string, unknown>
  /** Stack name → outputs, for DescribeStacks. */
  stacks?: Record<string, EmulatedStack>
  /**
   * ECS tasks: timings and what a task runs. By default a task runs the container entrypoint,
   * `docker/entrypoint.py`, with the Python that runs Locust.
   */
  ecs?: Partial<Omit<EcsEmulatorOptions, 'region' | 'accountId' | 'workDir'>>
  /** The account around the stack (ECR, quotas, network, IAM, STS, task definitions). */
  account?: AccountOptions
}

export interface Emulator {
  region: string
  accountId: string
  bucket: string
  /** Temporary folder holding S3's data and the tasks' working folders and logs; removed by stop(). */
  workDir: string
  endpoints: {
    s3: string
    sfn: string
    ecs: string
    cloudformation: string
  } & Record<AccountService, string>
  /** What the action, the CLI or an SDK client needs in its environment to use the emulator. */
  env: Record<string, string>
  ecs: EcsEmulator
  sfn: SfnEmulator
  cloudFormation: CloudFormationEmulator
  account: AccountEmulator
  /** Keys of the objects in the bucket under `prefix`, sorted (e.g. to assert nothing was staged). */
  objectKeys(prefix?: string): Promise<string[]>
  /** Aborts executions, kills every task process, closes every server and removes workDir. */
  stop(): Promise<void>
}

export function stateMachineArn(
  name: string,
  region = DEFAULT_REGION,
  accountId = DEFAULT_ACCOUNT_ID
): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? DEFAULT_REGION
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID
  const bucket = options.bucket ?? 'distributed-locust-emulated'
  const workDir = mkdtempSync(join(tmpdir(), 'dl-emulator-'))
  const servers: RunningServer[] = []
  const cleanups: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    await Promise.all(servers.map((server) => server.close()))
    rmSync(workDir, { recursive: true, force: true })
  }

  try {
    const s3 = await startS3(join(workDir, 's3'), [bucket])
    servers.push(s3)
    const taskEnv = {
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      PYTHONUNBUFFERED: '1'
    }
    const ecs = new EcsEmulator({
      taskCommand: [...locustPython(), join(repositoryRoot, 'docker', 'entrypoint.py')],
      ...options.ecs,
      baseEnv: { ...taskEnv, ...options.ecs?.baseEnv },
      region,
      accountId,
      workDir
    })
    cleanups.push(() => ecs.stop())
    const account = new AccountEmulator(region, accountId, options.account)
    const ecsServer = await startHttpServer(account.ecsWithTaskDefinitions(ecs.handler))
    servers.push(ecsServer)

    const sfn = new SfnEmulator({
      region,
      accountId,
      stateMachines: options.stateMachines ?? {},
      integrations: {
        region,
        credentials: EMULATOR_CREDENTIALS,
        endpoints: { ecs: ecsServer.url, s3: s3.url }
      }
    })
    // Executions go first: stopping them keeps them from launching tasks while tasks are stopped.
    cleanups.push(() => sfn.stop())
    const sfnServer = await startHttpServer(sfn.handler)
    servers.push(sfnServer)

    const cloudFormation = new CloudFormationEmulator(region, accountId, options.stacks, {
      readObject: (objectBucket, key) => readObject(s3.url, region, objectBucket, key)
    })
    const cloudFormationServer = await startHttpServer(cloudFormation.handler)
    servers.push(cloudFormationServer)

    const accountServers = await startAccountServers(account, servers)

    const endpoints = {
      s3: s3.url,
      sfn: sfnServer.url,
      ecs: ecsServer.url,
      cloudformation: cloudFormationServer.url,
      ...accountServers
    }
    return {
      region,
      accountId,
      bucket,
      workDir,
      endpoints,
      env: {
        AWS_ENDPOINT_URL_S3: endpoints.s3,
        AWS_ENDPOINT_URL_SFN: endpoints.sfn,
        AWS_ENDPOINT_URL_ECS: endpoints.ecs,
        AWS_ENDPOINT_URL_CLOUDFORMATION: endpoints.cloudformation,
        AWS_ENDPOINT_URL_ECR: endpoints.ecr,
        AWS_ENDPOINT_URL_SERVICE_QUOTAS: endpoints.serviceQuotas,
        AWS_ENDPOINT_URL_EC2: endpoints.ec2,
        AWS_ENDPOINT_URL_IAM: endpoints.iam,
        AWS_ENDPOINT_URL_STS: endpoints.sts,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
        // s3rver predates the SDK's default checksums (aws-chunked uploads with trailers).
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED'
      },
      ecs,
      sfn,
      cloudFormation,
      account,
      objectKeys: (prefix = '') => listKeys(s3.url, region, bucket, prefix),
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}

type AccountService = 'ecr' | 'serviceQuotas' | 'ec2' | 'iam' | 'sts'

/** One server per service of the account around the stack; each is added to `servers`. */
async function startAccountServers(
  account: AccountEmulator,
  servers: RunningServer[]
): Promise<Record<AccountService, string>> {
  const urls = {} as Record<AccountService, string>
  for (const service of ['ecr', 'serviceQuotas', 'ec2', 'iam', 'sts'] as const) {
    const server = await startHttpServer(account[service])
    servers.push(server)
    urls[service] = server.url
  }
  return urls
}

/** Sets `env` in process.env; returns a function that puts back what was there. */
export function applyEnv(env: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

function emulatedS3(endpoint: string, region: string): S3Client {
  return new S3Client({ endpoint, region, credentials: EMULATOR_CREDENTIALS, forcePathStyle: true })
}

/** An object's text, as CloudFormation reads a TemplateURL. */
async function readObject(endpoint: string, region: string, bucket: string, key: string) {
  const client = emulatedS3(endpoint, region)
  try {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return await Body!.transformToString()
  } finally {
    client.destroy()
  }
}

async function listKeys(endpoint: string, region: string, bucket: string, prefix: string) {
  const client = emulatedS3(endpoint, region)
  const keys: string[] = []
  try {
    let continuationToken: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken
        })
      )
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''))
      continuationToken = page.NextContinuationToken
    } while (continuationToken)
  } finally {
    client.destroy()
  }
  return keys.sort()
}

/**
 * The interpreter (with its arguments) from the shebang of `locust` on PATH: the Python that can
 * import locust, which is not always the first `python3` on PATH.
 */
function locustPython(): string[] {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    try {
      const firstLine = readFileSync(join(folder, 'locust'), 'utf8').split('\n', 1)[0]
      if (firstLine.startsWith('#!')) return firstLine.slice(2).trim().split(/\s+/)
    } catch {
      // Not in this folder.
    }
  }
  return ['python3']
}
