/**
 * Judging one (baseline, candidate) pair of gate runs with `p95 < baseline * 1.1` per endpoint and
 * overall, two ways: the naive point comparison the gate made before issue 18 (kept here as the
 * "before" column) and the product's own `report --baseline` path, so whatever the statistics
 * module decides is what the benchmark measures.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { endpointLabel } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'
import { CSV_PREFIX } from '../../src/run/results-layout.js'

export const GATE_ENDPOINTS = ['GET /', 'GET /compute', 'GET /wait']
export const TOLERANCE = 1.1
/** The rules both judges apply: one per endpoint and one on the aggregate. */
export const GATE_RULES = [
  ...GATE_ENDPOINTS.map((endpoint) => `"${endpoint}": p95 < baseline * ${TOLERANCE}`),
  `p95 < baseline * ${TOLERANCE}`
]

/** What a pair was judged; a pair fails when any of its rules fails. */
export type PairOutcome = 'passed' | 'failed' | 'inconclusive' | 'invalid' | 'error'

/** p95 per endpoint label and for the aggregate ("Aggregated"), as Locust's _stats.csv reads. */
export type P95s = Map<string, number | null>

export const AGGREGATE = 'Aggregated'

export async function readP95s(runDir: string): Promise<P95s> {
  const results = await readLocustResults(runDir, { prefix: CSV_PREFIX })
  const p95Of = (percentiles: { quantile: number; ms: number | null }[]) =>
    percentiles.find((p) => p.quantile === 95)?.ms ?? null
  const p95s: P95s = new Map()
  for (const endpoint of results.endpoints) {
    p95s.set(endpointLabel(endpoint), p95Of(endpoint.percentiles))
  }
  p95s.set(AGGREGATE, p95Of(results.aggregate.percentiles))
  return p95s
}

/** A pair's outcome and the endpoints (or "Aggregated") whose rule failed. */
export interface PairJudgement {
  outcome: PairOutcome
  failedRules: string[]
}

/** Before issue 18: every p95 compared as if exact; a missing value skips its rule. */
export function judgeNaively(baseline: P95s, candidate: P95s): PairJudgement {
  const failedRules = [...GATE_ENDPOINTS, AGGREGATE].filter((label) => {
    const before = baseline.get(label)
    const now = candidate.get(label)
    return before != null && now != null && !(now < before * TOLERANCE)
  })
  return { outcome: failedRules.length > 0 ? 'failed' : 'passed', failedRules }
}

export interface RuleJson {
  selector?: string | null
  verdict?: string
  outcome?: string
  /** now ÷ baseline (for a paired run, over its rounds), when the rule compares with a baseline. */
  ratio?: { value: number } | null
}

const FAILED = new Set(['fail', 'failed'])

/**
 * A pair's outcome from the results.json `report` wrote: failed when any rule failed, else
 * inconclusive when any rule was, else the run's own verdict (invalid, error) or passed.
 * Reads rule outcomes as results.json version 1 ("pass"/"fail") and 2 name them.
 */
export function pairJudgement(resultsJson: {
  verdict?: string
  thresholds?: RuleJson[]
  rules?: RuleJson[]
}): PairJudgement {
  const rules = resultsJson.thresholds ?? resultsJson.rules ?? []
  const outcomeOf = (rule: RuleJson) => rule.outcome ?? rule.verdict ?? ''
  const failedRules = rules
    .filter((rule) => FAILED.has(outcomeOf(rule)))
    .map((rule) => rule.selector ?? AGGREGATE)
  if (failedRules.length > 0) return { outcome: 'failed', failedRules }
  if (rules.some((rule) => outcomeOf(rule) === 'inconclusive')) {
    return { outcome: 'inconclusive', failedRules }
  }
  if (resultsJson.verdict === 'invalid' || resultsJson.verdict === 'error') {
    return { outcome: resultsJson.verdict, failedRules }
  }
  return { outcome: 'passed', failedRules }
}

/** Runs `distributed-locust <args>` in this process; its output is returned, not printed. */
export async function cli(
  args: string[],
  cwd: string
): Promise<{ exitCode: number; output: string }> {
  const lines: string[] = []
  const output = { write: (text: string) => lines.push(text) !== 0, isTTY: false, columns: 100 }
  const exitCode = await main(['node', 'distributed-locust', ...args], {
    stdout: output,
    stderr: output,
    env: { ...process.env, NO_COLOR: '1' },
    cwd,
    now: () => new Date()
  })
  return { exitCode, output: lines.join('') }
}

/**
 * A plain Locust CSV folder made from a run's folder: only the `<prefix>_*.csv` files Locust wrote
 * (no histograms.json, logs or reports), as `report` meets the output of any Locust run.
 */
export function csvOnlyCopy(runDir: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true })
  for (const name of readdirSync(runDir)) {
    if (name.startsWith(`${CSV_PREFIX}_`) && name.endsWith('.csv')) {
      copyFileSync(join(runDir, name), join(outDir, name))
    }
  }
  return outDir
}

/** A run's results.json as a baseline, made by `report` from its folder (CSVs, histograms). */
export async function makeBaseline(runDir: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true })
  const { exitCode, output } = await cli(['report', runDir, '--out', outDir], outDir)
  if (exitCode === 2) throw new Error(`report could not read ${runDir}:\n${output}`)
  return join(outDir, 'results.json')
}

/** Judges a candidate run against a baseline results.json through `report --baseline`. */
export async function judgeWithProduct(
  candidateDir: string,
  baselineJson: string,
  outDir: string
): Promise<PairJudgement> {
  mkdirSync(outDir, { recursive: true })
  const args = ['report', candidateDir, '--baseline', baselineJson, '--out', outDir]
  for (const rule of GATE_RULES) args.push('--threshold', rule)
  const { exitCode, output } = await cli(args, outDir)
  let json: Parameters<typeof pairJudgement>[0]
  try {
    json = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as typeof json
  } catch {
    throw new Error(
      `report wrote no results.json for ${candidateDir} (exit ${exitCode}):\n${output}`
    )
  }
  return pairJudgement(json)
}
