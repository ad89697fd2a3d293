/**
 * The machine-readable report (results.json), from the rounded figures of ./format.ts (which the
 * action outputs of ./outputs.ts share).
 */
import type { Change, Comparison } from '../baseline/model.js'
import type {
  EndpointStats,
  ExceptionRecord,
  FailureRecord,
  HistoryPoint,
  HistoryWindow,
  NotKept
} from '../results/model.js'
import type { ComparisonOperator, RuleResult, RuleVerdict } from '../thresholds/model.js'
import { failRatio, resampleHistory } from './figures.js'
import { metricFamily, metricName, type MetricFamily } from '../thresholds/metrics.js'
import { machineValue } from './format.js'
import type { RunFacts } from '../run/facts.js'
import type { BaselineHistoryEntry, RunReport, Verdict } from './model.js'
import type { RoundsDesign, RoundSkipped } from '../results/rounds.js'
import type { RoundsFigures } from '../thresholds/round-figures.js'

/**
 * Raised only when a field changes meaning or disappears; new fields keep the version. 2: rules
 * have three outcomes (a threshold's verdict may be "inconclusive") with their intervals, and
 * `sides` holds both sides of an A/B run. Version 1 files are still read as baselines.
 */
export const RESULTS_SCHEMA_VERSION = 2

/** At most this many history samples, on an even time grid over the whole run. */
const HISTORY_POINTS = 500

/**
 * results.json. Times are milliseconds, rates per second, ratios fractions (0.25 = 25%); a value
 * Locust could not measure (no requests, "N/A") is null.
 */
export interface ResultsJson {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  /** The verdict; what each means is docs/outcomes.md. */
  verdict: Verdict
  passed: boolean
  /** True when the figures cover only part of the planned run. */
  partial: boolean
  /** True when SIGINT/SIGTERM (or a cancelled workflow) stopped the run. */
  cancelled: boolean
  /** What went wrong when the verdict is "error". */
  error: string | null
  /** Why the run is unfit to judge (verdict "invalid"), most telling first; empty when fit. */
  unfitReasons: string[]
  /** Why the baseline cannot decide its rules (measured under other conditions); null when it can. */
  baselineNotComparable: string | null
  /** The run facts; the backend's label is for people and stays out. */
  facts: Omit<RunFacts, 'backendLabel'>
  /** Locust's "Aggregated" row; null when Locust wrote no readable results. */
  totals: EndpointJson | null
  /** One entry per endpoint, in the order Locust wrote them. */
  endpoints: EndpointJson[]
  thresholds: ThresholdJson[]
  /** The most frequent distinct failures, messages capped (results/failures.ts). */
  failures: FailureRecord[]
  /** Distinct failures beyond those kept; null when all were kept. */
  failuresNotKept: NotKept | null
  exceptions: ExceptionRecord[]
  exceptionsNotKept: NotKept | null
  history: {
    /** Aggregate rows in Locust's _stats_history.csv. */
    rowsRead: number
    /** A sample of them, at most 500, evenly spread over the run. */
    points: HistoryPoint[]
  }
  /** Optional Locust files that were not written (e.g. the history without --csv-full-history). */
  missingFiles: string[]
  /** The comparison with the baseline; null when there was none (see baselineNote). */
  baseline: BaselineJson | null
  /** Why there is no comparison although a baseline was asked for; null otherwise. */
  baselineNote: string | null
  /** The runs of the baseline history, newest first (the first is `baseline`); empty without one. */
  baselineHistory: BaselineHistoryEntry[]
  /** True when this run was accepted as the new baseline (`accept-baseline`). */
  acceptedAsBaseline: boolean
  /** The one-sided confidence of every interval (the `confidence` input). */
  confidence: number
  /**
   * The two sides of an A/B run (base and candidate measured in the same job), each with its own
   * figures; null for a run of one side, whose figures are `totals` and `endpoints`.
   */
  sides: { baseline: SideJson; candidate: SideJson } | null
  /** A run of rounds (rounds.json: `rounds`, a baseline host, a duet); null for one round. */
  rounds: RoundsJson | null
}

/** How a run of rounds was measured, and which rounds were judged. */
export interface RoundsJson {
  /** repeated (one target), interleaved (both targets in turn), duet (both at once). */
  design: RoundsDesign
  /** Rounds judged (a paired design: rounds with both sides complete). */
  judged: number
  /** Rounds listed but not judged, with why (incomplete after a cancel, unreadable, unpaired). */
  skipped: RoundSkipped[]
  warmupSeconds: number
  roundSeconds: number
  /** How the order of the sides in each round was chosen. */
  order: string
  hosts: { candidate: string; baseline: string | null }
}

/** One side of an A/B run. */
export interface SideJson {
  totals: EndpointJson | null
  endpoints: EndpointJson[]
}

/** One-sided bounds at `confidence`; high is null when the data cannot bound it. */
export interface IntervalJson {
  low: number | null
  high: number | null
}

export interface BaselineJson {
  source: string
  /** The run the baseline came from, when known. */
  runId: string | null
  runUrl: string | null
  /** Every compared figure, regressions first. */
  deltas: DeltaJson[]
  newEndpoints: string[]
  goneEndpoints: string[]
}

export interface DeltaJson {
  /** "Aggregated" or the endpoint, "GET /api/items". */
  endpoint: string
  metric: string
  family: MetricFamily
  baseline: number | null
  current: number | null
  /** current − baseline. */
  delta: number | null
  /** delta / baseline (0.3 = 30 % more); null when the baseline is 0 or unknown. */
  deltaRatio: number | null
  /** Bounds on current ÷ baseline; null when unknown. */
  ratioInterval: IntervalJson | null
  /** worse or better only beyond the noise; "same" is within it. */
  change: Change
}

export interface EndpointJson {
  method: string
  name: string
  requests: number
  failures: number
  failRatio: number | null
  rps: number | null
  failRps: number | null
  medianMs: number | null
  avgMs: number | null
  minMs: number | null
  maxMs: number | null
  avgContentSize: number | null
  /** Every percentile Locust wrote, keyed like threshold metrics: "p50", "p95", "p99.9". */
  percentiles: Record<string, number | null>
  /** The full distribution (rounded ms → requests), when the run kept it (histograms.json). */
  responseTimes?: Record<string, number>
  /**
   * Its disjoint 10 s windows from the raw stats-history rows (results/history.ts), which a run
   * judged against this one as its baseline reads for the spread over time.
   */
  windows?: readonly HistoryWindow[]
}

export interface ThresholdJson {
  /** The rule as written, and its 1-based line in the thresholds input (0 for the default). */
  rule: string
  line: number
  /** True for the fail_ratio < 1% guard applied because no rule checks failures. */
  default: boolean
  /** The endpoint the rule is about; null for the aggregate. */
  selector: string | null
  metric: string
  family: MetricFamily
  operator: ComparisonOperator
  /** The limit applied: fixed, or computed from the baseline; null when there was none. */
  limit: number | null
  /** A baseline rule's bound (limit = baseline × factor + offset); null for a fixed rule. */
  bound: { factor: number; offset: number } | null
  /** A baseline rule's baseline value; null when unknown or for a fixed rule. */
  baseline: number | null
  actual: number | null
  /** The bounds of `actual` at the confidence; null when not measured. */
  interval: IntervalJson | null
  /** A baseline rule's bounds on its baseline and on actual ÷ baseline; null otherwise. */
  baselineInterval: IntervalJson | null
  ratio: (IntervalJson & { value: number | null }) | null
  /** How many baseline runs a baseline rule was judged against; 0 otherwise (and for rounds). */
  baselineRuns: number
  /**
   * A run of rounds: how many rounds the rule was judged over (paired rounds for a baseline rule
   * of an interleaved or duet run; its intervals hold the spread between them); 0 otherwise.
   */
  rounds: number
  /** How the interval was made: histogram, csv-percentiles, binomial, poisson, exact. */
  method: string | null
  /** pass, fail, inconclusive (a baseline rule the data cannot decide), skipped, not_evaluated. */
  verdict: RuleVerdict
  /** Why the rule was not evaluated, which target broke it, or why it is inconclusive. */
  reason: string | null
}

export function toResultsJson(report: RunReport): ResultsJson {
  const results = report.results
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    verdict: report.verdict,
    passed: report.outcome.passed,
    partial: report.partial,
    cancelled: report.verdict === 'cancelled',
    error: report.error ?? null,
    unfitReasons: report.unfitReasons ?? [],
    baselineNotComparable: report.baselineNotComparable ?? null,
    facts: factsJson(report.facts),
    totals: results ? endpointJson(results.aggregate) : null,
    endpoints: results ? results.endpoints.map(endpointJson) : [],
    thresholds: report.evaluation.results.map(thresholdJson),
    failures: results?.failures ?? [],
    failuresNotKept: results?.failuresNotKept ?? null,
    exceptions: results?.exceptions ?? [],
    exceptionsNotKept: results?.exceptionsNotKept ?? null,
    history: {
      rowsRead: results?.historyRowsRead ?? 0,
      points: results ? resampleHistory(results.history, HISTORY_POINTS) : []
    },
    missingFiles: results?.missingFiles ?? [],
    baseline: report.comparison ? baselineJson(report.comparison) : null,
    baselineNote: report.baselineNote ?? null,
    baselineHistory: report.baselineHistory ?? [],
    acceptedAsBaseline: report.acceptedAsBaseline === true,
    confidence: report.evaluation.confidence,
    sides: report.rounds?.baselinePooled
      ? {
          baseline: sideJson(report.rounds.baselinePooled),
          candidate: sideJson(report.rounds.candidatePooled)
        }
      : null,
    rounds: report.rounds ? roundsJson(report.rounds) : null
  }
}

function sideJson(side: { aggregate: EndpointStats; endpoints: EndpointStats[] }): SideJson {
  return { totals: endpointJson(side.aggregate), endpoints: side.endpoints.map(endpointJson) }
}

function roundsJson(rounds: RoundsFigures): RoundsJson {
  return {
    design: rounds.design,
    judged: rounds.candidate.length,
    skipped: rounds.skipped,
    warmupSeconds: rounds.warmupSeconds,
    roundSeconds: rounds.roundSeconds,
    order: rounds.order,
    hosts: { candidate: rounds.hosts.candidate, baseline: rounds.hosts.baseline ?? null }
  }
}

function intervalJson(
  interval: { low: number; high: number | null } | undefined,
  family: MetricFamily
): IntervalJson | null {
  if (!interval) return null
  return { low: machineValue(interval.low, family), high: machineValue(interval.high, family) }
}

function baselineJson(comparison: Comparison): BaselineJson {
  return {
    source: comparison.baselineSource,
    runId: comparison.baselineRunId ?? null,
    runUrl: comparison.baselineRunUrl ?? null,
    deltas: comparison.rows.map((row) => {
      const family = metricFamily(row.metric)
      return {
        endpoint: row.label,
        metric: metricName(row.metric),
        family,
        baseline: machineValue(row.baseline, family),
        current: machineValue(row.current, family),
        delta: machineValue(row.delta, family),
        deltaRatio: machineValue(row.deltaRatio, 'ratio'),
        ratioInterval: intervalJson(row.ratioInterval, 'ratio'),
        change: row.change
      }
    }),
    newEndpoints: comparison.newEndpoints,
    goneEndpoints: comparison.goneEndpoints
  }
}

function endpointJson(stats: EndpointStats): EndpointJson {
  return {
    method: stats.method,
    name: stats.name,
    requests: stats.requests,
    failures: stats.failures,
    failRatio: machineValue(failRatio(stats), 'ratio'),
    rps: machineValue(stats.rps, 'rate'),
    failRps: machineValue(stats.failRps, 'rate'),
    medianMs: machineValue(stats.medianMs, 'time'),
    avgMs: machineValue(stats.avgMs, 'time'),
    minMs: machineValue(stats.minMs, 'time'),
    maxMs: machineValue(stats.maxMs, 'time'),
    avgContentSize: stats.avgContentSize,
    percentiles: Object.fromEntries(
      stats.percentiles.map((p) => [`p${p.quantile}`, machineValue(p.ms, 'time')])
    ),
    ...(stats.responseTimes ? { responseTimes: Object.fromEntries(stats.responseTimes) } : {}),
    ...(stats.windows ? { windows: stats.windows } : {})
  }
}

function thresholdJson(result: RuleResult): ThresholdJson {
  const { rule } = result
  const family = metricFamily(rule.metric)
  return {
    rule: rule.text,
    line: rule.line,
    default: rule.isDefault === true,
    selector: rule.selector ?? null,
    metric: metricName(rule.metric),
    family,
    operator: rule.operator,
    limit: machineValue(result.limit, family),
    bound: rule.baseline ?? null,
    baseline: machineValue(result.baselineValue, family),
    actual: machineValue(result.actual, family),
    interval: intervalJson(result.interval, family),
    baselineInterval: intervalJson(result.baselineInterval, family),
    ratio: result.ratio
      ? {
          value: machineValue(result.ratio.value, 'ratio'),
          ...intervalJson(result.ratio, 'ratio')!
        }
      : null,
    baselineRuns: result.baselineRuns ?? 0,
    rounds: result.rounds ?? 0,
    method: result.method ?? null,
    verdict: result.verdict,
    reason: result.reason ?? null
  }
}

function factsJson(facts: RunFacts): Omit<RunFacts, 'backendLabel'> {
  const json: Partial<RunFacts> = { ...facts }
  delete json.backendLabel
  return json as Omit<RunFacts, 'backendLabel'>
}
