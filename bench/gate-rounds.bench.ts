/**
 * The gate benchmark's rows for measuring both versions in the same job (issue 19): `rounds: 1`
 * (one interleaved round, what a single A/B run gives), `rounds: 3` interleaved and a duet, side by
 * side in one run. Each trial starts two bundled targets — the baseline at work factor 1 and the
 * candidate at 1 (A/A), 1.1 or 1.3 — and runs `distributed-locust run --baseline-host` with the
 * design's rounds; its results folder is judged with `p95 < baseline * 1.1` and again with
 * `* 1.05`, per endpoint and overall. Trials of all designs are interleaved in a seeded random
 * order so they meet the same machine noise. Caught = judged failed (inconclusive is not caught).
 *
 *   npm run bench -- gate-rounds [--aa 8] [--per-regression 4] [--run-time 20] [--warmup 5]
 *                                [--users 20] [--workers 2] [--seed 19] [--keep DIR] [--corpus DIR]
 *                                [--synthetic]
 *
 * --corpus DIR judges the trial folders in DIR again ("07-rounds3-x1.30"); --synthetic writes
 * synthetic round folders instead of running Locust (the layout's rows work before the engine is
 * there; their figures say nothing about a real machine).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { median } from 'simple-statistics'
import { seededRandom } from '../__tests__/support/seeded-random.js'
import { writeRoundsFolder } from '../__tests__/support/rounds-folder.js'
import { AGGREGATE, cli, GATE_ENDPOINTS, pairJudgement, type PairOutcome } from './gate/judge.js'
import { GATE_LOCUSTFILE, startTarget } from './gate/runs.js'
import { wholeNumberOption } from './options.js'

interface Design {
  name: string
  label: string
  /** The run's flags beyond the common ones. */
  flags: (rounds: number) => string[]
  rounds: number
}

const DESIGNS: Design[] = [
  {
    name: 'rounds1',
    label: 'rounds: 1',
    rounds: 1,
    flags: () => ['--rounds', '1', '--mode', 'interleaved']
  },
  {
    name: 'rounds3',
    label: 'rounds: 3 interleaved',
    rounds: 3,
    flags: () => ['--rounds', '3', '--mode', 'interleaved']
  },
  {
    name: 'duet',
    label: 'duet (3 rounds)',
    rounds: 3,
    flags: () => ['--rounds', '3', '--mode', 'duet']
  }
]
const SIZES = [1, 1.1, 1.3]
const TOLERANCES = [1.1, 1.05]
/** Issue 19's goals with `rounds: 3` or a duet, per tolerance. */
const GOALS = new Map<
  number,
  { falseAlarmsAtMost: number; passesAtLeast?: number; caught: [number, number] }
>([
  [1.1, { falseAlarmsAtMost: 0.05, passesAtLeast: 0.8, caught: [1.3, 0.95] }],
  [1.05, { falseAlarmsAtMost: 0.05, caught: [1.1, 0.8] }]
])
const TRIAL_RECORD = 'trial.json'

interface Options {
  aa: number
  perRegression: number
  runSeconds: number
  warmupSeconds: number
  users: number
  workers: number
  seed: number
  keep?: string
  corpus?: string
  synthetic: boolean
}

interface Trial {
  name: string
  design: Design
  workFactor: number
}

export function readOptions(args: string[]): Options {
  // Not strict: `npm run bench -- <options>` (every bench) passes the same options to each.
  const { values } = parseArgs({
    args,
    strict: false,
    options: {
      aa: { type: 'string', default: '8' },
      'per-regression': { type: 'string', default: '4' },
      'run-time': { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      users: { type: 'string', default: '20' },
      workers: { type: 'string', default: '2' },
      seed: { type: 'string', default: '19' },
      keep: { type: 'string' },
      corpus: { type: 'string' },
      synthetic: { type: 'boolean', default: false }
    }
  })
  const count = (flag: string, given: unknown, min: number): number =>
    wholeNumberOption('gate-rounds', flag, given, min)
  return {
    aa: count('aa', values.aa, 1),
    perRegression: count('per-regression', values['per-regression'], 1),
    runSeconds: count('run-time', values['run-time'], 5),
    warmupSeconds: count('warmup', values.warmup, 0),
    users: count('users', values.users, 2),
    workers: count('workers', values.workers, 2),
    seed: count('seed', values.seed, 0),
    keep: typeof values.keep === 'string' ? resolve(values.keep) : undefined,
    corpus: typeof values.corpus === 'string' ? resolve(values.corpus) : undefined,
    synthetic: values.synthetic === true
  }
}

/** Every design's trials (A/A and each regression), shuffled together (Fisher–Yates, seeded). */
export function planTrials(options: Options): Trial[] {
  const each = SIZES.flatMap((size) =>
    Array<number>(size === 1 ? options.aa : options.perRegression).fill(size)
  )
  const trials = DESIGNS.flatMap((design) => each.map((workFactor) => ({ design, workFactor })))
  const random = seededRandom(options.seed)
  for (let i = trials.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[trials[i], trials[j]] = [trials[j], trials[i]]
  }
  return trials.map((trial, index) => ({
    ...trial,
    name: `${String(index + 1).padStart(2, '0')}-${trial.design.name}-x${trial.workFactor.toFixed(2)}`
  }))
}

export function parseTrialName(name: string): Trial | undefined {
  const match = /^\d+-(\w+)-x(\d+(?:\.\d+)?)$/.exec(name)
  const design = DESIGNS.find((d) => d.name === match?.[1])
  return match && design ? { name, design, workFactor: Number(match[2]) } : undefined
}

/** One trial: both targets started fresh, one `run --baseline-host`; its wall time in seconds. */
async function makeTrial(dir: string, trial: Trial, options: Options): Promise<number> {
  const resultsDir = join(dir, trial.name)
  rmSync(resultsDir, { recursive: true, force: true })
  const startedAt = performance.now()
  if (options.synthetic) {
    // Noise of a busy machine: rounds swing 20 % together, pairs differ by 3 % (not measured).
    writeRoundsFolder(resultsDir, {
      design: trial.design.name === 'duet' ? 'duet' : 'interleaved',
      rounds: trial.design.rounds,
      slowdown: trial.workFactor,
      sharedSd: 0.2,
      pairSd: 0.03,
      seed: Number.parseInt(trial.name, 10) * 7919,
      endpoints: GATE_ENDPOINTS.map((label, i) => ({
        method: 'GET',
        name: label.replace(/^GET /, ''),
        medianMs: [1, 12, 24][i],
        requests: options.users * options.runSeconds * 2
      }))
    })
  } else {
    const baseline = await startTarget(1)
    const candidate = await startTarget(trial.workFactor)
    try {
      const args = [
        'run',
        '-f',
        GATE_LOCUSTFILE,
        '-H',
        candidate.url,
        '--baseline-host',
        baseline.url,
        ...trial.design.flags(trial.design.rounds),
        '--warmup',
        `${options.warmupSeconds}s`,
        '-u',
        String(options.users),
        '-r',
        String(options.users),
        '-t',
        `${options.runSeconds}s`,
        '-w',
        String(options.workers),
        '--out',
        resultsDir
      ]
      const { exitCode, output } = await cli(args, dir)
      if (exitCode === 2) throw new Error(`trial ${trial.name} could not run:\n${output}`)
    } finally {
      baseline.stop()
      candidate.stop()
    }
  }
  const seconds = (performance.now() - startedAt) / 1000
  // Written last: marks the trial complete.
  const record = { ...trial, design: trial.design.name, wallSeconds: seconds }
  writeFileSync(join(resultsDir, TRIAL_RECORD), `${JSON.stringify(record, null, 2)}\n`)
  return seconds
}

function rulesAt(tolerance: number): string[] {
  return [
    ...GATE_ENDPOINTS.map((endpoint) => `"${endpoint}": p95 < baseline * ${tolerance}`),
    `p95 < baseline * ${tolerance}`
  ]
}

/** What one trial was judged, and candidate ÷ baseline (paired, over its rounds) per rule. */
interface TrialJudgement {
  outcome: PairOutcome
  ratios: Map<string, number>
}

/** A trial's folder judged with one tolerance through `report` (which reads its rounds.json). */
async function judgeTrial(
  trialDir: string,
  tolerance: number,
  outDir: string
): Promise<TrialJudgement> {
  mkdirSync(outDir, { recursive: true })
  const args = [
    'report',
    trialDir,
    '--out',
    outDir,
    ...rulesAt(tolerance).flatMap((rule) => ['--threshold', rule])
  ]
  const { output } = await cli(args, outDir)
  const path = join(outDir, 'results.json')
  if (!existsSync(path)) throw new Error(`report wrote no results.json for ${trialDir}:\n${output}`)
  const json = JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof pairJudgement>[0]
  const ratios = new Map<string, number>()
  for (const rule of json.thresholds ?? []) {
    if (rule.ratio) ratios.set(rule.selector ?? AGGREGATE, rule.ratio.value)
  }
  return { outcome: pairJudgement(json).outcome, ratios }
}

type Counts = Record<PairOutcome, number> & {
  trials: number
  wallSeconds: number
  /** Each trial's candidate ÷ baseline per rule's endpoint (or Aggregated). */
  ratios: Map<string, number[]>
}

function emptyCounts(): Counts {
  return {
    passed: 0,
    failed: 0,
    inconclusive: 0,
    invalid: 0,
    error: 0,
    trials: 0,
    wallSeconds: 0,
    ratios: new Map()
  }
}

/** Counts per design, tolerance and work factor. */
type Table = Map<string, Counts>
const key = (design: string, tolerance: number, size: number) => `${design} ${tolerance} ${size}`

async function judgeAll(dir: string, trials: Trial[]): Promise<Table> {
  const scratch = mkdtempSync(join(tmpdir(), 'dl-bench-gate-rounds-'))
  const table: Table = new Map()
  try {
    for (const trial of trials) {
      const record = JSON.parse(readFileSync(join(dir, trial.name, TRIAL_RECORD), 'utf8')) as {
        wallSeconds: number
      }
      for (const tolerance of TOLERANCES) {
        const { outcome, ratios } = await judgeTrial(
          join(dir, trial.name),
          tolerance,
          join(scratch, `${trial.name}-${tolerance}`)
        )
        const counts =
          table.get(key(trial.design.name, tolerance, trial.workFactor)) ?? emptyCounts()
        counts[outcome]++
        for (const [label, ratio] of ratios) {
          counts.ratios.set(label, [...(counts.ratios.get(label) ?? []), ratio])
        }
        counts.trials++
        counts.wallSeconds += record.wallSeconds
        table.set(key(trial.design.name, tolerance, trial.workFactor), counts)
      }
    }
    return table
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

const share = (count: number, of: number): string =>
  of === 0 ? 'n/a' : `${count}/${of} ${((100 * count) / of).toFixed(0)}%`

function printTable(table: Table): boolean {
  const columns = DESIGNS.map((design) => design.label)
  console.log(`${''.padEnd(36)}${columns.map((c) => c.padEnd(24)).join('')}`)
  let met = true
  for (const tolerance of TOLERANCES) {
    console.log(`p95 < baseline * ${tolerance} (per endpoint and overall)`)
    const row = (label: string, size: number, pick: (c: Counts) => number) => {
      const cells = DESIGNS.map((design) => {
        const counts = table.get(key(design.name, tolerance, size)) ?? emptyCounts()
        return share(pick(counts), counts.trials).padEnd(24)
      })
      console.log(`  ${label.padEnd(34)}${cells.join('')}`)
    }
    row('A/A false alarms (failed)', 1, (c) => c.failed)
    row('A/A inconclusive', 1, (c) => c.inconclusive)
    row('A/A passes', 1, (c) => c.passed)
    for (const size of SIZES.slice(1)) {
      const label = `+${Math.round((size - 1) * 100)}% work`
      row(`${label} caught`, size, (c) => c.failed)
      row(`${label} inconclusive`, size, (c) => c.inconclusive)
    }
    const goal = GOALS.get(tolerance)!
    for (const design of DESIGNS.filter((d) => d.rounds >= 3)) {
      const rate = (size: number, pick: (c: Counts) => number) => {
        const counts = table.get(key(design.name, tolerance, size)) ?? emptyCounts()
        return counts.trials === 0 ? Number.NaN : pick(counts) / counts.trials
      }
      const checks: [string, boolean][] = [
        [
          `A/A false alarms ≤ ${goal.falseAlarmsAtMost * 100}%`,
          rate(1, (c) => c.failed) <= goal.falseAlarmsAtMost
        ],
        [
          `+${Math.round((goal.caught[0] - 1) * 100)}% caught ≥ ${goal.caught[1] * 100}%`,
          rate(goal.caught[0], (c) => c.failed) >= goal.caught[1]
        ]
      ]
      if (goal.passesAtLeast !== undefined) {
        checks.push([
          `A/A passed ≥ ${goal.passesAtLeast * 100}%`,
          rate(1, (c) => c.passed) >= goal.passesAtLeast
        ])
      }
      met &&= checks.every(([, ok]) => ok)
      console.log(
        `  goals (${design.label}): ${checks.map(([l, ok]) => `${l} ${ok ? 'met' : 'NOT met'}`).join('; ')}`
      )
    }
  }
  const wall = DESIGNS.map((design) => {
    const all = [...SIZES].map(
      (size) => table.get(key(design.name, TOLERANCES[0], size)) ?? emptyCounts()
    )
    const trials = all.reduce((sum, c) => sum + c.trials, 0)
    const seconds = all.reduce((sum, c) => sum + c.wallSeconds, 0)
    return `${(trials ? seconds / trials : 0).toFixed(0)} s`.padEnd(24)
  })
  console.log(`${'wall time per verdict'.padEnd(36)}${wall.join('')}`)
  printRatios(table)
  return met
}

/** What each size of server work does to p95: the median over trials of candidate ÷ baseline. */
function printRatios(table: Table): void {
  const labels = [...GATE_ENDPOINTS, AGGREGATE]
  const names = labels.map((label) => (label === AGGREGATE ? 'all' : label.replace(/^GET /, '')))
  console.log(`p95 candidate ÷ baseline, median of the trials (${names.join(', ')}):`)
  for (const size of SIZES) {
    const work = size === 1 ? 'A/A' : `+${Math.round((size - 1) * 100)}% work`
    for (const design of DESIGNS) {
      const ratios = (table.get(key(design.name, TOLERANCES[0], size)) ?? emptyCounts()).ratios
      const cells = labels.map((label) => {
        const values = ratios.get(label) ?? []
        return values.length === 0 ? 'n/a' : `×${median(values).toFixed(2)}`
      })
      console.log(`  ${work.padEnd(10)}${design.label.padEnd(24)}${cells.join('  ')}`)
    }
  }
}

export default async function (args: string[] = []): Promise<boolean> {
  const options = readOptions(args)
  const dir = options.corpus ?? options.keep ?? mkdtempSync(join(tmpdir(), 'dl-bench-gate-rounds-'))
  if (options.corpus === undefined) {
    mkdirSync(dir, { recursive: true })
    const plan = planTrials(options)
    const todo = plan.filter((trial) => !existsSync(join(dir, trial.name, TRIAL_RECORD)))
    console.log(
      `${options.synthetic ? 'Writing synthetic' : 'Making'} ${todo.length} of ${plan.length} trials ` +
        `(${options.users} users, ${options.warmupSeconds} s warm-up + ${options.runSeconds} s per round and side, ` +
        `${options.workers} workers) in ${dir}`
    )
    for (const [index, trial] of todo.entries()) {
      const seconds = await makeTrial(dir, trial, options)
      console.log(`  ${index + 1}/${todo.length} ${trial.name} in ${seconds.toFixed(0)} s`)
    }
  }
  const trials = readdirSync(dir)
    .map(parseTrialName)
    .filter(
      (trial): trial is Trial =>
        trial !== undefined && existsSync(join(dir, trial.name, TRIAL_RECORD))
    )
  console.log(
    `${trials.length} trials in ${dir}; rules per endpoint (${GATE_ENDPOINTS.join(', ')}) and ${AGGREGATE}`
  )
  const met = printTable(await judgeAll(dir, trials))
  console.log(`judge again: npm run bench -- gate-rounds --corpus ${dir}`)
  return met
}
