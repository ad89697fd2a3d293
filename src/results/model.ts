/** The typed model of one Locust run's CSV output (Locust 2.12 up to current 2.x). */

/** One percentile column of Locust's stats CSV, e.g. label "99.9%" → quantile 99.9. */
export interface PercentileValue {
  /** The column header as Locust wrote it, e.g. "95%". */
  label: string
  /** The percentile as a number, e.g. 95 or 99.9. */
  quantile: number
  /** Response time in milliseconds; null where Locust wrote "N/A" (no requests). */
  ms: number | null
}

/** One row of `<prefix>_stats.csv`: one endpoint, or the aggregate (method "" and name "Aggregated"). */
export interface EndpointStats {
  method: string
  name: string
  requests: number
  failures: number
  medianMs: number | null
  avgMs: number | null
  minMs: number | null
  maxMs: number | null
  avgContentSize: number | null
  rps: number
  failRps: number
  /** Every percentile column Locust wrote, in column order. */
  percentiles: PercentileValue[]
  /**
   * Locust's full response-time distribution (histograms.json): rounded milliseconds → requests,
   * ascending; absent when only the CSVs were written.
   */
  responseTimes?: readonly (readonly [ms: number, count: number])[]
}

/** How rules, tables and the baseline name an endpoint: "GET /items", or the bare name. */
export function endpointLabel(endpoint: Pick<EndpointStats, 'method' | 'name'>): string {
  return endpoint.method === '' ? endpoint.name : `${endpoint.method} ${endpoint.name}`
}

/** One sample of the aggregate time series from `<prefix>_stats_history.csv`. */
export interface HistoryPoint {
  /** Unix time in seconds. */
  timestamp: number
  users: number
  rps: number
  failRps: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  totalRequests: number
  totalFailures: number
}

/** What the whole stats history shows about the run, read from every sample (not downsampled). */
export interface HistorySpan {
  /** The first sample: the base the first interval's requests and failures are counted from. */
  first: { timestamp: number; totalRequests: number; totalFailures: number }
  /** Unix time in seconds of the last sample. */
  lastTimestamp: number
  /** The most users at any sample (a LoadTestShape may go above the `users` input). */
  peakUsers: number
  /**
   * Users when the load stopped: at the last sample that had any (Locust writes its last rows after
   * it has stopped them, with 0); 0 when none had.
   */
  finalUsers: number
}

/** One row of `<prefix>_failures.csv`. First/last seen exist only in newer Locust versions. */
export interface FailureRecord {
  method: string
  name: string
  error: string
  occurrences: number
  firstSeen?: string
  lastSeen?: string
}

/** One row of `<prefix>_exceptions.csv`. */
export interface ExceptionRecord {
  count: number
  message: string
  traceback: string
  nodes: string
}

export interface LocustResults {
  /** Per-endpoint rows, in file order, without the aggregate. */
  endpoints: EndpointStats[]
  aggregate: EndpointStats
  /** Aggregate time series, downsampled to a bounded number of points for charts. */
  history: HistoryPoint[]
  /** How many aggregate rows the history file held before downsampling. */
  historyRowsRead: number
  /** First and last samples, peak and final users; null without history samples. */
  historySpan: HistorySpan | null
  failures: FailureRecord[]
  exceptions: ExceptionRecord[]
  /** Which optional files were absent (e.g. no `_stats_history.csv` without --csv-full-history). */
  missingFiles: string[]
}
