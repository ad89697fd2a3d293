import { mkdir, writeFile } from 'node:fs/promises'
import { backendFor } from './backend/registry.js'
import type { BackendOutcome } from './backend/types.js'
import { compareWithBaseline } from './baseline/compare.js'
import type { BaselineLookup } from './baseline/model.js'
import { renderMarkdown } from './report/markdown.js'
import { reportOutputs, toResultsJson } from './report/json.js'
import type { RunReport, Verdict } from './report/model.js'
import { readLocustResults } from './results/read.js'
import type { LocustResults } from './results/model.js'
import type { RunConfig } from './run/config.js'
import type { RunFacts } from './run/facts.js'
import type { Progress } from './run/progress.js'
import { CSV_PREFIX, reportPaths } from './run/results-layout.js'
import { evaluateThresholds } from './thresholds/evaluate.js'
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
}

/** What the report adds to the run's own: the baseline lookup's result, the CI run's facts. */
export interface JudgingContext {
  /** Absent when no baseline was asked for. */
  baseline?: BaselineLookup
  /** Facts known outside the backend, e.g. the GitHub run id and page. */
  facts?: Partial<RunFacts>
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
  const backendHooks = {
    signal: hooks.signal,
    onProgress: hooks.onProgress,
    log: hooks.log,
    warn: hooks.warn,
    onStarted: (handle: unknown) => hooks.onStarted?.({ backend: backend.kind, handle })
  }
  const prepared = await backend.prepare(config, backendHooks)
  const outcome = await backend.run(prepared, backendHooks)
  hooks.onBackendDone?.(outcome)
  return concludeRun(config, outcome, context)
}

/** Judges a run as planned by `config`, from what its backend left in the results folder. */
export function concludeRun(
  config: RunConfig,
  outcome: BackendOutcome,
  context: JudgingContext = {}
): Promise<ConcludedRun> {
  return judgeResults(
    {
      thresholds: config.thresholds,
      facts: { ...plannedFacts(config), ...context.facts },
      baseline: context.baseline,
      resultsDir: config.resultsDir
    },
    outcome
  )
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
    results = await readLocustResults(resultsDir, { prefix: outcome.csvPrefix ?? CSV_PREFIX })
  } catch (error) {
    readError = `No readable Locust results in ${resultsDir}: ${(error as Error).message}`
  }

  const baseline =
    judgement.baseline && 'baseline' in judgement.baseline ? judgement.baseline.baseline : undefined
  const evaluation = evaluateThresholds(judgement.thresholds, results, baseline)
  const error = outcome.error ?? readError
  const verdict: Verdict = error !== undefined ? 'error' : evaluation.passed ? 'passed' : 'failed'
  const report: RunReport = {
    verdict,
    facts: { ...judgement.facts, ...outcome.facts },
    results,
    evaluation,
    error,
    partial: outcome.partial,
    ...(baseline && results ? { comparison: compareWithBaseline(results, baseline) } : {}),
    ...(judgement.baseline && 'note' in judgement.baseline
      ? { baselineNote: judgement.baseline.note }
      : {})
  }

  const reportDir = judgement.reportDir ?? resultsDir
  await mkdir(reportDir, { recursive: true })
  const markdown = renderMarkdown(report)
  const paths = reportPaths(reportDir)
  await writeFile(paths.summary, markdown)
  await writeFile(paths.resultsJson, `${JSON.stringify(toResultsJson(report), null, 2)}\n`)

  const outputs = {
    ...reportOutputs(report),
    verdict: report.verdict,
    'results-dir': resultsDir,
    'summary-path': paths.summary,
    'results-json': paths.resultsJson
  }
  return {
    report,
    markdown,
    summaryPath: paths.summary,
    resultsJsonPath: paths.resultsJson,
    outputs
  }
}

/** What is known of a run before it starts: the plan. */
export function plannedFacts(config: RunConfig): RunFacts {
  return {
    backend: config.backend.kind,
    backendLabel: backendFor(config.backend.kind).label,
    host: config.host,
    users: config.users,
    spawnRate: config.spawnRate,
    workers: config.workers,
    runTimeSeconds: config.runTimeSeconds
  }
}
