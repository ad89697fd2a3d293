/**
 * The gate benchmark (issue 18): does `p95 < baseline * 1.1` tell a regression from noise?
 *
 * Real local runs (CLI, local backend, 2 workers) of bench/gate/locustfile.py against the bundled
 * target: A/A runs at work factor 1 and B runs at +10 %, +30 %, +50 % server work, interleaved in a
 * seeded random order. Every ordered A/A pair and every (A baseline, B candidate) pair is judged
 * per endpoint and overall, naively (the point comparison) and through the product's `report
 * --baseline`. A false alarm is an A/A pair judged failed; caught means judged failed
 * (inconclusive is not caught).
 *
 *   npm run bench -- gate [--aa 12] [--per-regression 5] [--run-time 15] [--users 20]
 *                         [--workers 2] [--seed 18] [--keep DIR] [--corpus DIR] [--csv-only]
 *
 * --csv-only adds issue 18's held-out check beside the other two columns: every run folder
 * copied with only Locust's CSVs (no histograms.json), baselines made by `report` from those
 * copies, each pair judged from the CSVs alone, with that check's own goals.
 *
 * The runs are kept (in a new temporary folder, or in --keep DIR, which resumes: runs already in
 * DIR are not made again); --corpus DIR only judges the run folders in DIR ("07-B-x1.30": run 7,
 * work factor 1.3).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  AGGREGATE,
  csvOnlyCopy,
  GATE_ENDPOINTS,
  GATE_RULES,
  judgeNaively,
  judgeWithProduct,
  makeBaseline,
  readP95s,
  type P95s,
  type PairJudgement,
  type PairOutcome
} from './gate/judge.js'
import {
  BASE_WORK,
  existingRuns,
  makeRun,
  planRuns,
  recordedLoads,
  RUN_RECORD,
  type PlannedRun
} from './gate/runs.js'
import { wholeNumberOption } from './options.js'

const REGRESSIONS = [1.1, 1.3, 1.5]

interface Goals {
  falseAlarmsAtMost: number
  caughtAtLeast: Map<number, number>
}
/** Issue 18's goals for the new judge on a 2-core machine. */
const GOALS: Goals = {
  falseAlarmsAtMost: 0.05,
  caughtAtLeast: new Map([
    [1.5, 0.95],
    [1.3, 0.8]
  ])
}
/** Issue 18's goals for plain CSV folders: ≤ 1 of 20 A/A pairs, ≥ 14 of 15 at +50 %, ≥ 12 of 15 at +30 %. */
const CSV_ONLY_GOALS: Goals = {
  falseAlarmsAtMost: 1 / 20,
  caughtAtLeast: new Map([
    [1.5, 14 / 15],
    [1.3, 12 / 15]
  ])
}

interface Options {
  aa: number
  perRegression: number
  runSeconds: number
  users: number
  workers: number
  seed: number
  keep?: string
  corpus?: string
  csvOnly: boolean
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      aa: { type: 'string', default: '12' },
      'per-regression': { type: 'string', default: '5' },
      'run-time': { type: 'string', default: '15' },
      users: { type: 'string', default: '20' },
      workers: { type: 'string', default: '2' },
      seed: { type: 'string', default: '18' },
      keep: { type: 'string' },
      corpus: { type: 'string' },
      'csv-only': { type: 'boolean', default: false }
    }
  })
  const count = (flag: string, given: unknown, min: number): number =>
    wholeNumberOption('gate', flag, given, min)
  return {
    aa: count('aa', values.aa, 2),
    perRegression: count('per-regression', values['per-regression'], 1),
    runSeconds: count('run-time', values['run-time'], 5),
    users: count('users', values.users, 1),
    workers: count('workers', values.workers, 1),
    seed: count('seed', values.seed, 0),
    keep: values.keep === undefined ? undefined : resolve(values.keep),
    corpus: values.corpus === undefined ? undefined : resolve(values.corpus),
    csvOnly: values['csv-only']
  }
}

/** Makes the planned runs missing from `dir`, printing each as it ends. */
async function makeRuns(dir: string, options: Options): Promise<void> {
  const plan = planRuns(options.aa, REGRESSIONS, options.perRegression, options.seed)
  const done = new Set(
    existingRuns(dir)
      .filter((run) => existsSync(join(dir, run.name, RUN_RECORD)))
      .map((run) => run.name)
  )
  const todo = plan.filter((run) => !done.has(run.name))
  console.log(
    `Making ${todo.length} of ${plan.length} runs (${options.users} users, ${options.runSeconds} s, ` +
      `${options.workers} workers) in ${dir}`
  )
  for (const [index, run] of todo.entries()) {
    const startedAt = performance.now()
    await makeRun(dir, run, options)
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(0)
    console.log(`  ${index + 1}/${todo.length} ${run.name} in ${seconds} s`)
  }
}

interface Tally {
  counts: Record<PairOutcome, number>
  pairs: number
  /** Failed pairs per rule (endpoint label or "Aggregated"). */
  failedRules: Map<string, number>
}

function add(tallies: Map<number, Tally>, size: number, judgement: PairJudgement): void {
  const tally = tallies.get(size) ?? {
    counts: { passed: 0, failed: 0, inconclusive: 0, invalid: 0, error: 0 },
    pairs: 0,
    failedRules: new Map<string, number>()
  }
  tallies.set(size, tally)
  tally.counts[judgement.outcome]++
  tally.pairs++
  for (const rule of judgement.failedRules) {
    tally.failedRules.set(rule, (tally.failedRules.get(rule) ?? 0) + 1)
  }
}

/** One judge's tallies: the A/A pairs (work 1) and one entry per regression size. */
type Tallies = Map<number, Tally>

/** The judges side by side, in the order they are printed. */
interface Judged {
  naive: Tallies
  /** `report --baseline` on the run folders as made (CSVs and histograms.json). */
  product: Tallies
  /** `report --baseline` on copies holding only Locust's CSVs (--csv-only). */
  csvOnly?: Tallies
}

async function judgeAll(
  runs: PlannedRun[],
  dirOf: (run: PlannedRun) => string,
  csvOnly: boolean
): Promise<Judged> {
  const scratch = mkdtempSync(join(tmpdir(), 'dl-bench-gate-judge-'))
  const judged: Judged = {
    naive: new Map(),
    product: new Map(),
    ...(csvOnly ? { csvOnly: new Map() } : {})
  }
  try {
    const p95s = new Map<string, P95s>()
    for (const run of runs) p95s.set(run.name, await readP95s(dirOf(run)))
    // Each product judge: where its run folders are, and its baselines made by `report` from them.
    const judges: { tallies: Tallies; folderOf: (run: PlannedRun) => string; name: string }[] = [
      { tallies: judged.product, folderOf: dirOf, name: 'as-made' }
    ]
    if (judged.csvOnly) {
      const copies = join(scratch, 'csv-only')
      for (const run of runs) csvOnlyCopy(dirOf(run), join(copies, run.name))
      judges.push({
        tallies: judged.csvOnly,
        folderOf: (run) => join(copies, run.name),
        name: 'csv-only'
      })
    }
    const baselines = runs.filter((run) => run.workFactor === BASE_WORK)
    const baselineJson = new Map<string, string>()
    for (const judge of judges) {
      for (const run of baselines) {
        const out = join(scratch, 'baselines', judge.name, run.name)
        baselineJson.set(`${judge.name}/${run.name}`, await makeBaseline(judge.folderOf(run), out))
      }
    }
    for (const baseline of baselines) {
      for (const candidate of runs) {
        if (candidate === baseline) continue
        const size = candidate.workFactor
        add(judged.naive, size, judgeNaively(p95s.get(baseline.name)!, p95s.get(candidate.name)!))
        for (const judge of judges) {
          const outDir = join(scratch, 'judged', judge.name, `${baseline.name}--${candidate.name}`)
          const baselineFile = baselineJson.get(`${judge.name}/${baseline.name}`)!
          add(
            judge.tallies,
            size,
            await judgeWithProduct(judge.folderOf(candidate), baselineFile, outDir)
          )
        }
      }
    }
    return judged
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The change of the median p95 (over runs) each regression size causes, per endpoint. */
async function p95Changes(
  runs: PlannedRun[],
  dirOf: (run: PlannedRun) => string
): Promise<Map<number, string>> {
  const byFactor = new Map<number, P95s[]>()
  for (const run of runs) {
    const list = byFactor.get(run.workFactor) ?? []
    list.push(await readP95s(dirOf(run)))
    byFactor.set(run.workFactor, list)
  }
  const medianP95 = (list: P95s[], label: string) =>
    median(list.map((p) => p.get(label)).filter((v): v is number => v != null))
  const base = byFactor.get(BASE_WORK) ?? []
  const changes = new Map<number, string>()
  for (const [factor, list] of [...byFactor].sort(([a], [b]) => a - b)) {
    if (factor === BASE_WORK) continue
    const parts = [...GATE_ENDPOINTS, AGGREGATE].map((label) => {
      const change = medianP95(list, label) / medianP95(base, label) - 1
      const name = label === AGGREGATE ? 'all' : label.replace(/^GET /, '')
      return `${name} ${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%`
    })
    changes.set(factor, parts.join(', '))
  }
  return changes
}

const share = (count: number, of: number): string =>
  `${String(count).padStart(3)}/${String(of).padEnd(3)} ${((100 * count) / Math.max(of, 1)).toFixed(0).padStart(3)}%`

/** The judges' columns, in print order, with their headings. */
function columns(judged: Judged): [string, Tallies][] {
  return [
    ['naive', judged.naive],
    [judged.csvOnly ? 'new, histograms' : 'new (report --baseline)', judged.product],
    ...(judged.csvOnly ? [['new, CSV only', judged.csvOnly] as [string, Tallies]] : [])
  ]
}

function printTable(judged: Judged, changes: Map<number, string>): void {
  const rows: [string, (t: Tally) => number, number][] = [
    ['A/A false alarms (failed)', (t) => t.counts.failed, BASE_WORK],
    ['A/A inconclusive', (t) => t.counts.inconclusive, BASE_WORK],
    ['A/A passes', (t) => t.counts.passed, BASE_WORK]
  ]
  for (const size of REGRESSIONS) {
    if (!judged.naive.has(size)) continue
    const label = `+${Math.round((size - 1) * 100)}% work`
    rows.push([`${label} caught`, (t) => t.counts.failed, size])
    rows.push([`${label} inconclusive`, (t) => t.counts.inconclusive, size])
  }
  const judges = columns(judged)
  console.log(`${''.padEnd(28)}${judges.map(([heading]) => heading.padEnd(18)).join('')}`)
  for (const [label, count, size] of rows) {
    const cells = judges.map(([, tallies]) => tallies.get(size))
    if (cells.some((tally) => tally === undefined)) continue
    console.log(
      `${label.padEnd(28)}${cells.map((tally) => share(count(tally!), tally!.pairs).padEnd(18)).join('')}`
    )
  }
  const other = judges
    .slice(1)
    .map(([heading, tallies]) => {
      const count = [...tallies.values()].reduce(
        (sum, t) => sum + t.counts.invalid + t.counts.error,
        0
      )
      return count > 0 ? `${heading}: ${count}` : ''
    })
    .filter((text) => text !== '')
  if (other.length > 0) {
    console.log(`(pairs judged invalid or error, counted as neither: ${other.join('; ')})`)
  }
  const byRule = (tally: Tally | undefined) =>
    [...GATE_ENDPOINTS, AGGREGATE]
      .map((rule) => `${rule.replace(/^GET /, '')} ${tally?.failedRules.get(rule) ?? 0}`)
      .join(', ')
  console.log('A/A false alarms by rule:')
  for (const [heading, tallies] of judges) {
    console.log(`  ${heading.padEnd(24)}${byRule(tallies.get(BASE_WORK))}`)
  }
  console.log('median p95 change the server work causes (B runs against A runs):')
  for (const [size, text] of changes) {
    console.log(`  +${Math.round((size - 1) * 100)}% work: ${text}`)
  }
}

/** Prints whether one judge met its goals; true when it met them all. */
function goalsMet(heading: string, tallies: Tallies, goals: Goals): boolean {
  const rate = (size: number) => {
    const tally = tallies.get(size)
    return tally ? tally.counts.failed / Math.max(tally.pairs, 1) : NaN
  }
  const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`
  const checks = [
    [
      `A/A false alarms ≤ ${percent(goals.falseAlarmsAtMost)}`,
      rate(BASE_WORK) <= goals.falseAlarmsAtMost
    ]
  ] as [string, boolean][]
  for (const [size, atLeast] of goals.caughtAtLeast) {
    const label = `+${Math.round((size - 1) * 100)}% caught ≥ ${percent(atLeast)}`
    if (tallies.has(size)) checks.push([label, rate(size) >= atLeast])
  }
  console.log(
    `goals (${heading}): ${checks.map(([label, met]) => `${label} ${met ? 'met' : 'NOT met'}`).join('; ')}`
  )
  return checks.every(([, met]) => met)
}

export default async function (args: string[] = []): Promise<boolean> {
  const options = readOptions(args)
  // Runs cost minutes: they are always kept, so they can be judged again with --corpus.
  const dir = options.corpus ?? options.keep ?? mkdtempSync(join(tmpdir(), 'dl-bench-gate-'))
  if (options.corpus === undefined) await makeRuns(dir, options)
  const runs = existingRuns(dir)
  const aa = runs.filter((run) => run.workFactor === BASE_WORK).length
  if (aa < 2) throw new Error(`gate bench: ${dir} holds ${aa} A runs; at least 2 are needed`)
  const dirOf = (run: PlannedRun) => join(dir, run.name)
  console.log(
    `${runs.length} runs (${aa} A/A, ${runs.length - aa} with more server work) in ${dir}, rules: ${GATE_RULES.join('; ')}`
  )
  const loads = recordedLoads(dir, runs)
  if (loads.length > 0) {
    const [low, high] = [Math.min(...loads), Math.max(...loads)].map((load) => load.toFixed(1))
    console.log(`1-minute load average around the runs (gate-run.json): ${low} to ${high}`)
  }
  const startedAt = performance.now()
  const judged = await judgeAll(runs, dirOf, options.csvOnly)
  const pairs = [...judged.product.values()].reduce((sum, tally) => sum + tally.pairs, 0)
  const seconds = (performance.now() - startedAt) / 1000
  printTable(judged, await p95Changes(runs, dirOf))
  const judges = columns(judged).length
  console.log(
    `${pairs} pairs judged ${judges} ways in ${seconds.toFixed(1)} s; judge again: npm run bench -- gate --corpus ${dir}${options.csvOnly ? ' --csv-only' : ''}`
  )
  const met = goalsMet('new, histograms', judged.product, GOALS)
  return judged.csvOnly ? goalsMet('new, CSV only', judged.csvOnly, CSV_ONLY_GOALS) && met : met
}
