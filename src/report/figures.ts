/** Figures every rendering derives from the results model: percentiles, ordering, chart series. */
import { LOCUST_REPORT_SECONDS } from '../results/downsample.js'
import type {
  CountSample,
  EndpointStats,
  FailureRecord,
  HistoryPoint,
  LocustResults
} from '../results/model.js'

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

/** Samples further apart than this many typical spacings leave a gap, said under the charts. */
const GAP_FACTOR = 3

/** The series the charts draw, one value per interval of an even time grid. */
export interface ChartSeries {
  /** Elapsed seconds at the end of the first and of the last interval. */
  fromSeconds: number
  toSeconds: number
  /** Seconds each interval covers (the last may cover up to twice that: the run's remainder). */
  intervalSeconds: number
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
 * peak and traffic after the users had gone), read where a worker report changed them: the rows
 * between two reports repeat stale totals. Each report counts what its worker did since its
 * previous report, so the requests it brings are spread over the report period before it (see
 * `reportsOf`); an interval's rate is the requests so counted ÷ the time they cover. Between the
 * moment every worker has reported once and every worker's last regular report, those counts are
 * exact whatever the workers' phases, so an interval reaching outside that stretch is counted over
 * its part inside it: the rows before the first reports and after the last one (or after the users
 * stopped) neither dilute the first and last points nor, through the workers' final reports, make
 * them overshoot. Intervals last a whole number of report periods, so each counts as many reports
 * as the next; an interval inside a gap gets the average over the gap, never a made-up 0. Within
 * an interval users, p95 and p99 keep their maximum, p50 its mean; an interval without samples
 * takes its neighbours' values. Null when fewer than two samples exist.
 */
export function chartSeries(
  results: Pick<LocustResults, 'history' | 'historyCounts' | 'historySpan'>,
  maxPoints: number
): ChartSeries | null {
  const points = [...results.history].sort((a, b) => a.timestamp - b.timestamp)
  const first = results.historySpan?.first ?? points[0]
  if (points.length < 2 || first === undefined) return null
  const start = first.timestamp
  const counts = [first, ...results.historyCounts.filter((c) => c.timestamp > start)]
  const countTimes = counts.map((c) => c.timestamp - start)
  const span = seriesEnd(points[points.length - 1].timestamp - start, countTimes.at(-1)!)
  if (!(span > 0)) return null
  const width = intervalWidth(span, maxPoints)
  const intervals = Math.max(1, Math.floor(span / width))
  const ends = Array.from({ length: intervals }, (_, k) =>
    k === intervals - 1 ? span : (k + 1) * width
  )
  const starts = [0, ...ends.slice(0, -1)]

  const stoppedAt = results.historySpan?.usersStoppedAt
  const { spreads, exact } = reportsOf(
    countTimes,
    stoppedAt === undefined ? null : stoppedAt - start
  )
  const perSecond = (pick: (c: CountSample) => number) => {
    const counted = countedBy(spreads, counts.map(pick))
    return ends.map((end, k) => {
      const [a, b] = countedStretch(starts[k], end, exact, span)
      return (counted(b) - counted(a)) / (b - a)
    })
  }

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
    toSeconds: intervals * width,
    intervalSeconds: width,
    users: perInterval((p) => p.users, max) ?? [],
    requestsPerSecond: perSecond((c) => c.totalRequests),
    failuresPerSecond: perSecond((c) => c.totalFailures),
    p50: perInterval((p) => p.p50Ms, mean),
    p95: perInterval((p) => p.p95Ms, max),
    p99: perInterval((p) => p.p99Ms, max),
    gaps: findGaps(
      points.map((p) => p.timestamp - start),
      width
    )
  }
}

/** The chart interval: whole report periods, as few as keep to maxPoints intervals; 1 s for a few seconds. */
function intervalWidth(span: number, maxPoints: number): number {
  if (span < 2 * LOCUST_REPORT_SECONDS) return 1
  return LOCUST_REPORT_SECONDS * Math.max(1, Math.ceil(span / (LOCUST_REPORT_SECONDS * maxPoints)))
}

/**
 * Where the stats history's last rows are only the ones Locust writes after the last report (the
 * users stopped, or the workers went quiet), the series ends at that report: nothing was counted
 * after it. A longer stretch without reports is drawn, with no requests counted in it.
 */
function seriesEnd(lastSample: number, lastReport: number): number {
  const tail = lastSample - lastReport
  return lastReport > 0 && tail <= 2 * LOCUST_REPORT_SECONDS ? lastReport : lastSample
}

/**
 * The part of an interval its rate is counted over: its part inside the exact stretch, or the
 * whole interval when it lies outside; widened to a report period at least (within the exact
 * stretch, or within the series) since a second of it may hold a third of a report.
 */
function countedStretch(
  start: number,
  end: number,
  exact: [number, number] | null,
  span: number
): [number, number] {
  const inside = exact !== null && end > exact[0] && start < exact[1]
  const [low, high] = inside ? exact : [0, span]
  const from = Math.max(start, low)
  const to = Math.min(end, high)
  const widenedFrom = Math.max(low, Math.min(from, to - LOCUST_REPORT_SECONDS))
  return [widenedFrom, Math.min(high, Math.max(to, widenedFrom + LOCUST_REPORT_SECONDS))]
}

/** The stretch (elapsed seconds, from–to) whose requests one change of the totals counted. */
type Spread = [from: number, to: number]

/**
 * Where each change of the totals (times ascending, the first the base) counted its requests, and
 * the stretch over which those counts are exact (null when the changes do not span one). A change
 * counts the report period before it, or the gap since the change before when that is longer (a
 * pause in the samples, or downsampled counts), never before the first sample. Every worker has
 * reported once by the last change within a report period of the first, and has sent its last
 * regular report by the first change within a report period of the last: between the two, the
 * spread counts add up exactly. A last change at or after the users stopped brings the workers'
 * final reports, counting from their last regular reports to the stop: it is spread over that
 * stretch, which Locust's whole-second timestamps place only to a second.
 */
function reportsOf(
  times: readonly number[],
  stopped: number | null
): { spreads: Spread[]; exact: [number, number] | null } {
  const period = LOCUST_REPORT_SECONDS
  const changes = times.slice(1)
  const final = stopped !== null && changes.length > 1 && changes.at(-1)! >= stopped
  const regular = final ? changes.slice(0, -1) : changes
  const from = regular.findLast((t) => t < regular[0] + period)
  const to = regular.find((t) => t > regular.at(-1)! - period)
  const exact: [number, number] | null =
    from !== undefined && to !== undefined && to > from ? [from, to] : null
  const spreads = changes.map((time, i): Spread => {
    if (final && i === changes.length - 1) return [to ?? times[i], time]
    const gap = i === 0 ? 0 : time - times[i]
    return [Math.max(times[0], time - Math.max(period, gap)), time]
  })
  return { spreads, exact }
}

/** What the reports counted by elapsed time t: each change of the totals spread over its stretch. */
function countedBy(spreads: readonly Spread[], totals: readonly number[]): (t: number) => number {
  return (t) =>
    spreads.reduce((sum, [from, to], i) => {
      if (t <= from) return sum
      const counted = totals[i + 1] - totals[i]
      return sum + (t >= to ? counted : (counted * (t - from)) / (to - from))
    }, 0)
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
