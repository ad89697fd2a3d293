/**
 * Every input of the action and the CLI, in one place: its name (as in action.yml), type, bounds or
 * choices, default, description and CLI flag. The readers of src/inputs/read.ts check a value
 * against its entry (parse.ts adds only what one entry cannot say: checks across inputs, files);
 * `npx tsx scripts/action-docs.ts` writes action.yml's inputs and the README's table from here,
 * and the CLI builds its flags and help from here. Adding an input is one entry here (see
 * CONTRIBUTING.md, "Adding an input").
 */

/** How an input's text is read; documents the entry and drives the CLI flag's shape. */
export type InputType =
  'text' | 'path' | 'integer' | 'number' | 'boolean' | 'choice' | 'duration' | 'list' | 'rules'

interface InputSpecCommon {
  name: string
  /** The default as action.yml declares it; '' when the default is computed or absent. */
  default: string
  /** The description in action.yml and the README's inputs table. */
  description: string
  /** The backend this input belongs to, when only one backend reads it. */
  backend?: string
  /** The CLI flag; absent for inputs only the action has. */
  cli?: {
    /** Commander's flag syntax, e.g. "-u, --users <n>"; a boolean input without <value> is a switch. */
    flags: string
    /** The short help line; "(default: …)" is added from `default` or `defaultNote`. */
    help: string
    /** How the default reads in --help when it is computed or differs on the CLI. */
    defaultNote?: string
    /** The flag may be given more than once; the values are joined as one list input. */
    repeatable?: boolean
  }
}

/** What values an input of each type accepts (its readers enforce it). */
type InputShape =
  /** A whole number from `min` to `max`. */
  | { type: 'integer'; min: number; max: number }
  /** A decimal number at most `max`, and at least `min` or greater than `above`. */
  | ({ type: 'number'; max: number } & ({ min: number } | { above: number }))
  /** One of `choices`. */
  | { type: 'choice'; choices: readonly string[] }
  | { type: 'text' }
  | { type: 'path' }
  | { type: 'boolean' }
  /** A duration in Locust's form: "90", "90s", "5m", "1h30m"; positive unless `min` is 0. */
  | { type: 'duration'; min?: 0 }
  | { type: 'list' }
  | { type: 'rules' }

export type InputSpec = InputSpecCommon & InputShape

export const INPUTS = [
  {
    name: 'backend',
    default: 'local',
    description:
      "Where Locust runs. `local` starts the master and workers as processes on the runner; `aws` runs them as Fargate tasks through the deployed stack's state machine; `none` runs nothing and judges the Locust CSVs already in `results-dir` (Locust 1.1 or later, run anywhere).",
    type: 'text',
    cli: {
      flags: '--backend <name>',
      help: 'where Locust runs: local, aws, or none (judge the CSVs already in --out)'
    }
  },
  {
    name: 'locustfile',
    default: 'locustfile.py',
    description: 'Path of the locustfile, relative to `working-directory`.',
    type: 'path',
    cli: { flags: '-f, --locustfile <path>', help: 'the Locust test' }
  },
  {
    name: 'data',
    default: '',
    description:
      'Extra files or folders the test needs (test data, helper modules), one per line or comma-separated, relative to `working-directory`. They are shipped with the locustfile.',
    type: 'list',
    cli: {
      flags: '--data <path>',
      help: 'an extra file or folder the test needs (shipped to remote workers); repeat for more',
      repeatable: true
    }
  },
  {
    name: 'host',
    default: '',
    description:
      "Base URL of the system under test, e.g. `https://staging.example.com`. Empty uses the locustfile's own `host`.",
    type: 'text',
    cli: { flags: '-H, --host <url>', help: 'base URL of the system under test' }
  },
  {
    name: 'wait-for-host',
    default: '30',
    description:
      'Local backend: how many seconds to keep retrying until `host` accepts TCP connections before Locust starts, for a service started in the background just before (`run: my-server &`). Each wait is logged; `0` tries once.',
    type: 'integer',
    min: 0,
    max: 3600,
    backend: 'local',
    cli: {
      flags: '--wait-for-host <seconds>',
      help: 'retry the host this long until it accepts connections'
    }
  },
  {
    name: 'users',
    default: '10',
    description: 'Peak number of concurrent users.',
    type: 'integer',
    min: 1,
    max: 1_000_000,
    cli: { flags: '-u, --users <n>', help: 'peak number of concurrent users' }
  },
  {
    name: 'spawn-rate',
    default: '',
    description: 'Users started per second. Defaults to `users` (at most 100).',
    type: 'number',
    above: 0,
    max: 100_000,
    cli: {
      flags: '-r, --spawn-rate <n>',
      help: 'users started per second',
      defaultNote: 'users, at most 100'
    }
  },
  {
    name: 'run-time',
    default: '1m',
    description: "How long the test runs, in Locust's form (`90s`, `5m`, `1h30m`).",
    type: 'duration',
    cli: { flags: '-t, --run-time <time>', help: 'test duration in Locust form: 90s, 5m, 1h30m' }
  },
  {
    name: 'workers',
    default: '1',
    description:
      'Number of Locust worker processes (local) or Fargate worker tasks (aws), 1 to 200.',
    type: 'integer',
    min: 1,
    max: 200,
    cli: {
      flags: '-w, --workers <n>',
      help: 'Locust workers: processes (local) or Fargate tasks (aws)'
    }
  },
  {
    name: 'locust-args',
    default: '',
    description:
      'Extra Locust flags, quoted as in a shell (e.g. `--stop-timeout 10 --tags "checkout"`). Flags the action sets itself (users, host, CSV, master/worker…) are refused.',
    type: 'text',
    cli: { flags: '--locust-args <args>', help: 'extra Locust flags, quoted as in a shell' }
  },
  {
    name: 'rounds',
    default: '1',
    description:
      'Measure in this many rounds, the workers staying up between them: without `baseline-host` every round loads `host` (they are pooled); with it, each round loads both sides (`mode`). See docs/rounds.md.',
    type: 'integer',
    min: 1,
    max: 100,
    cli: { flags: '--rounds <n>', help: 'measure in this many rounds (see docs/rounds.md)' }
  },
  {
    name: 'warmup',
    default: '0s',
    description:
      "The start of each round left out of the statistics (Locust's stats are reset after it), in Locust's form (`10s`). Each round then lasts `warmup` plus `run-time`.",
    type: 'duration',
    min: 0,
    cli: { flags: '--warmup <time>', help: 'left out of the statistics at the start of each round' }
  },
  {
    name: 'baseline-host',
    default: '',
    description:
      "Base URL of the baseline side (e.g. the base branch's build on another port), measured in the same job as `host` (the candidate): see `mode` and docs/rounds.md.",
    type: 'text',
    cli: { flags: '--baseline-host <url>', help: 'the baseline side, measured beside --host' }
  },
  {
    name: 'mode',
    default: 'interleaved',
    description:
      '`interleaved`: each round runs the baseline and the candidate one after the other, in random order. `duet`: two Locust masters load both at once, each with half the users and workers (`workers` even; on AWS one execution per side, same task size). `calibrate`: A/A rounds on `host` alone (default 5) measuring the noise band (docs/thresholds.md#calibrate).',
    type: 'choice',
    choices: ['interleaved', 'duet', 'calibrate'],
    cli: { flags: '--mode <mode>', help: 'interleaved, duet or calibrate' }
  },
  {
    name: 'thresholds',
    default: '',
    description:
      'Pass/fail rules, one per line, `#` comments allowed. Examples:\n`p95 < 500ms`, `fail_ratio < 1%`, `rps >= 100`, `"GET /api/items": p99 < 800ms`, `/health: max < 50ms`.',
    type: 'rules',
    cli: {
      flags: '--threshold <rule>',
      help: 'a pass/fail rule such as "p95 < 500ms"; repeat for more',
      repeatable: true
    }
  },
  {
    name: 'thresholds-file',
    default: '',
    description:
      'A file of threshold rules (same language as `thresholds`), relative to `working-directory`; its rules are added to `thresholds`.',
    type: 'path',
    cli: { flags: '--thresholds-file <path>', help: 'a file of rules, one per line (# comments)' }
  },
  {
    name: 'fail-on-threshold',
    default: 'true',
    description:
      'Fail the step when a threshold is breached. With `false`, the verdict is still reported in outputs and the summary.',
    type: 'boolean'
  },
  {
    name: 'confidence',
    default: '0.95',
    description:
      'How sure a baseline rule must be before it fails or passes (one-sided, from 0.5 to 0.999); between the two it is inconclusive. See docs/thresholds.md.',
    type: 'number',
    min: 0.5,
    max: 0.999,
    cli: { flags: '--confidence <c>', help: "confidence of a baseline rule's verdict (0.5–0.999)" }
  },
  {
    name: 'on-inconclusive',
    default: 'pass',
    description:
      'What an inconclusive verdict (a baseline rule the data cannot decide) does to the step: `pass` with a warning, or `fail`.',
    type: 'choice',
    choices: ['pass', 'fail'],
    cli: {
      flags: '--on-inconclusive <pass|fail>',
      help: 'pass (with a warning) or fail when undecided'
    }
  },
  {
    name: 'on-invalid',
    default: 'fail',
    description:
      'What a run unfit to judge (verdict `invalid`: Locust warned its CPU was saturated, fewer workers joined than asked, users never reached the requested count, the test stopped early) does to the step: `fail`, or `pass` with a warning. Such a run never becomes a baseline.',
    type: 'choice',
    choices: ['fail', 'pass'],
    cli: {
      flags: '--on-invalid <fail|pass>',
      help: 'what a run unfit to judge does: fail (exit 3) or pass with a warning'
    }
  },
  {
    name: 'timeout-minutes',
    default: '',
    description:
      'Hard limit for the whole run, in minutes; everything started is stopped when it passes. Defaults to the run time plus 10 minutes.',
    type: 'number',
    above: 0,
    // GitHub's cap on a job's `timeout-minutes`.
    max: 24 * 60,
    cli: {
      flags: '--timeout-minutes <n>',
      help: 'stop everything after this long',
      defaultNote: 'run time + 10'
    }
  },
  {
    name: 'working-directory',
    default: '.',
    description: 'Folder that relative paths are resolved against.',
    type: 'path'
  },
  {
    name: 'results-dir',
    default: 'locust-results',
    description:
      "Folder that receives Locust's CSVs, the HTML report, `summary.md` and `results.json`, relative to `working-directory`. With `backend: none`, the folder that already holds the CSVs.",
    type: 'path',
    cli: {
      flags: '-o, --out <dir>',
      help: 'results folder',
      defaultNote: './locust-results/<timestamp>'
    }
  },
  {
    name: 'baseline',
    default: '',
    description:
      "What baseline rules (`p95 < baseline * 1.1`) compare with: a previous `results.json` or its folder, relative to `working-directory` (refused when nothing is there); or `auto`: the latest valid runs of the base branch (their `artifact-name` artifacts; on aws, the stack's bucket), and while there are none yet, baseline rules are skipped (the `skipped` output counts them). Empty: no baseline.",
    type: 'text',
    cli: {
      flags: '--baseline <path>',
      help: 'a previous results.json (or its folder) for rules such as "p95 < baseline * 1.1"'
    }
  },
  {
    name: 'baseline-history',
    default: '5',
    description:
      'With `baseline: auto`, how many of the latest valid runs of the base branch (passed or inconclusive; never failed, cancelled or invalid) are kept and judged against, 1 to 20. See docs/baselines.md.',
    type: 'integer',
    // MAX_HISTORY_SIZE in src/baseline/history.ts: each run of the history is fetched before a run.
    min: 1,
    max: 20
  },
  {
    name: 'accept-baseline',
    default: 'false',
    description:
      'Accept this run as the new baseline after an intended change: baseline rules are skipped, and unless the run errored, was cancelled or is invalid, the history starts again from it. Meant for a `workflow_dispatch` run on the base branch (docs/baselines.md).',
    type: 'boolean'
  },
  {
    name: 'artifact-name',
    default: 'locust-results',
    description:
      'Name of the artifact the results folder is uploaded as (CSVs, HTML report, logs, `results.json`, `summary.md`), also when thresholds fail or the run errors. Empty turns the upload off. Give each job of a matrix its own name.',
    type: 'text'
  },
  {
    name: 'comment-on-pr',
    default: 'auto',
    description:
      'Keep one comment on the pull request with the verdict, the failed rules and the comparison with the baseline, updated on re-runs: `auto` (on `pull_request` events), `always` (whenever the event has a pull request) or `never`. Needs `permissions: pull-requests: write`; without it (or from a fork) it is a warning, not a failure.',
    type: 'choice',
    choices: ['auto', 'always', 'never']
  },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    description:
      'Token for the PR comment and for finding the baseline artifact (`actions: read`).',
    type: 'text'
  },
  {
    name: 'test-name',
    default: 'Load test',
    description:
      'Name of this load test in the PR comment; jobs with different names keep separate comments.',
    type: 'text'
  },
  {
    name: 'locust-version',
    default: '',
    description:
      "Local backend: the Locust version to run (e.g. `2.32.1`). When the runner has no `locust`, it is installed with pip into a virtualenv under the runner's temp folder and cached in the tool cache; without this input that is version 2.43.3, the AWS container image's. When the runner's own Locust is another version, it runs and the log and summary warn.",
    type: 'text',
    backend: 'local',
    cli: {
      flags: '--locust-version <version>',
      help: 'install this Locust with pip into a virtualenv when none is installed'
    }
  },
  {
    name: 'pass-env',
    default: '',
    description:
      'Local backend: environment variables Locust may read, by name (e.g. `API_TOKEN`); Locust sees only these and the basics listed under Security.',
    type: 'list',
    backend: 'local',
    cli: {
      flags: '--pass-env <name>',
      help: 'an environment variable Locust may read, besides the basics; repeat for more',
      repeatable: true
    }
  },
  {
    name: 'secrets',
    default: '',
    description:
      "Secrets the locustfile reads as environment variables, one `NAME=ARN` per line: a Secrets Manager secret (optionally `:json-key`) or an SSM parameter. On aws the tasks read them with their role, only under the stack's `SecretsPrefix`; the values never pass through the action, the task settings, logs or results. Local reads `NAME` from its own environment. See docs/security.md.",
    type: 'list',
    cli: {
      flags: '--secret <NAME=arn>',
      help: 'an environment variable for the locustfile, read from Secrets Manager or SSM (aws) or this environment (local); repeat for more',
      repeatable: true
    }
  },
  {
    name: 'aws-region',
    default: '',
    description:
      'AWS backend: region of the stack. Defaults to `AWS_REGION` from the environment (as set by aws-actions/configure-aws-credentials).',
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--aws-region <region>',
      help: 'AWS region, e.g. eu-west-1',
      defaultNote: 'AWS_REGION or AWS_DEFAULT_REGION'
    }
  },
  {
    name: 'stack-name',
    default: '',
    description:
      'AWS backend: name of the deployed distributed-locust CloudFormation stack; its outputs give every other AWS setting.',
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--stack-name <name>',
      help: 'the deployed distributed-locust stack; its outputs give every other AWS setting'
    }
  },
  {
    name: 'state-machine-arn',
    default: '',
    description: 'AWS backend: ARN of the state machine, when not using `stack-name`.',
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--state-machine-arn <arn>',
      help: "the stack's run state machine (with --bucket, instead of --stack-name)"
    }
  },
  {
    name: 'bucket',
    default: '',
    description:
      'AWS backend: S3 bucket for the test bundle and results, when not using `stack-name`.',
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--bucket <name>',
      help: 'S3 bucket for the test bundle and the results',
      defaultNote: "the stack's"
    }
  },
  {
    name: 'cluster',
    default: '',
    description: "AWS backend: ECS cluster name or ARN (overrides the stack's).",
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--cluster <name-or-arn>',
      help: 'ECS cluster the tasks run in',
      defaultNote: "the stack's"
    }
  },
  {
    name: 'task-definition',
    default: '',
    description:
      "AWS backend: Fargate task definition family[:revision] or ARN (overrides the stack's).",
    type: 'text',
    backend: 'aws',
    cli: {
      flags: '--task-definition <name-or-arn>',
      help: 'task definition family[:revision] or ARN',
      defaultNote: "the stack's"
    }
  },
  {
    name: 'subnets',
    default: '',
    description:
      "AWS backend: subnet IDs for the tasks, one per line or comma-separated (overrides the stack's).",
    type: 'list',
    backend: 'aws',
    cli: {
      flags: '--subnet <id>',
      help: 'a subnet of the tasks, e.g. subnet-0123456789abcdef0; repeat for more',
      defaultNote: "the stack's",
      repeatable: true
    }
  },
  {
    name: 'security-groups',
    default: '',
    description: "AWS backend: security group IDs for the tasks (overrides the stack's).",
    type: 'list',
    backend: 'aws',
    cli: {
      flags: '--security-group <id>',
      help: 'a security group of the tasks, e.g. sg-0123456789abcdef0; repeat for more',
      defaultNote: "the stack's",
      repeatable: true
    }
  },
  {
    name: 'assign-public-ip',
    default: 'false',
    description:
      'AWS backend: give the tasks public IPs (needed in public subnets without a NAT gateway).',
    type: 'boolean',
    backend: 'aws',
    cli: {
      flags: '--assign-public-ip',
      help: 'give the tasks public IPs (subnets without a NAT gateway)'
    }
  },
  {
    name: 'min-workers',
    default: '',
    description:
      'AWS backend: workers that must have joined for the load to start and for the run to count as valid, 1 to `workers`; default `workers`. The others join when they come ([docs/workers.md](docs/workers.md)).',
    type: 'integer',
    min: 1,
    max: 200,
    backend: 'aws',
    cli: {
      flags: '--min-workers <n>',
      help: 'workers that must join for the load to start',
      defaultNote: 'workers'
    }
  },
  {
    name: 'worker-replace-minutes',
    default: '10',
    description:
      'AWS backend: for how many minutes missing workers (stopped, reclaimed by Fargate Spot, or not placed for want of Fargate capacity) are asked for again while the run connects; once the load runs, workers that stop are replaced while it surely runs (the run time from the start). 0 (never replaced) to 60.',
    type: 'integer',
    min: 0,
    max: 60,
    backend: 'aws',
    cli: {
      flags: '--worker-replace-minutes <n>',
      help: 'minutes missing workers are asked for again'
    }
  },
  {
    name: 'capacity',
    default: 'on-demand',
    description:
      "AWS backend: what the workers run on: `on-demand` (Fargate), `spot` (Fargate Spot: cheaper, reclaimed with two minutes' notice, then replaced) or `mixed` (in each RunTask call of up to 10 workers, the first on-demand, the rest 1 on-demand to 3 Spot). The master is always on-demand; Spot runs x86_64 task definitions only.",
    type: 'choice',
    choices: ['on-demand', 'spot', 'mixed'],
    backend: 'aws',
    cli: { flags: '--capacity <kind>', help: 'worker capacity: on-demand, spot or mixed' }
  }
] as const satisfies readonly InputSpec[]

export type InputName = (typeof INPUTS)[number]['name']

/** The names of the inputs of one type, e.g. InputOfType<'integer'>: 'users' | 'workers' | … */
export type InputOfType<T extends InputType> = Extract<(typeof INPUTS)[number], { type: T }>['name']

/** The values a choice input accepts, e.g. ChoiceOf<'comment-on-pr'>: 'auto' | 'always' | 'never'. */
export type ChoiceOf<N extends InputOfType<'choice'>> = Extract<
  (typeof INPUTS)[number],
  { name: N }
>['choices'][number]

/** Every input's name, in action.yml's order. */
export const INPUT_NAMES: InputName[] = INPUTS.map((input) => input.name)

const BY_NAME = new Map<string, InputSpec>(INPUTS.map((input) => [input.name, input]))

/** The entry of an input; throws for a name not in the spec (a mistake in the code, not the input). */
export function inputSpec(name: string): InputSpec {
  const spec = BY_NAME.get(name)
  if (spec === undefined) throw new Error(`No input "${name}" in src/inputs/spec.ts`)
  return spec
}

/** The entry of an input with its own type, e.g. entryOf('workers').max. */
export function entryOf<N extends InputName>(
  name: N
): Extract<(typeof INPUTS)[number], { name: N }> {
  return inputSpec(name) as Extract<(typeof INPUTS)[number], { name: N }>
}

/** The input's default as action.yml declares it ('' when computed or absent). */
export function defaultOf(name: InputName): string {
  return inputSpec(name).default
}

/** The CLI's help line of an input: its help and, when there is one, its default. */
export function cliHelp(spec: InputSpec): string {
  if (!spec.cli) return ''
  const shown = spec.cli.defaultNote ?? (spec.type === 'boolean' ? '' : spec.default)
  return shown === '' ? spec.cli.help : `${spec.cli.help} (default: ${shown})`
}
