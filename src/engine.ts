import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackendOutcome } from './backend/types.js'
import type { RunConfig } from './inputs/model.js'
import { renderMarkdown } from './report/markdown.js'
import { reportOutputs, toResultsJson } from './report/json.js'
import type { RunFacts, RunReport, Verdict } from './report/model.js'
import { readLocustResults } from './results/read.js'
import type { LocustResults } from './results/model.js'
import { evaluateThresholds } from './thresholds/evaluate.js'

export interface ConcludedRun {
  report: RunReport
  markdown: string
  summaryPath: string
  resultsJsonPath: string
  /** The action's outputs, by output name. */
  outputs: Record<string, string>
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
  let results: LocustResults | undefined
  let readError: string | undefined
  try {
    results = await readLocustResults(outcome.resultsDir, { prefix: outcome.csvPrefix })
  } catch (error) {
    readError = `No readable Locust results in ${outcome.resultsDir}: ${(error as Error).message}`
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

  await mkdir(outcome.resultsDir, { recursive: true })
  const markdown = renderMarkdown(report)
  const summaryPath = join(outcome.resultsDir, 'summary.md')
  const resultsJsonPath = join(outcome.resultsDir, 'results.json')
  await writeFile(summaryPath, markdown)
  await writeFile(resultsJsonPath, `${JSON.stringify(toResultsJson(report), null, 2)}\n`)

  const outputs = {
    ...reportOutputs(report),
    verdict: report.verdict,
    'results-dir': outcome.resultsDir,
    'summary-path': summaryPath,
    'results-json': resultsJsonPath
  }
  return { report, markdown, summaryPath, resultsJsonPath, outputs }
}

function plannedFacts(config: RunConfig): RunFacts {
  return {
    backend: config.backend,
    host: config.host,
    users: config.users,
    spawnRate: config.spawnRate,
    workers: config.workers,
    runTimeSeconds: config.runTimeSeconds
  }
}
