import type { BackendKind } from '../report/model.js'
import type { ThresholdRule } from '../thresholds/model.js'

/** Where the AWS backend finds its stack: by stack name (outputs read at run time) or explicitly. */
export interface AwsSettings {
  region?: string
  stackName?: string
  stateMachineArn?: string
  bucket?: string
  cluster?: string
  taskDefinition?: string
  subnets: string[]
  securityGroups: string[]
  assignPublicIp: boolean
}

/** Every input of a run, validated and typed, built before anything is started. */
export interface RunConfig {
  backend: BackendKind
  /** Absolute path of the locustfile. */
  locustfile: string
  /** Absolute paths of extra files or folders the test needs. */
  data: string[]
  host?: string
  users: number
  spawnRate: number
  /** Run time as the user wrote it (Locust's form, e.g. "1h30m"). */
  runTime: string
  runTimeSeconds: number
  workers: number
  /** Extra Locust flags, tokenized. */
  locustArgs: string[]
  thresholds: ThresholdRule[]
  failOnThreshold: boolean
  timeoutMinutes: number
  /** Absolute working directory every relative path was resolved against. */
  workingDirectory: string
  /** Absolute folder that receives CSVs, HTML report, summary.md and results.json. */
  resultsDir: string
  /** Locust version to install with pip when none is installed (action only). */
  locustVersion?: string
  aws: AwsSettings
}

/** One input that failed validation. The message names the input, what was given and what is accepted. */
export interface InputProblem {
  input: string
  message: string
}

export class InputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => p.message).join('\n'))
    this.name = 'InputError'
  }
}
