/**
 * Reads a baseline from the text of a previous run's results.json. Pure: the caller reads the
 * file, the S3 object or the artifact.
 */
import {
  endpointLabel,
  type EndpointStats,
  type HistoryWindow,
  type PercentileValue
} from '../results/model.js'
import type { RunConditions } from '../run/validity.js'
import { type Baseline, BaselineError } from './model.js'

/**
 * The results.json schema versions this code reads: 1 (the baselines stored before intervals) and
 * 2; both keep the figures a baseline needs in the same fields.
 */
const READABLE_SCHEMA_VERSIONS = [1, 2]

export function parseBaseline(text: string, source: string): Baseline {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new BaselineError(
      `The baseline ${source} is not valid JSON (${(error as Error).message}); give the results.json a previous run wrote.`
    )
  }
  if (!isObject(json) || !READABLE_SCHEMA_VERSIONS.includes(json.schemaVersion as number)) {
    throw new BaselineError(
      `The baseline ${source} is not a results.json this version reads (schemaVersion ${READABLE_SCHEMA_VERSIONS.join(', ')}); give the results.json a previous run wrote.`
    )
  }
  if (!isObject(json.totals)) {
    throw new BaselineError(
      `The baseline ${source} holds no figures: that run wrote no readable Locust results.`
    )
  }
  const endpoints = Array.isArray(json.endpoints) ? json.endpoints : []
  const facts = isObject(json.facts) ? json.facts : {}
  const runId = typeof facts.runId === 'string' ? facts.runId : undefined
  const runUrl = typeof facts.runUrl === 'string' ? facts.runUrl : undefined
  try {
    return {
      source,
      ...(runId === undefined ? {} : { runId }),
      ...(runUrl === undefined ? {} : { runUrl }),
      ...(typeof json.verdict === 'string' ? { verdict: json.verdict } : {}),
      ...(json.acceptedAsBaseline === true ? { accepted: true } : {}),
      conditions: conditionsOf(facts),
      aggregate: endpointStats(json.totals),
      endpoints: endpoints.map((endpoint: unknown) => endpointStats(endpoint))
    }
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error
    throw new BaselineError(`The baseline ${source} is damaged: ${error.message}.`)
  }
}

/** An endpoint of results.json back in the results model, so rules measure both the same way. */
function endpointStats(json: unknown): EndpointStats {
  if (!isObject(json) || typeof json.name !== 'string' || typeof json.method !== 'string') {
    throw new BaselineError('an endpoint lacks its method or name')
  }
  const label = endpointLabel({ method: json.method, name: json.name })
  const count = (field: string): number => {
    const value = json[field]
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BaselineError(`${label} has no number for ${field}`)
    }
    return value
  }
  const optional = (field: string): number | null => {
    const value = json[field]
    return typeof value === 'number' && Number.isFinite(value) ? value : null
  }
  const percentiles: PercentileValue[] = Object.entries(
    isObject(json.percentiles) ? json.percentiles : {}
  ).flatMap(([key, ms]) => {
    const quantile = /^p(\d+(?:\.\d+)?)$/.exec(key)?.[1]
    if (quantile === undefined) return []
    return [
      { label: `${quantile}%`, quantile: Number(quantile), ms: typeof ms === 'number' ? ms : null }
    ]
  })
  return {
    method: json.method,
    name: json.name,
    requests: count('requests'),
    failures: count('failures'),
    medianMs: optional('medianMs'),
    avgMs: optional('avgMs'),
    minMs: optional('minMs'),
    maxMs: optional('maxMs'),
    avgContentSize: optional('avgContentSize'),
    rps: optional('rps') ?? 0,
    failRps: optional('failRps') ?? 0,
    percentiles,
    ...responseTimes(json.responseTimes),
    ...historyWindows(json.windows)
  }
}

/** Version 2 keeps an endpoint's full histogram (when the run had one): ms → requests. */
function responseTimes(json: unknown): Pick<EndpointStats, 'responseTimes'> {
  if (!isObject(json)) return {}
  const pairs = Object.entries(json).flatMap(([ms, count]) =>
    typeof count === 'number' && Number.isFinite(Number(ms)) ? [[Number(ms), count] as const] : []
  )
  return pairs.length === 0 ? {} : { responseTimes: pairs.sort((a, b) => a[0] - b[0]) }
}

/** An endpoint's disjoint windows, for the spread over time inside the baseline run. */
function historyWindows(json: unknown): Pick<EndpointStats, 'windows'> {
  if (!Array.isArray(json)) return {}
  const windows = (json as unknown[]).flatMap((window): HistoryWindow[] => {
    if (!isObject(window) || typeof window.timestamp !== 'number') return []
    const time = (field: string): number | null =>
      typeof window[field] === 'number' ? window[field] : null
    return [
      {
        timestamp: window.timestamp,
        rps: typeof window.rps === 'number' ? window.rps : 0,
        p50Ms: time('p50Ms'),
        p95Ms: time('p95Ms'),
        p99Ms: time('p99Ms')
      }
    ]
  })
  return windows.length === 0 ? {} : { windows }
}

/** The facts a comparison depends on, those of the right type. */
function conditionsOf(facts: Record<string, unknown>): Partial<RunConditions> {
  const conditions: Partial<RunConditions> = {}
  for (const key of [
    'users',
    'spawnRate',
    'runTimeSeconds',
    'runTimeResolutionSeconds',
    'workers'
  ] as const) {
    const value = facts[key]
    if (typeof value === 'number' && Number.isFinite(value)) conditions[key] = value
  }
  if (typeof facts.locustVersion === 'string') conditions.locustVersion = facts.locustVersion
  return conditions
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
