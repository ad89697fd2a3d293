/**
 * Whether a run is fit to judge (docs/outcomes.md, `invalid`), and whether a baseline was measured
 * under the same conditions. Pure: the engine hands in the facts, the results and Locust's logs.
 */
import { formatSeconds } from '../report/format.js'
import type { LocustResults } from '../results/model.js'
import type { Evaluation, RuleResult } from '../thresholds/model.js'
import type { RunFacts } from './facts.js'

/** A log the results folder holds, e.g. { name: 'master.log', text }. */
export interface LogText {
  name: string
  text: string
}

/** What Locust's logs say about the run, beyond what the backend counted. */
export interface LogSignals {
  /** The processes whose CPU Locust found above its threshold (90 %): "the master", "worker 2"… */
  cpuWarnings: string[]
  /** For a LoadTestShape: the most users the shape asked for (its own peak). */
  shapePeakUsers?: number
  /** A LoadTestShape ran; it ends the test itself, so an end before `run-time` is its own. */
  loadShape: boolean
  /** Workers whose heartbeats the master missed (it set them missing and took their users). */
  workersMissed: number
}

// Locust 2.12 to 2.4x word these alike: the process's own warning, and the master's about a worker.
const OWN_CPU_WARNING = /CPU usage above \d+%/i
const WORKER_CPU_WARNING = /Worker (\S+) (?:\(index (\d+)\) )?exceeded cpu threshold/i
const WORKERS_CPU_SUMMARY = /CPU usage threshold was exceeded on workers/i
const SHAPE_STARTED = /Shape test starting/
const SHAPE_TARGET = /Shape test updating to (\d+) users/g
const HEARTBEAT_MISSED = /Worker (\S+) failed to send heartbeat, setting state to missing/g

/**
 * Reads the CPU warnings and the load shape's own peak from Locust's logs: master.log (both the
 * local backend and the AWS container keep the master's log in the results folder, and the master
 * names each worker that reported a CPU above 90 %) and worker-N.log (local backend only).
 */
export function logSignals(logs: readonly LogText[]): LogSignals {
  const master = logs.find((log) => log.name === 'master.log')?.text ?? ''
  const fromMaster = master.split('\n').flatMap((line) => {
    const worker = WORKER_CPU_WARNING.exec(line)
    if (worker) return [worker[2] === undefined ? `worker ${worker[1]}` : `worker ${worker[2]}`]
    return OWN_CPU_WARNING.test(line) ? ['the master'] : []
  })
  // Worker logs only where the master named no worker (it names each one once it warned).
  const fromWorkers = fromMaster.some((name) => name !== 'the master')
    ? []
    : logs
        .filter((log) => log.name !== 'master.log' && OWN_CPU_WARNING.test(log.text))
        .map((log) => log.name.replace(/\.log$/, '').replace('-', ' '))
  const cpuWarnings = [...new Set([...fromMaster, ...fromWorkers])]
  if (cpuWarnings.length === 0 && WORKERS_CPU_SUMMARY.test(master)) cpuWarnings.push('a worker')
  const targets = [...master.matchAll(SHAPE_TARGET)].map((match) => Number(match[1]))
  return {
    cpuWarnings,
    loadShape: SHAPE_STARTED.test(master),
    workersMissed: new Set([...master.matchAll(HEARTBEAT_MISSED)].map((match) => match[1])).size,
    ...(targets.length === 0 ? {} : { shapePeakUsers: Math.max(...targets) })
  }
}

/** A run shorter than its run time by more than this share (and EARLY_STOP_MIN_SECONDS) ended early. */
const EARLY_STOP_SHARE = 0.1
const EARLY_STOP_MIN_SECONDS = 3

/**
 * Why a completed run is unfit to judge, most telling first; empty when it is fit. Figures of the
 * plan that are 0 are unknown (a folder of CSVs judged on its own) and are not checked. A run that
 * errored or was cancelled has its own verdict and is not checked here.
 */
export function unfitReasons(evidence: {
  facts: RunFacts
  results?: LocustResults
  signals: LogSignals
  /** A run of rounds: its users stop between rounds, and the last round ends inside the run time. */
  rounds?: boolean
}): string[] {
  const { facts, results, signals } = evidence
  const reasons: string[] = []
  if (signals.cpuWarnings.length > 0) {
    reasons.push(
      `Locust warned that the CPU of ${joinWords(signals.cpuWarnings)} was above 90 %: the load generator itself was saturated, so the response times it measured are not the system's. Use more workers or fewer users per worker.`
    )
  }
  const connected = facts.workersConnected
  const needed = facts.minWorkers ?? facts.workers
  if (facts.workers > 0 && connected !== undefined && connected < needed) {
    const least = needed < facts.workers ? ` (min-workers ${needed})` : ''
    reasons.push(
      `Only ${connected} of the ${facts.workers} workers asked for connected${least}: the load was not the one planned.`
    )
  }
  // A worker that went missing and was replaced (a restarted or new task joins) is not lost.
  const lost = Math.max(0, (facts.workersLost ?? 0) - workersReplaced(facts))
  if (lost > 0) {
    reasons.push(
      `${lost} ${lost === 1 ? 'worker was' : 'workers were'} lost during the run (no heartbeat) and not replaced: the load was not the one planned.`
    )
  }
  const requested = signals.loadShape ? signals.shapePeakUsers : facts.users
  // Requests were made, so users ran: a history that never shows any was not written while the
  // load ran (Locust flushes it every 10 s, so a short run may have only its first and last rows).
  const reached = results?.historySpan?.peakUsers || undefined
  if (requested !== undefined && requested > 0 && reached !== undefined && reached < requested) {
    const asked = signals.loadShape ? 'the load shape asked for at its peak' : 'requested'
    reasons.push(
      `Users never reached the count ${asked}: at most ${reached} of ${requested}. Give the ramp-up time (a higher spawn rate or a longer run time), or check that the workers keep up.`
    )
  }
  const duration = facts.durationSeconds ?? historySeconds(results)
  const planned = facts.runTimeSeconds
  const margin = Math.max(EARLY_STOP_MIN_SECONDS, planned * EARLY_STOP_SHARE)
  const early = (seconds: number | undefined): seconds is number =>
    !signals.loadShape && planned > 0 && seconds !== undefined && seconds < planned - margin
  // Users that stop themselves (StopUser) leave the test running without load, as the user meant:
  // only users taken by a master that missed its workers' heartbeats are a load that failed. And
  // only against a planned run time: one measured from the history itself (a folder judged on its
  // own) has no plan to fall short of.
  const planKnown = facts.runTimeResolutionSeconds === undefined && evidence.rounds !== true
  const loaded = planKnown && signals.workersMissed > 0 ? loadSeconds(results) : undefined
  if (early(duration)) {
    reasons.push(
      `The test stopped after ${Math.round(duration)} s of its ${planned} s run time, for no stated reason: its figures do not cover the run that was planned.`
    )
  } else if (early(loaded)) {
    reasons.push(
      `The users stopped after ${Math.round(loaded)} s of the ${planned} s run time and did not come back: the master missed the heartbeats of ${signals.workersMissed} ${signals.workersMissed === 1 ? 'worker' : 'workers'} (master.log), so its figures do not cover the load that was planned. Give the workers more CPU or fewer users each.`
    )
  }
  return reasons
}

/** Workers started in place of lost ones: counted by the backend, else joins beyond those asked. */
export function workersReplaced(facts: RunFacts): number {
  return facts.workersReplaced ?? Math.max(0, (facts.workersJoined ?? 0) - facts.workers)
}

/** From the first history row to the row where the users had stopped for good, when they had. */
function loadSeconds(results: LocustResults | undefined): number | undefined {
  const span = results?.historySpan
  return span?.usersStoppedAt === undefined ? undefined : span.usersStoppedAt - span.first.timestamp
}

function historySeconds(results: LocustResults | undefined): number | undefined {
  const span = results?.historySpan
  return span ? span.lastTimestamp - span.first.timestamp : undefined
}

/** The conditions a run was measured under that a comparison with it depends on. */
export type RunConditions = Pick<
  RunFacts,
  'users' | 'spawnRate' | 'runTimeSeconds' | 'workers' | 'locustVersion'
> &
  Pick<Partial<RunFacts>, 'runTimeResolutionSeconds'>

const CONDITIONS: {
  key: Exclude<keyof RunConditions, 'runTimeResolutionSeconds'>
  name: string
  shown?: (value: number | string) => string
  /** How far the two values may differ and still agree; exact when absent. */
  tolerance?: (now: RunConditions, baseline: Partial<RunConditions>) => number
}[] = [
  { key: 'users', name: 'users' },
  { key: 'spawnRate', name: 'spawn rate' },
  // "run time 22s now, 1m10s in the baseline", not "run time (s) 22 now, 70 …".
  {
    key: 'runTimeSeconds',
    name: 'run time',
    shown: (value) => formatSeconds(Number(value)),
    // A run time measured from Locust's history (either side) is known to its resolution.
    tolerance: (now, baseline) =>
      Math.max(now.runTimeResolutionSeconds ?? 0, baseline.runTimeResolutionSeconds ?? 0)
  },
  { key: 'workers', name: 'workers' },
  { key: 'locustVersion', name: 'Locust version' }
]

/**
 * How the baseline's conditions differ from this run's, e.g. "users 20 now, 10 in the baseline";
 * empty when they agree. A condition unknown on either side (absent, or 0) is not compared. A run
 * time measured from Locust's history (either side) agrees within its resolution: 17 s and 18 s
 * spans of two 15-second runs are the same run time.
 */
export function conditionChanges(now: RunConditions, baseline: Partial<RunConditions>): string[] {
  return CONDITIONS.flatMap(({ key, name, shown = String, tolerance }) => {
    const current = now[key]
    const before = baseline[key]
    if (current === undefined || before === undefined || current === 0 || before === 0) return []
    const agree =
      tolerance === undefined
        ? current === before
        : Math.abs(Number(current) - Number(before)) <= tolerance(now, baseline)
    return agree ? [] : [`${name} ${shown(current)} now, ${shown(before)} in the baseline`]
  })
}

/**
 * The evaluation with every decided baseline rule made inconclusive for `reason` (a baseline
 * measured under other conditions cannot decide them); fixed rules and skipped ones keep theirs.
 */
export function withBaselineUndecided(evaluation: Evaluation, reason: string): Evaluation {
  const results = evaluation.results.map((result) =>
    result.rule.baseline !== undefined && (result.verdict === 'pass' || result.verdict === 'fail')
      ? { ...result, verdict: 'inconclusive' as const, reason }
      : result
  )
  const passed = results.every(
    (result) => result.verdict !== 'fail' && result.verdict !== 'not_evaluated'
  )
  return { ...evaluation, passed, inconclusive: results.some(isInconclusive), results }
}

function isInconclusive(result: RuleResult): boolean {
  return result.verdict === 'inconclusive'
}

function joinWords(words: string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
