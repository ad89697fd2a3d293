/**
 * `progress.json`: the master's figures while the test runs, written by the control channel
 * (docker/distributed_locust/control.py) every few seconds beside the CSVs; on AWS uploaded to the
 * run's folder. Pure: the caller reads the file. The figures are those of the stats CSV so far
 * (every percentile Locust reports, rates over the test so far), so the one rule engine judges
 * them as it judges the CSVs after the run (src/thresholds/abort.ts). Format: docs/live.md.
 */
import type { EndpointStats } from '../results/model.js'
import type { AbortDecision } from '../thresholds/abort.js'
import type { RunFigures } from '../thresholds/estimates.js'
import type { Progress } from './progress.js'

export const PROGRESS_FILE = 'progress.json'
/** The abort command's place in the results folder (locally) or the run's folder (on AWS). */
export const ABORT_COMMAND_PATH = 'control/abort.json'
/** The local backend's stop command: the master quits as at its own run time (no abort). */
export const STOP_COMMAND_PATH = 'control/stop.json'

export interface LiveStats {
  /** Seconds since the test started (Locust's test_start); null before it has. */
  elapsedSeconds: number | null
  writtenAt: string
  /** Locust's runner state: "spawning", "running", "stopped"… */
  state: string
  users: number
  workersConnected: number
  /** Requests per second over Locust's last ten seconds or so (its "current" rate). */
  currentRps: number
  /** Why the run is being aborted, once the master has read the abort command. */
  abortRequested: string | null
  figures: RunFigures
}

export function parseLiveStats(text: string): LiveStats | { problem: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { problem: `${PROGRESS_FILE} is not valid JSON (${(error as Error).message})` }
  }
  if (!isObject(json) || json.version !== 1 || !Array.isArray(json.endpoints)) {
    return { problem: `${PROGRESS_FILE} is not version 1 with a list of endpoints` }
  }
  const endpoints: EndpointStats[] = []
  for (const entry of json.endpoints as unknown[]) {
    const stats = endpointOf(entry)
    if (stats === undefined) return { problem: `${PROGRESS_FILE} has an unreadable endpoint` }
    endpoints.push(stats.stats)
  }
  const aggregate = endpointOf(json.aggregate)
  if (aggregate === undefined) return { problem: `${PROGRESS_FILE} has no readable aggregate` }
  return {
    elapsedSeconds: finiteOr(json.elapsedSeconds, null),
    writtenAt: typeof json.writtenAt === 'string' ? json.writtenAt : '',
    state: typeof json.state === 'string' ? json.state : '',
    users: finiteOr(json.users, 0),
    workersConnected: finiteOr(json.workersConnected, 0),
    currentRps: aggregate.currentRps,
    abortRequested: typeof json.abortRequested === 'string' ? json.abortRequested : null,
    figures: { aggregate: aggregate.stats, endpoints }
  }
}

/** The abort command's content: control.py logs its reason and stops the test. */
export function abortCommandJson(decision: AbortDecision): string {
  const { rule, atSeconds, message } = decision
  return `${JSON.stringify({ version: 1, reason: message, rule, atSeconds })}\n`
}

/** The stop command's content: control.py logs the reason and quits Locust. */
export function stopCommandJson(reason: string): string {
  return `${JSON.stringify({ version: 1, reason })}\n`
}

/** The progress line's figures from the live stats. */
export function progressOf(live: LiveStats, totalSeconds: number): Progress {
  const { aggregate } = live.figures
  const p95 = aggregate.percentiles.find((percentile) => percentile.quantile === 95)?.ms
  return {
    elapsedSeconds: live.elapsedSeconds ?? 0,
    totalSeconds,
    users: live.users,
    workers: live.workersConnected,
    // Locust's recent rate leaves out its last seconds, so it reads 0 early on: the test's so far then.
    rps: live.currentRps > 0 ? live.currentRps : aggregate.rps,
    failures: aggregate.failures,
    failRatio: aggregate.requests > 0 ? aggregate.failures / aggregate.requests : 0,
    ...(p95 === null || p95 === undefined ? {} : { p95Ms: p95 })
  }
}

function endpointOf(entry: unknown): { stats: EndpointStats; currentRps: number } | undefined {
  if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.method !== 'string') {
    return undefined
  }
  const requests = entry.numRequests
  const failures = entry.numFailures
  if (!Number.isSafeInteger(requests) || !Number.isSafeInteger(failures)) return undefined
  if (!isObject(entry.percentiles)) return undefined
  const percentiles = Object.entries(entry.percentiles).map(([key, ms]) => ({
    label: `${key}%`,
    quantile: Number(key),
    ms: finiteOr(ms, null)
  }))
  if (percentiles.some((percentile) => !Number.isFinite(percentile.quantile))) return undefined
  return {
    stats: {
      method: entry.method,
      name: entry.name,
      requests: requests as number,
      failures: failures as number,
      medianMs: finiteOr(entry.medianMs, null),
      avgMs: finiteOr(entry.avgMs, null),
      minMs: finiteOr(entry.minMs, null),
      maxMs: finiteOr(entry.maxMs, null),
      avgContentSize: finiteOr(entry.avgContentLength, null),
      rps: finiteOr(entry.rps, 0),
      failRps: finiteOr(entry.failRps, 0),
      percentiles: percentiles.sort((a, b) => a.quantile - b.quantile)
    },
    currentRps: finiteOr(entry.currentRps, 0)
  }
}

function finiteOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
