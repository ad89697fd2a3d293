/**
 * Synthetic results folders of a run of rounds, in the layout of docs/thresholds.md ("Rounds"):
 * rounds.json, one histograms.json per round (seeded lognormal response times, Locust-rounded,
 * with numRequests and numFailures) and the top-level CSVs of the candidate side. For the judging
 * tests and the gate benchmark's rows before the engine writes real ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { locustRound } from '../../src/thresholds/statistics.js'
import { seededRandom, standardNormal as normal } from './seeded-random.js'

export interface SyntheticEndpoint {
  method: string
  name: string
  medianMs: number
  /** Log spread of the response times; 0.5 unless given. */
  sigma?: number
  /** Requests per side and round. */
  requests: number
  /** Failed requests per side and round (0 unless given). */
  failures?: number
}

export interface SyntheticRounds {
  design: 'repeated' | 'interleaved' | 'duet'
  rounds: number
  endpoints: SyntheticEndpoint[]
  /** The candidate's response times ÷ the baseline's (1: identical code). */
  slowdown?: number
  /** Log sd of a round effect both sides share (the machine between rounds). */
  sharedSd?: number
  /** Log sd of a round effect on the candidate alone (what pairing does not cancel). */
  pairSd?: number
  seed: number
  roundSeconds?: number
  /** Rounds (by index) stopped during their candidate side: listed as incomplete. */
  incomplete?: number[]
  /** The CSV prefix of the top-level files; "locust" unless given. */
  prefix?: string
}

type Counts = Map<number, number>

function draw(random: () => number, endpoint: SyntheticEndpoint, scale: number): Counts {
  const counts: Counts = new Map()
  for (let k = 0; k < endpoint.requests; k++) {
    const ms = locustRound(
      endpoint.medianMs * scale * Math.exp((endpoint.sigma ?? 0.5) * normal(random))
    )
    counts.set(ms, (counts.get(ms) ?? 0) + 1)
  }
  return counts
}

function merge(into: Counts, counts: Counts): Counts {
  for (const [ms, count] of counts) into.set(ms, (into.get(ms) ?? 0) + count)
  return into
}

const json = (counts: Counts): Record<string, number> =>
  Object.fromEntries(
    [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([ms, n]) => [String(ms), n])
  )

/** Writes the folder; returns the candidate's overall slowdown applied per round, for checks. */
export function writeRoundsFolder(dir: string, options: SyntheticRounds): void {
  const random = seededRandom(options.seed)
  const seconds = options.roundSeconds ?? 30
  const sides =
    options.design === 'repeated' ? (['candidate'] as const) : (['baseline', 'candidate'] as const)
  const entries: object[] = []
  const pooled = new Map<string, Counts>()
  const start = Date.parse('2026-12-07T17:00:00Z')
  let clock = start
  for (let index = 1; index <= options.rounds; index++) {
    const shared = Math.exp((options.sharedSd ?? 0) * normal(random))
    const differential = Math.exp((options.pairSd ?? 0) * normal(random))
    for (const side of sides) {
      const scale = side === 'candidate' ? shared * differential * (options.slowdown ?? 1) : shared
      const folder = `rounds/${index}-${side}`
      const endpoints = options.endpoints.map((endpoint) => ({
        endpoint,
        counts: draw(random, endpoint, scale)
      }))
      const aggregate = endpoints.reduce(
        (sum, { counts }) => merge(sum, counts),
        new Map() as Counts
      )
      const requests = options.endpoints.reduce((sum, e) => sum + e.requests, 0)
      const failures = options.endpoints.reduce((sum, e) => sum + (e.failures ?? 0), 0)
      mkdirSync(join(dir, folder), { recursive: true })
      writeFileSync(
        join(dir, folder, 'histograms.json'),
        JSON.stringify({
          version: 1,
          locustVersion: '2.12.1',
          writtenAt: new Date(clock + seconds * 1000).toISOString(),
          endpoints: endpoints.map(({ endpoint, counts }) => ({
            method: endpoint.method,
            name: endpoint.name,
            responseTimes: json(counts),
            numRequests: endpoint.requests,
            numFailures: endpoint.failures ?? 0
          })),
          aggregate: {
            method: '',
            name: 'Aggregated',
            responseTimes: json(aggregate),
            numRequests: requests,
            numFailures: failures
          }
        })
      )
      const complete = !(side === 'candidate' && options.incomplete?.includes(index))
      entries.push({
        index,
        side,
        host: side === 'candidate' ? 'http://127.0.0.1:8081' : 'http://127.0.0.1:8080',
        startedAt: new Date(clock).toISOString(),
        endedAt: new Date(clock + seconds * 1000).toISOString(),
        folder,
        complete
      })
      if (options.design !== 'duet') clock += seconds * 1000
      if (side === 'candidate' && complete) {
        for (const { endpoint, counts } of endpoints) {
          const label = `${endpoint.method} ${endpoint.name}`
          pooled.set(label, merge(pooled.get(label) ?? new Map(), counts))
        }
      }
    }
    if (options.design === 'duet') clock += seconds * 1000
  }
  writeFileSync(
    join(dir, 'rounds.json'),
    JSON.stringify({
      version: 1,
      design: options.design,
      warmupSeconds: 10,
      roundSeconds: seconds,
      // As control.py's round_order writes it.
      order: {
        interleaved: 'seeded random, seed 1234',
        duet: 'both sides at once',
        repeated: 'one side'
      }[options.design],
      rounds: entries
    })
  )
  writeStatsCsv(dir, options, pooled, (clock - start) / 1000)
}

/** The candidate side's _stats.csv (what Locust would write beside the rounds). */
function writeStatsCsv(
  dir: string,
  options: SyntheticRounds,
  pooled: Map<string, Counts>,
  seconds: number
): void {
  const quantiles = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100]
  const row = (method: string, name: string, counts: Counts, failures: number): string => {
    const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0])
    const n = sorted.reduce((sum, [, c]) => sum + c, 0)
    const at = (q: number): number => {
      const rank = q >= 1 ? n : Math.floor(n * q) + 1
      let seen = 0
      for (const [ms, c] of sorted) {
        seen += c
        if (seen >= rank) return ms
      }
      return sorted.at(-1)![0]
    }
    const avg = sorted.reduce((sum, [ms, c]) => sum + ms * c, 0) / n
    return [
      method,
      name,
      n,
      failures,
      at(0.5),
      avg,
      sorted[0][0],
      sorted.at(-1)![0],
      100,
      n / seconds,
      failures / seconds,
      ...quantiles.map((q) => at(q / 100))
    ].join(',')
  }
  const header =
    'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,' +
    'Max Response Time,Average Content Size,Requests/s,Failures/s,' +
    quantiles.map((q) => `${q}%`).join(',')
  const rounds = options.rounds - (options.incomplete?.length ?? 0)
  const lines = options.endpoints.map((endpoint) =>
    row(
      endpoint.method,
      endpoint.name,
      pooled.get(`${endpoint.method} ${endpoint.name}`)!,
      (endpoint.failures ?? 0) * rounds
    )
  )
  const all = [...pooled.values()].reduce((sum, counts) => merge(sum, counts), new Map() as Counts)
  const failures = options.endpoints.reduce((sum, e) => sum + (e.failures ?? 0), 0) * rounds
  lines.push(row('', 'Aggregated', all, failures))
  writeFileSync(
    join(dir, `${options.prefix ?? 'locust'}_stats.csv`),
    `${header}\n${lines.join('\n')}\n`
  )
}
