/** Figures every rendering derives from the results model: percentiles, ordering, chart series. */
import type { EndpointStats, FailureRecord, HistoryPoint, HistorySpan } from '../results/model.js'

/** The response time at a percentile column Locust wrote (95 → "95%"); null when absent or N/A. */
export function percentileMs(stats: EndpointStats, quantile: number): number | null {
  return stats.percentiles.find((p) => p.quantile === quantile)?.ms ?? null
}

/** Failures per request (0.25 = 25%); null without requests. */
export function failRatio(stats: EndpointStats): number | null {
  return stats.requests > 0 ? stats.failures / stats.requests : null
}

/**
 * The order endpoints are shown (and kept, when rows must be cut): failing endpoints first, most
 * failures first; then the busiest; then by name so equal rows keep a stable order.
 */
export function orderEndpoints(endpoints: readonly EndpointStats[]): EndpointStats[] {
  return [...endpoints].sort(
    (a, b) =>
      Number(b.failures > 0) - Number(a.failures > 0) ||
      b.failures - a.failures ||
      b.requests - a.requests ||
      compareText(a.name, b.name) ||
      compareText(a.method, b.method)
  )
}

/** Failures by occurrences, most frequent first. */
export function orderFailures(failures: readonly FailureRecord[]): FailureRecord[] {
  return [...failures].sort(
    (a, b) =>
      b.occurrences - a.occurrences || compareText(a.name, b.name) || compareText(a.error, b.error)
  )
}

/**
 * Samples the history on an even time grid of at most maxPoints points (each grid time takes the
 * latest sample at or before it), so a chart whose x-axis is elapsed time places every point right
 * even when the history has gaps or was thinned unevenly.
 */
export function resampleHistory(
  history: readonly HistoryPoint[],
  maxPoints: number
): HistoryPoint[] {
  const points = [...history].sort((a, b) => a.timestamp - b.timestamp)
  if (points.length < 2) return points
  const start = points[0].timestamp
  const end = points[points.length - 1].timestamp
  const span = end - start
  const count = Math.max(2, Math.min(maxPoints, Math.floor(span) + 1))
  const grid: HistoryPoint[] = []
  let index = 0
  for (let step = 0; step < count; step++) {
    const time = step === count - 1 ? end : start + (span * step) / (count - 1)
    while (index + 1 < points.length && points[index + 1].timestamp <= time) index++
    grid.push(points[index])
  }
  return grid
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Locust workers report their counts every 3 s: shorter chart intervals would show the lumps. */
const WORKER_REPORT_SECONDS = 3
/** Samples further apart than this many typical spacings leave a gap, said under the charts. */
const GAP_FACTOR = 3

/** The series the charts draw, one value per interval of an even time grid. */
export interface ChartSeries {
  /** Elapsed seconds at the end of the first and of the last interval. */
  fromSeconds: number
  toSeconds: number
  users: number[]
  /** Requests and failures per second in each interval, from Locust's cumulative counts. */
  requestsPerSecond: number[]
  failuresPerSecond: number[]
  /** Response times in ms; null when Locust wrote no value at any sample (nothing to draw). */
  p50: number[] | null
  p95: number[] | null
  p99: number[] | null
  /** Stretches of the run without samples, in elapsed seconds: the lines join across them. */
  gaps: [number, number][]
}

/**
 * The charts' series from the stats history. Requests and failures per second come from the
 * cumulative totals (Locust's own Requests/s is a rolling average that lags: it showed 0 during a
 * peak and traffic after the users had gone). The totals are joined linearly between samples, so
 * an interval inside a gap gets the average over the gap, never a made-up 0. Within an interval
 * users, p95 and p99 keep their maximum, p50 its mean; an interval without samples takes its
 * neighbours' values. Null when fewer than two samples exist.
 */
export function chartSeries(
  history: readonly HistoryPoint[],
  first: HistorySpan['first'] | null,
  maxPoints: number
): ChartSeries | null {
  const points = [...history].sort((a, b) => a.timestamp - b.timestamp)
  const start = first?.timestamp ?? points[0]?.timestamp
  if (points.length < 2 || start === undefined) return null
  const span = points[points.length - 1].timestamp - start
  if (!(span > 0)) return null
  const minWidth = span >= 2 * WORKER_REPORT_SECONDS ? WORKER_REPORT_SECONDS : 1
  const intervals = Math.max(1, Math.min(maxPoints, Math.floor(span / minWidth)))
  const width = span / intervals
  const ends = Array.from({ length: intervals }, (_, k) =>
    k === intervals - 1 ? span : (k + 1) * width
  )

  // Cumulative totals against elapsed time, starting from the first sample ever read.
  const base = first ?? points[0]
  const times = [0, ...points.map((p) => p.timestamp - start)]
  const cumulative = (pick: (p: { totalRequests: number; totalFailures: number }) => number) => {
    const values = [pick(base), ...points.map(pick)]
    return (t: number) => interpolate(times, values, t)
  }
  const requests = cumulative((p) => p.totalRequests)
  const failures = cumulative((p) => p.totalFailures)
  const starts = [0, ...ends.slice(0, -1)]
  const perSecond = (total: (t: number) => number) =>
    ends.map((end, k) => Math.max(0, (total(end) - total(starts[k])) / (end - starts[k])))

  const inInterval = (k: number) =>
    points.filter((p) => {
      const t = p.timestamp - start
      return (k === 0 ? t >= 0 : t > starts[k]) && t <= ends[k]
    })
  const perInterval = (
    value: (p: HistoryPoint) => number | null,
    combine: (values: number[]) => number
  ): number[] | null => {
    const known = points.filter((p) => value(p) !== null)
    if (known.length === 0) return null
    const knownTimes = known.map((p) => p.timestamp - start)
    const knownValues = known.map((p) => value(p) as number)
    return ends.map((end, k) => {
      const values = inInterval(k).flatMap((p) => (value(p) === null ? [] : [value(p) as number]))
      return values.length > 0 ? combine(values) : interpolate(knownTimes, knownValues, end)
    })
  }
  const max = (values: number[]) => Math.max(...values)
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

  return {
    fromSeconds: ends[0],
    toSeconds: span,
    users: perInterval((p) => p.users, max) ?? [],
    requestsPerSecond: perSecond(requests),
    failuresPerSecond: perSecond(failures),
    p50: perInterval((p) => p.p50Ms, mean),
    p95: perInterval((p) => p.p95Ms, max),
    p99: perInterval((p) => p.p99Ms, max),
    gaps: findGaps(times.slice(1), width)
  }
}

/** Piecewise-linear value at t of the samples (xs ascending); the ends are held flat. */
function interpolate(xs: readonly number[], ys: readonly number[], t: number): number {
  if (t <= xs[0]) return ys[0]
  for (let i = 1; i < xs.length; i++) {
    if (t <= xs[i]) {
      const span = xs[i] - xs[i - 1]
      return span > 0 ? ys[i - 1] + ((ys[i] - ys[i - 1]) * (t - xs[i - 1])) / span : ys[i]
    }
  }
  return ys[ys.length - 1]
}

/** Pauses between samples longer than a few typical spacings (and than a chart interval). */
function findGaps(times: readonly number[], intervalSeconds: number): [number, number][] {
  const spacings = times.slice(1).map((t, i) => t - times[i])
  if (spacings.length === 0) return []
  const typical = [...spacings].sort((a, b) => a - b)[Math.floor(spacings.length / 2)]
  const limit = Math.max(GAP_FACTOR * typical, intervalSeconds)
  return spacings.flatMap((spacing, i) =>
    spacing > limit ? [[times[i], times[i + 1]] as [number, number]] : []
  )
}
