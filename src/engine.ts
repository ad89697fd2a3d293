import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { backendFor } from './backend/registry.js'
import type { BackendOutcome } from './backend/types.js'
import { compareWithBaseline } from './baseline/compare.js'
import { mayBeAccepted } from './baseline/history.js'
import type { Baseline, BaselineLookup } from './baseline/model.js'
import { renderMarkdown } from './report/markdown.js'
import { toResultsJson } from './report/json.js'
import { actionOutputs } from './report/outputs.js'
import type { BaselineHistoryEntry, RunReport } from './report/model.js'
import {
  DEFAULT_POLICY,
  policyOf,
  stepOutcome,
  verdictOf,
  type OutcomePolicy,
  type Verdict
} from './report/outcome.js'
import { readLocustResults, refuseEarlierResults } from './results/read.js'
import { readRounds } from './results/rounds.js'
import type { LocustResults } from './results/model.js'
import type { RunConfig } from './run/config.js'
import type { RunFacts } from './run/facts.js'
import { hostSecrets, redactHost, scrubSecrets } from './run/host.js'
import type { Progress } from './run/progress.js'
import { CSV_PREFIX, reportPaths } from './run/results-layout.js'
import {
  conditionChanges,
  logSignals,
  unfitReasons,
  withBaselineUndecided,
  type LogText
} from './run/validity.js'
import { writeFileAtomically } from './run/write-file.js'
import { withAbort } from './thresholds/abort.js'
import { evaluateThresholds } from './thresholds/evaluate.js'
import { roundsFigures, type RoundsFigures } from './thresholds/round-figures.js'
import type { Evaluation } from './thresholds/model.js'
import type { ThresholdRule } from './thresholds/model.js'

export interface ConcludedRun {
  report: RunReport
  markdown: string
  summaryPath: string
  resultsJsonPath: string
  /** The action's outputs, by output name. */
  outputs: Record<string, string>
}

/** Something a backend started, as the post step (or a crash handler) needs it to stop it. */
export interface StartedResource {
  backend: string
  handle: unknown
}

export interface ExecuteHooks {
  /** Aborted on cancellation (SIGINT/SIGTERM, workflow cancel): the backend stops what it started. */
  signal?: AbortSignal
  onProgress?: (progress: Progress) => void
  log?: (line: string) => void
  warn?: (line: string) => void
  /** Called as soon as the backend starts something, so that it can be cleaned up after a crash. */
  onStarted?: (resource: StartedResource) => void
  /** Called once the backend is done (everything it started is stopped), before the report. */
  onBackendDone?: (outcome: BackendOutcome) => void
  /**
   * Resolves when the run must stop at once (a second SIGINT/SIGTERM): the backend gets
   * FORCED_STOP_GRACE_MS to finish stopping, then what it started is cleaned up, and the run is
   * still reported from whatever Locust wrote.
   */
  forceStop?: Promise<void>
}

/** After a forced stop: how long the backend may still take to stop Locust on its own. */
export const FORCED_STOP_GRACE_MS = 3_000

/** What the report adds to the run's own: the baseline lookup's result, the CI run's facts. */
export interface JudgingContext {
  /** Absent when no baseline was asked for. */
  baseline?: BaselineLookup
  /** Facts known outside the backend, e.g. the GitHub run id and page. */
  facts?: Partial<RunFacts>
  /** When Locust was started: results files older than that are an earlier run's, never judged. */
  startedAt?: Date
  /** The run was stopped by SIGINT/SIGTERM (or a cancelled workflow): headed "cancelled". */
  cancelled?: boolean
  /** `accept-baseline`: the run becomes the new baseline unless it is unfit or did not run. */
  acceptAsBaseline?: boolean
}

/**
 * One run, the same for the action and the CLI: the backend prepares (a PreflightError when the
 * run cannot go ahead; nothing is started then), runs (always ending in an outcome), and the
 * outcome is judged and written as a report.
 */
export async function executeRun(
  config: RunConfig,
  hooks: ExecuteHooks,
  context: JudgingContext = {}
): Promise<ConcludedRun> {
  const backend = backendFor(config.backend.kind)
  // A run that starts Locust must not find an earlier run's results where it writes its own.
  if (backend.runsLocustfile) await refuseEarlierResults(config.resultsDir)
  const handles: unknown[] = []
  const backendHooks = {
    signal: hooks.signal,
    onProgress: hooks.onProgress,
    log: hooks.log,
    warn: hooks.warn,
    onStarted: (handle: unknown) => {
      handles.push(handle)
      hooks.onStarted?.({ backend: backend.kind, handle })
    }
  }
  const prepared = await backend.prepare(config, backendHooks)
  const startedAt = backend.runsLocustfile ? new Date() : undefined
  const run = backend.run(prepared, backendHooks)
  const forced = hooks.forceStop?.then(() =>
    Promise.race([run, sleep(FORCED_STOP_GRACE_MS, undefined, { ref: false })])
  )
  let outcome = await Promise.race(forced ? [run, forced] : [run])
  if (outcome === undefined) {
    await backend.cleanup(handles, hooks.log ?? (() => {}))
    outcome = {
      error:
        'The run was interrupted twice, so Locust was stopped at once; the results cover only ' +
        'what it had written by then.',
      partial: true,
      facts: { endedAt: new Date().toISOString() }
    }
  }
  outcome = withoutSecrets(outcome, config)
  hooks.onBackendDone?.(outcome)
  return judgeRun(config, outcome, {
    ...context,
    startedAt,
    cancelled: hooks.signal?.aborted === true
  })
}

/**
 * Judges a run as planned by `config`, from what its backend left in the results folder. The
 * outcome and the folder's files lose the host's credentials first (they are published as an
 * artifact).
 */
export async function concludeRun(
  config: RunConfig,
  outcome: BackendOutcome,
  context: JudgingContext = {}
): Promise<ConcludedRun> {
  return judgeRun(config, withoutSecrets(outcome, config), context)
}

/** concludeRun for an outcome that has lost the host's credentials already. */
async function judgeRun(
  config: RunConfig,
  outcome: BackendOutcome,
  context: JudgingContext
): Promise<ConcludedRun> {
  const { resultsDir } = config
  // It existed when the run started (inputs create it): gone now, everything in it is lost.
  const deleted = await stat(resultsDir).then(
    () => undefined,
    () =>
      `The results folder ${resultsDir} was deleted while the test ran, so Locust's CSVs, report and logs are lost; make sure no other step or program removes \`results-dir\` during the run.`
  )
  await scrubFolder(resultsDir, runSecrets(config))
  return judgeResults(
    {
      thresholds: config.thresholds,
      facts: { ...plannedFacts(config), ...context.facts },
      baseline: context.baseline,
      resultsDir,
      notBefore: context.startedAt,
      cancelled: context.cancelled,
      acceptAsBaseline: context.acceptAsBaseline,
      confidence: config.confidence,
      policy: policyOf(config)
    },
    deleted === undefined ? outcome : { ...outcome, error: deleted, partial: false }
  )
}

/** The rounds of a run with rounds.json (issue 19), or why they cannot be judged. */
async function roundsOf(
  resultsDir: string
): Promise<{ rounds?: RoundsFigures; roundsNote?: string }> {
  const read = await readRounds(resultsDir)
  if (read === undefined) return {}
  if ('problem' in read) {
    return { roundsNote: `${read.problem}; the run is judged as one round.` }
  }
  const rounds = roundsFigures(read)
  if (rounds === null) {
    return { roundsNote: 'No round in rounds.json is complete; the run is judged as one round.' }
  }
  return { rounds }
}

/** The baseline side of a paired run as the baseline its rules and comparison read. */
function sideAsBaseline(rounds: RoundsFigures): Baseline {
  return {
    source: `the baseline side of this run (${rounds.hosts.baseline ?? 'baseline host'})`,
    aggregate: rounds.baselinePooled!.aggregate,
    endpoints: rounds.baselinePooled!.endpoints
  }
}

/** What a folder of Locust CSVs is judged by, and where the report goes. */
export interface Judgement {
  thresholds: ThresholdRule[]
  facts: RunFacts
  /** Absent when no baseline was asked for. */
  baseline?: BaselineLookup
  /** The folder holding the CSVs. */
  resultsDir: string
  /** Folder for summary.md and results.json; default: the results folder. */
  reportDir?: string
  /** When Locust was started: results files older than that are an earlier run's, never judged. */
  notBefore?: Date
  /** The run was stopped by SIGINT/SIGTERM (or a cancelled workflow). */
  cancelled?: boolean
  /** The run becomes the new baseline unless it is unfit or did not run (results.json says so). */
  acceptAsBaseline?: boolean
  /** What the verdict means for the step (docs/outcomes.md); default DEFAULT_POLICY. */
  policy?: OutcomePolicy
  /** One-sided confidence of baseline rules' verdicts; default 0.95 (docs/thresholds.md). */
  confidence?: number
}

/**
 * Turns Locust's CSVs (left by a backend, or written elsewhere) into the verdict: reads them,
 * evaluates the thresholds against them and the baseline, and writes summary.md and results.json.
 * Whatever Locust wrote is reported, also when the run failed or was cut short.
 */
export async function judgeResults(
  judgement: Judgement,
  outcome: BackendOutcome
): Promise<ConcludedRun> {
  const { resultsDir } = judgement
  let results: LocustResults | undefined
  let readError: string | undefined
  try {
    results = await readLocustResults(resultsDir, {
      prefix: outcome.csvPrefix ?? CSV_PREFIX,
      notBefore: judgement.notBefore
    })
  } catch (error) {
    readError = `No readable Locust results in ${resultsDir}: ${(error as Error).message}`
  }

  const { rounds, roundsNote } = await roundsOf(resultsDir)
  // A run of rounds is judged on its candidate side pooled over the rounds.
  if (rounds && results) {
    const { aggregate, endpoints } = rounds.candidatePooled
    results = { ...results, aggregate, endpoints }
  }
  // A paired run (interleaved, duet) measured its baseline itself: no stored one is needed.
  const found = rounds?.baselinePooled
    ? { baseline: sideAsBaseline(rounds) }
    : judgement.baseline && 'baseline' in judgement.baseline
      ? judgement.baseline
      : undefined
  const baseline = found?.baseline
  const history = found?.history ?? (baseline ? [baseline] : [])
  const signals = logSignals(await readLocustLogs(resultsDir))
  const facts: RunFacts = {
    ...judgement.facts,
    ...outcome.facts,
    ...(signals.cpuWarnings.length > 0 ? { cpuWarnings: signals.cpuWarnings } : {})
  }
  const error = outcome.error ?? readError
  const cancelled = judgement.cancelled === true
  // An error, a cancel or an abort has its own verdict: only a run that went to its end is checked.
  const unfit =
    cancelled || error !== undefined || facts.aborted !== undefined
      ? []
      : unfitReasons({ facts, results, signals, rounds: rounds !== undefined })
  const changes = baseline ? conditionChanges(facts, baseline.conditions ?? {}) : []
  const notComparable =
    changes.length === 0
      ? undefined
      : `The baseline was measured under other conditions (${changes.join('; ')}), so it cannot decide its rules.`
  // Judged against the whole history, so that the spread between its runs is part of every
  // interval; runs measured under other conditions than this one are left out of it. When the
  // newest is one of them, its rules are undecided whatever the figures say.
  const judged = comparableRuns(history, facts, notComparable !== undefined)
  let evaluation: Evaluation = evaluateThresholds(judgement.thresholds, results, judged ?? [], {
    confidence: judgement.confidence,
    ...(rounds ? { rounds } : {})
  })
  if (notComparable !== undefined) evaluation = withBaselineUndecided(evaluation, notComparable)
  if (facts.aborted !== undefined) evaluation = withAbort(evaluation, facts.aborted)
  const verdict: Verdict = verdictOf({
    cancelled,
    error: error !== undefined,
    aborted: facts.aborted !== undefined,
    invalid: unfit.length > 0,
    anyRuleFailed: !evaluation.passed,
    anyRuleInconclusive: evaluation.inconclusive
  })
  const report: RunReport = {
    verdict,
    outcome: stepOutcome(verdict, judgement.policy ?? DEFAULT_POLICY),
    facts,
    results,
    evaluation,
    error,
    unfitReasons: unfit,
    ...(notComparable === undefined ? {} : { baselineNotComparable: notComparable }),
    partial: outcome.partial,
    ...(judgement.acceptAsBaseline === true && mayBeAccepted(verdict)
      ? { acceptedAsBaseline: true }
      : {}),
    ...(history.length > 0 ? { baselineHistory: history.map(historyEntry) } : {}),
    ...(judged && results
      ? { comparison: compareWithBaseline(results, judged, evaluation.confidence, rounds) }
      : {}),
    ...(judgement.baseline && 'note' in judgement.baseline && !rounds?.baselinePooled
      ? { baselineNote: judgement.baseline.note }
      : {}),
    ...(rounds ? { rounds } : {}),
    ...(roundsNote === undefined ? {} : { roundsNote })
  }

  const reportDir = judgement.reportDir ?? resultsDir
  await mkdir(reportDir, { recursive: true })
  const markdown = renderMarkdown(report)
  const paths = reportPaths(reportDir)
  await writeFileAtomically(paths.summary, markdown)
  await writeFileAtomically(
    paths.resultsJson,
    `${JSON.stringify(toResultsJson(report), null, 2)}\n`
  )

  return {
    report,
    markdown,
    summaryPath: paths.summary,
    resultsJsonPath: paths.resultsJson,
    outputs: actionOutputs(report, {
      resultsDir,
      summaryPath: paths.summary,
      resultsJsonPath: paths.resultsJson
    })
  }
}

/** The runs to judge against, newest first; undefined without a baseline. */
function comparableRuns(
  history: Baseline[],
  facts: RunFacts,
  newestNotComparable: boolean
): [Baseline, ...Baseline[]] | undefined {
  const [newest, ...rest] = history
  if (newest === undefined) return undefined
  if (newestNotComparable) return [newest, ...rest]
  return [
    newest,
    ...rest.filter((run) => conditionChanges(facts, run.conditions ?? {}).length === 0)
  ]
}

/** What is known of a run before it starts: the plan. */
export function plannedFacts(config: RunConfig): RunFacts {
  const backend = backendFor(config.backend.kind)
  return {
    backend: backend.kind,
    backendLabel: backend.label,
    ...(backend.runsLocustfile ? {} : { locustRanElsewhere: true }),
    host: config.host === undefined ? undefined : redactHost(config.host),
    users: config.users,
    spawnRate: config.spawnRate,
    workers: config.workers,
    runTimeSeconds: config.runTimeSeconds
  }
}

function historyEntry(baseline: Baseline): BaselineHistoryEntry {
  return {
    source: baseline.source,
    ...(baseline.runId === undefined ? {} : { runId: baseline.runId }),
    ...(baseline.runUrl === undefined ? {} : { runUrl: baseline.runUrl })
  }
}

/** Locust's logs in the results folder (master.log, worker-N.log), whichever backend wrote them. */
async function readLocustLogs(folder: string): Promise<LogText[]> {
  const names = await readdir(folder).catch(() => [])
  const logs = names.filter((name) => name === 'master.log' || /^worker-\d+\.log$/.test(name))
  return Promise.all(
    logs.map(async (name) => ({ name, text: await readFile(join(folder, name), 'utf8') }))
  )
}

/** The credentials in the run's URLs: the host's and the baseline host's (rounds). */
function runSecrets(config: RunConfig): string[] {
  return [...hostSecrets(config.host), ...hostSecrets(config.rounds?.baselineHost)]
}

/** The outcome with the host's credentials taken out of its error text. */
function withoutSecrets(outcome: BackendOutcome, config: RunConfig): BackendOutcome {
  if (outcome.error === undefined) return outcome
  return { ...outcome, error: scrubSecrets(outcome.error, runSecrets(config)) }
}

/**
 * Locust writes the host into report.html and may quote it in logs and CSVs: the results folder
 * is published as an artifact, so its files lose the host's credentials too.
 */
async function scrubFolder(folder: string, secrets: readonly string[]): Promise<void> {
  if (secrets.length === 0) return
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const text = await readFile(path, 'utf8')
    const scrubbed = scrubSecrets(text, secrets)
    if (scrubbed !== text) await writeFile(path, scrubbed)
  }
}
