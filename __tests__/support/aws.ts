/** Run configurations for the aws backend's unit tests (AWS clients mocked by the test). */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { ECSClient } from '@aws-sdk/client-ecs'
import { S3Client } from '@aws-sdk/client-s3'
import { SFNClient } from '@aws-sdk/client-sfn'
import { join } from 'node:path'
import type { PreparedAwsRun } from '../../src/backend/aws/run.js'
import type { AwsSettings } from '../../src/backend/aws/settings.js'
import type { RunConfig } from '../../src/run/config.js'

/** Settings of eu-west-1 with no network given. */
export function awsSettings(overrides: Partial<AwsSettings> = {}): AwsSettings {
  return {
    kind: 'aws',
    region: 'eu-west-1',
    subnets: [],
    securityGroups: [],
    assignPublicIp: false,
    workerReplaceMinutes: 10,
    capacity: 'on-demand',
    ...overrides
  }
}

/** One user on one worker for 10 s, with its locustfile and results in `work`. */
export function awsRunConfig(
  work: string,
  overrides: Partial<RunConfig<AwsSettings>> = {}
): RunConfig<AwsSettings> {
  return {
    backend: awsSettings(),
    locustfile: join(work, 'locustfile.py'),
    data: [],
    users: 1,
    spawnRate: 1,
    runTime: '10s',
    runTimeSeconds: 10,
    workers: 1,
    locustArgs: [],
    thresholds: [],
    failOnThreshold: true,
    timeoutMinutes: 5,
    workingDirectory: work,
    resultsDir: join(work, 'results'),
    ...overrides
  }
}

/** `config` prepared for run `runId`: a resolved target, clients of eu-west-1, a clock that never waits. */
export function preparedAwsRun(config: RunConfig<AwsSettings>, runId: string): PreparedAwsRun {
  return {
    config,
    target: { region: 'eu-west-1', stateMachineArn: 'arn:sm', bucket: 'bucket-1', cluster: 'dl' },
    bundle: [],
    runId,
    clients: {
      cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
      stepFunctions: new SFNClient({ region: 'eu-west-1' }),
      ecs: new ECSClient({ region: 'eu-west-1' }),
      s3: new S3Client({ region: 'eu-west-1' })
    },
    clock: { now: () => 0, sleep: () => Promise.resolve() }
  }
}
