import { mkdir, writeFile } from 'node:fs/promises'
import { backendFor } from './backend/registry.js'
import type { BackendOutcome } from './backend/types.js'
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

/**
 * One run, the same for the action and the CLI: the backend prepares (a PreflightError when the
 * run cannot go ahead; nothing is started then), runs (always ending in an outcome), and the
 * outcome is judged and written as a report.
 */
export async function executeRun(config: RunConfig, hooks: ExecuteHooks): Promise<ConcludedRun> {
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
  return concludeRun(config, outcome)
}

/**
 * Turns what a backend left behind into the verdict: reads Locust's CSVs, evaluates the
 * thresholds, and writes summary.md and results.json beside the CSVs. Whatever Locust wrote is
 * reported, also when the run failed or was cut short.
 */
export async function concludeRun(
  config: RunConfig,
  outcome: BackendOutcome
): Promise<ConcludedRun> {
  const { resultsDir } = config
  let results: LocustResults | undefined
  let readError: string | undefined
  try {
    results = await readLocustResults(resultsDir, { prefix: CSV_PREFIX })
  } catch (error) {
    readError = `No readable Locust results in ${resultsDir}: ${(error as Error).message}`
  }

  const evaluation = evaluateThresholds(config.thresholds, results)
  const error = outcome.error ?? readError
  const verdict: Verdict = error !== undefined ? 'error' : evaluation.passed ? 'passed' : 'failed'
  const report: RunReport = {
    verdict,
    facts: { ...plannedFacts(config), ...outcome.facts },
    results,
    evaluation,
    error,
    partial: outcome.partial
  }

  await mkdir(resultsDir, { recursive: true })
  const markdown = renderMarkdown(report)
  const paths = reportPaths(resultsDir)
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

function plannedFacts(config: RunConfig): RunFacts {
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
