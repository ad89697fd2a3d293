/**
 * The figures of a run of rounds as rules read them (./evaluate.ts): each round's endpoints as
 * Locust's stats would show them for that round alone, each side pooled over its rounds, and the
 * rounds paired by index. Pure: the rounds come read (src/results/rounds.ts).
 */
import type { EndpointStats } from '../results/model.js'
import { endpointLabel } from '../results/model.js'
import type {
  RoundData,
  RoundEndpoint,
  RoundsDesign,
  RoundSkipped,
  RoundsRun
} from '../results/rounds.js'
import type { RunFigures } from './estimates.js'
import type { Metric } from './model.js'
import { LOCUST_DEFAULT_PERCENTILES } from './metrics.js'
import { valueAtRank } from './statistics.js'

/**
 * The metrics judged round by round: levels on a log scale (a time or a rate). Counts, extremes
 * and the failure ratio (often 0) are judged on each side pooled over its rounds.
 */
export const ROUND_METRICS: ReadonlySet<Metric['kind']> = new Set([
  'percentile',
  'median',
  'avg',
  'rps'
])

/** A run of rounds ready to judge. */
export interface RoundsFigures {
  design: RoundsDesign
  warmupSeconds: number
  roundSeconds: number
  order: string
  /** The targets each side loaded (the first round's host of that side). */
  hosts: { candidate: string; baseline?: string }
  /** The candidate side of each judged round, in index order. */
  candidate: RunFigures[]
  /** A paired design: the baseline side of the same rounds, in the same order; else empty. */
  baseline: RunFigures[]
  /** Each side over all its judged rounds: what the point values are read from. */
  candidatePooled: RunFigures
  baselinePooled?: RunFigures
  /** Rounds listed but not judged: incomplete, unreadable, or a side without its partner. */
  skipped: RoundSkipped[]
}

/**
 * Judged rounds of a run: for a paired design only indexes whose both sides are complete (a lone
 * side is skipped and counted). Null when no round can be judged.
 */
export function roundsFigures(run: RoundsRun): RoundsFigures | null {
  const skipped = [...run.skipped]
  const paired = run.design !== 'repeated'
  const byIndex = new Map<number, Partial<Record<RoundData['side'], RoundData>>>()
  for (const round of run.rounds) {
    byIndex.set(round.index, { ...byIndex.get(round.index), [round.side]: round })
  }
  const candidate: RoundData[] = []
  const baseline: RoundData[] = []
  for (const [index, sides] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
    if (!paired && sides.candidate) {
      candidate.push(sides.candidate)
    } else if (sides.candidate && sides.baseline) {
      candidate.push(sides.candidate)
      baseline.push(sides.baseline)
    } else {
      const lone = (sides.candidate ?? sides.baseline)!
      skipped.push({ index, side: lone.side, reason: 'its other side was not measured' })
    }
  }
  if (candidate.length === 0) return null
  return {
    design: run.design,
    warmupSeconds: run.warmupSeconds,
    roundSeconds: run.roundSeconds,
    order: run.order,
    hosts: {
      candidate: candidate[0].host,
      ...(paired ? { baseline: baseline[0].host } : {})
    },
    candidate: candidate.map(roundRunFigures),
    baseline: baseline.map(roundRunFigures),
    candidatePooled: pooledFigures(candidate),
    ...(paired ? { baselinePooled: pooledFigures(baseline) } : {}),
    skipped: skipped.sort((a, b) => a.index - b.index)
  }
}

function roundRunFigures(round: RoundData): RunFigures {
  return {
    aggregate: statsOf(round.aggregate, round.seconds),
    endpoints: round.endpoints.map((endpoint) => statsOf(endpoint, round.seconds))
  }
}

/** One side over its rounds: the histograms and counts added up, rates over the summed time. */
export function pooledFigures(rounds: readonly RoundData[]): RunFigures {
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0)
  const merged = new Map<string, RoundEndpoint>()
  for (const round of rounds) {
    for (const endpoint of round.endpoints) {
      const label = endpointLabel(endpoint)
      merged.set(label, mergeEndpoints(merged.get(label), endpoint))
    }
  }
  const aggregate = rounds.reduce<RoundEndpoint | undefined>(
    (sum, round) => mergeEndpoints(sum, round.aggregate),
    undefined
  )!
  return {
    aggregate: statsOf(aggregate, seconds),
    endpoints: [...merged.values()].map((endpoint) => statsOf(endpoint, seconds))
  }
}

function mergeEndpoints(a: RoundEndpoint | undefined, b: RoundEndpoint): RoundEndpoint {
  if (!a) return b
  const counts = new Map<number, number>(a.histogram.map(([ms, count]) => [ms, count]))
  for (const [ms, count] of b.histogram) counts.set(ms, (counts.get(ms) ?? 0) + count)
  return {
    method: a.method,
    name: a.name,
    histogram: [...counts.entries()].sort((x, y) => x[0] - y[0]),
    numRequests: a.numRequests + b.numRequests,
    numFailures: a.numFailures + b.numFailures
  }
}

/**
 * An endpoint as Locust's stats would show it from its histogram: the q-percentile is the request
 * at rank ⌊n·q⌋ + 1 (StatsEntry.get_response_time_percentile), p100 the slowest; rates over the
 * round's measured seconds.
 */
export function statsOf(endpoint: RoundEndpoint, seconds: number): EndpointStats {
  const { histogram } = endpoint
  const n = histogram.reduce((sum, [, count]) => sum + count, 0)
  const at = (q: number): number | null =>
    n === 0 ? null : q >= 1 ? histogram.at(-1)![0] : valueAtRank(histogram, Math.floor(n * q) + 1)
  const total = histogram.reduce((sum, [ms, count]) => sum + ms * count, 0)
  return {
    method: endpoint.method,
    name: endpoint.name,
    requests: endpoint.numRequests,
    failures: endpoint.numFailures,
    medianMs: at(0.5),
    avgMs: n === 0 ? null : total / n,
    minMs: n === 0 ? null : histogram[0][0],
    maxMs: n === 0 ? null : histogram.at(-1)![0],
    avgContentSize: null,
    rps: seconds > 0 ? endpoint.numRequests / seconds : 0,
    failRps: seconds > 0 ? endpoint.numFailures / seconds : 0,
    percentiles: LOCUST_DEFAULT_PERCENTILES.map((quantile) => ({
      label: `${quantile}%`,
      quantile,
      ms: at(quantile / 100)
    })),
    ...(n === endpoint.numRequests && n > 0 ? { responseTimes: histogram } : {})
  }
}
