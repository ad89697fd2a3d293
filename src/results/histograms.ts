/**
 * `histograms.json`: Locust's full response-time distributions (rounded milliseconds → requests)
 * per endpoint and for the aggregate, written by the master-side plugin beside the CSVs. Pure: the
 * caller reads the file. A file that is not what it should be is ignored (the CSVs still judge the
 * run), and the reason returned for the report.
 */
import { endpointLabel, type EndpointStats } from './model.js'

export const HISTOGRAMS_FILE = 'histograms.json'

type Histogram = NonNullable<EndpointStats['responseTimes']>

/** The histograms by endpoint label ("GET /items"; "Aggregated" for the aggregate). */
export type HistogramsByLabel = Map<string, Histogram>

export function parseHistograms(text: string): HistogramsByLabel | { problem: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { problem: `${HISTOGRAMS_FILE} is not valid JSON (${(error as Error).message})` }
  }
  if (!isObject(json) || json.version !== 1 || !Array.isArray(json.endpoints)) {
    return { problem: `${HISTOGRAMS_FILE} is not version 1 with a list of endpoints` }
  }
  const byLabel: HistogramsByLabel = new Map()
  for (const entry of [...(json.endpoints as unknown[]), json.aggregate]) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.method !== 'string') {
      return { problem: `${HISTOGRAMS_FILE} has an endpoint without method or name` }
    }
    const histogram = histogramOf(entry.responseTimes)
    if (histogram === undefined) {
      return { problem: `${HISTOGRAMS_FILE}: ${entry.name} has no valid responseTimes` }
    }
    byLabel.set(endpointLabel({ method: entry.method, name: entry.name }), histogram)
  }
  return byLabel
}

function histogramOf(counts: unknown): Histogram | undefined {
  if (!isObject(counts)) return undefined
  const pairs: [number, number][] = []
  for (const [key, count] of Object.entries(counts)) {
    const ms = Number(key)
    if (!Number.isFinite(ms) || ms < 0 || !Number.isSafeInteger(count) || (count as number) < 0) {
      return undefined
    }
    if ((count as number) > 0) pairs.push([ms, count as number])
  }
  return pairs.sort((a, b) => a[0] - b[0])
}

/**
 * The stats with their histograms attached, where the histogram's count equals the CSV's request
 * count (otherwise the two were written at different moments, and the CSV alone is used).
 */
export function withHistograms<T extends EndpointStats>(
  stats: T,
  histograms: HistogramsByLabel
): T {
  const histogram = histograms.get(endpointLabel(stats))
  if (!histogram) return stats
  const total = histogram.reduce((sum, [, count]) => sum + count, 0)
  return total === stats.requests ? { ...stats, responseTimes: histogram } : stats
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
