/**
 * What a report says, whatever draws it: the verdict's words, the headline figures and the run
 * facts. Markdown and terminal renderings differ only in how they escape and emphasise.
 */
import type { EndpointStats } from '../results/model.js'
import type { RuleResult } from '../thresholds/model.js'
import { failRatio, percentileMs } from './figures.js'
import { formatCount, formatSeconds, formatValue } from './format.js'
import type { RunReport, Verdict } from './model.js'

export const VERDICT_TITLES: Record<Verdict, string> = {
  passed: 'Load test passed',
  failed: 'Load test failed its thresholds',
  error: 'Load test could not run'
}

export const PARTIAL_NOTE = 'the run did not complete, so the figures cover only part of it.'
export const NO_RESULTS_NOTE = 'Locust wrote no readable results.'

export function thresholdsSentence(results: RuleResult[]): string {
  const skipped = results.filter((result) => result.verdict === 'skipped').length
  const judged = results.length - skipped
  const failed = results.filter((result) => result.verdict === 'fail').length
  const skippedNote =
    skipped === 0
      ? ''
      : ` ${formatCount(skipped)} baseline ${skipped === 1 ? 'rule was' : 'rules were'} skipped (no baseline to compare).`
  if (results.length === 0) return 'No thresholds were set.'
  if (judged === 0) return skippedNote.trim()
  if (judged === 1) {
    return (failed === 0 ? 'The threshold held.' : 'The threshold failed.') + skippedNote
  }
  if (failed === 0) return `All ${formatCount(judged)} thresholds held.${skippedNote}`
  return `${formatCount(failed)} of ${formatCount(judged)} thresholds failed.${skippedNote}`
}

/** The aggregate in one line; strong() emphasises each figure the way the rendering can. */
export function headline(total: EndpointStats, strong: (text: string) => string): string {
  return [
    `${strong(formatCount(total.requests))} requests`,
    `${strong(formatCount(total.failures))} failures (${formatValue(failRatio(total), 'ratio')})`,
    strong(formatValue(total.rps, 'rate')),
    `median ${strong(formatValue(total.medianMs, 'time'))}`,
    `p95 ${strong(formatValue(percentileMs(total, 95), 'time'))}`,
    `p99 ${strong(formatValue(percentileMs(total, 99), 'time'))}`
  ].join(' · ')
}

/** How a rendering makes user-controlled text safe: as prose, or shown literally (a URL, a file). */
export interface UserTextFormat {
  text: (text: string) => string
  literal: (text: string) => string
}

/** The run facts as label/value pairs, links excluded (each rendering draws them its own way). */
export function runFacts(report: RunReport, format: UserTextFormat): [string, string][] {
  const facts = report.facts
  const known = (text: string | undefined, shown: (text: string) => string) =>
    text === undefined ? 'not known' : shown(text)
  const workers =
    facts.workersConnected === undefined
      ? `${formatCount(facts.workers)} expected`
      : `${formatCount(facts.workersConnected)} of ${formatCount(facts.workers)} connected`
  const requested = `${formatSeconds(facts.runTimeSeconds)} requested`
  const runTime =
    facts.durationSeconds === undefined
      ? requested
      : `${requested}, ${formatSeconds(facts.durationSeconds)} measured`
  // Results judged after the fact say nothing of how Locust was started.
  const items: [string, string][] =
    facts.backend === 'none'
      ? [
          ['Backend', facts.backendLabel],
          ...(facts.durationSeconds === undefined
            ? []
            : [
                ['Run time', `${formatSeconds(facts.durationSeconds)} measured`] as [string, string]
              ])
        ]
      : [
          ['Backend', facts.backendLabel],
          ['Host', known(facts.host, format.literal)],
          [
            'Users',
            `${formatCount(facts.users)} (spawn rate ${formatValue(facts.spawnRate, 'rate')})`
          ],
          ['Workers', workers],
          ['Run time', runTime]
        ]
  if (facts.startedAt !== undefined) items.push(['Started', format.text(facts.startedAt)])
  if (facts.endedAt !== undefined) items.push(['Ended', format.text(facts.endedAt)])
  const locust = known(facts.locustVersion, format.text)
  items.push(['Locust', facts.locustNote ? `${locust} (${format.text(facts.locustNote)})` : locust])
  const missing = report.results?.missingFiles ?? []
  if (missing.length > 0)
    items.push(['Not written by Locust', missing.map(format.literal).join(', ')])
  return items
}
