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
  /**
   * Its non-overlapping 10 s windows from the raw stats-history rows (results/history.ts), for
   * the spread over time inside the run; absent without a history.
   */
  windows?: readonly HistoryWindow[]
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

/**
 * One of Locust's time windows as a raw stats-history row showed it, before any downsampling for
 * charts: the row's "current" percentiles and requests/s cover the 10 s before `timestamp`. The
 * windows kept do not overlap, so each is an independent batch for the spread over time.
 */
export type HistoryWindow = Pick<HistoryPoint, 'timestamp' | 'rps' | 'p50Ms' | 'p95Ms' | 'p99Ms'>

/**
 * Locust's cumulative totals as a history row first showed them. The master's totals move only
 * when a worker report arrives (every 3 s), so they are up to date at `timestamp` and stale after
 * it: the rows in between repeat them. Counted across Locust's resets (a round clears its stats):
 * the totals only grow.
 */
export interface CountSample {
  /** Unix time in seconds. */
  timestamp: number
  totalRequests: number
  totalFailures: number
}

/** What the whole stats history shows about the run, read from every sample (not downsampled). */
export interface HistorySpan {
  /** The first sample: the base the first interval's requests and failures are counted from. */
  first: CountSample
  /** Unix time in seconds of the last sample. */
  lastTimestamp: number
  /** The most users at any sample (a LoadTestShape may go above the `users` input). */
  peakUsers: number
  /**
   * Users when the load stopped: at the last sample that had any (Locust writes its last rows after
   * it has stopped them, with 0); 0 when none had.
   */
  finalUsers: number
  /**
   * Unix time in seconds of the first sample without users after the last one with users: when
   * Locust had stopped them (absent when the last sample still had users).
   */
  usersStoppedAt?: number
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

/** Records of a failures or exceptions file left out of the results (beyond the most frequent). */
export interface NotKept {
  records: number
  occurrences: number
}

export interface LocustResults {
  /** Per-endpoint rows, in file order, without the aggregate. */
  endpoints: EndpointStats[]
  aggregate: EndpointStats
  /** Aggregate time series, downsampled to a bounded number of points for charts. */
  history: HistoryPoint[]
  /**
   * The totals each time a worker report changed them, downsampled alike (the last change in each
   * bucket): what requests and failures per second are counted from.
   */
  historyCounts: CountSample[]
  /** How many aggregate rows the history file held before downsampling. */
  historyRowsRead: number
  /** First and last samples, peak and final users; null without history samples. */
  historySpan: HistorySpan | null
  /** The most frequent distinct failures (at most results/failures.ts' MAX_RECORDS_KEPT). */
  failures: FailureRecord[]
  /** Distinct failures beyond those kept, when the file had more. */
  failuresNotKept?: NotKept
  exceptions: ExceptionRecord[]
  exceptionsNotKept?: NotKept
  /** Which optional files were absent (e.g. no `_stats_history.csv` without --csv-full-history). */
  missingFiles: string[]
}
