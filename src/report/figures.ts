/** Figures every rendering derives from the results model: percentiles, ordering, chart series. */
import type { EndpointStats, FailureRecord, HistoryPoint } from '../results/model.js'

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
