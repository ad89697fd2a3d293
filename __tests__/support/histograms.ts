/**
 * histograms.json (written by the master's control module, docker/distributed_locust/control.py)
 * and Locust's _stats.csv side by side: requests per endpoint as each counts them.
 */
import { parse } from 'csv-parse/sync'

interface HistogramsJson {
  version: number
  locustVersion: string | null
  endpoints: { method: string; name: string; responseTimes: Record<string, number> }[]
  aggregate: { method: string; name: string; responseTimes: Record<string, number> }
}

const label = (method: string, name: string): string => (method ? `${method} ${name}` : name)

/** Requests per endpoint ("GET /items", and "Aggregated") summed over the response-time buckets. */
export function histogramCounts(text: string): Map<string, number> {
  const json = JSON.parse(text) as HistogramsJson
  const sum = (times: Record<string, number>) => Object.values(times).reduce((a, b) => a + b, 0)
  return new Map(
    [...json.endpoints, json.aggregate].map((e) => [label(e.method, e.name), sum(e.responseTimes)])
  )
}

/** "Request Count" per endpoint of Locust's _stats.csv, labelled as histogramCounts labels them. */
export function statsCounts(csv: string): Map<string, number> {
  const rows = parse<Record<string, string>>(csv, { columns: true })
  return new Map(rows.map((row) => [label(row.Type, row.Name), Number(row['Request Count'])]))
}

/** The median of a histogram {ms: count}, as histograms.json writes one. */
export function medianOf(responseTimes: Record<string, number>): number {
  const buckets = Object.entries(responseTimes)
    .map(([ms, count]) => [Number(ms), count])
    .sort(([a], [b]) => a - b)
  const total = buckets.reduce((sum, [, count]) => sum + count, 0)
  let seen = 0
  for (const [ms, count] of buckets) {
    seen += count
    if (seen >= total / 2) return ms
  }
  return Number.NaN
}
