/**
 * What a report says, whatever draws it: the verdict's words, the headline figures and the run
 * facts. Markdown and terminal renderings differ only in how they escape and emphasise.
 */
import type { EndpointStats } from '../results/model.js'
import type { RuleResult, ThresholdRule } from '../thresholds/model.js'
import { failRatio, percentileMs } from './figures.js'
import { formatCount, formatSeconds, formatValue } from './format.js'
import type { RunReport, Verdict } from './model.js'
import type { RunFacts } from '../run/facts.js'
import { workersReplaced } from '../run/validity.js'

/** Emoji with a coloured body: ❔, a white outline, all but vanished on GitHub's light page. */
export const VERDICT_ICONS: Record<Verdict, string> = {
  passed: '✅',
  inconclusive: '❓',
  failed: '❌',
  invalid: '🚫',
  error: '⚠️',
  cancelled: '⏹️'
}

/** What became of a load test, said after its name: "Checkout API failed its thresholds". */
const VERDICT_PREDICATES: Record<Verdict, string> = {
  passed: 'passed',
  inconclusive: 'inconclusive',
  failed: 'failed its thresholds',
  invalid: 'run unfit to judge',
  error: 'could not run',
  cancelled: 'cancelled'
}

/** A verdict said of the named test (the PR comment's `test-name`, "Load test" by default). */
export function namedVerdict(name: string, verdict: Verdict): string {
  return `${name} ${VERDICT_PREDICATES[verdict]}`
}

export const VERDICT_TITLES = Object.fromEntries(
  Object.keys(VERDICT_PREDICATES).map((verdict) => [
    verdict,
    namedVerdict('Load test', verdict as Verdict)
  ])
) as Record<Verdict, string>

/** The heading of a report. */
export function verdictTitle(report: RunReport): string {
  return VERDICT_TITLES[report.verdict]
}

/**
 * What must be read before any figure: why the run is unfit to judge (each reason), and why the
 * baseline cannot decide its rules. Empty for a run fit to judge against a comparable baseline.
 */
export function validityNotes(report: RunReport): { label: string; text: string }[] {
  return [
    ...(report.facts.aborted === undefined
      ? []
      : [{ label: 'Aborted', text: abortNote(report.facts.aborted.message) }]),
    ...(report.unfitReasons ?? []).map((text) => ({ label: 'Unfit to judge', text })),
    ...(report.baselineNotComparable === undefined
      ? []
      : [{ label: 'Baseline not comparable', text: report.baselineNotComparable }])
  ]
}

/**
 * "at 2:10 by …; the figures cover the run until then.", under the label "Aborted": the abort's
 * message starts "aborted at", which the label already says.
 */
function abortNote(message: string): string {
  return `${message.replace(/^aborted /i, '')}; the figures cover the run until then.`
}

export const PARTIAL_NOTE = 'the run did not complete, so the figures cover only part of it.'
export const NO_RESULTS_NOTE = 'Locust wrote no readable results.'

export function thresholdsSentence(results: RuleResult[]): string {
  const skipped = results.filter((result) => result.verdict === 'skipped').length
  const judged = results.length - skipped
  const failed = results.filter((result) => result.verdict === 'fail').length
  const unmeasured = results.filter((result) => result.verdict === 'not_evaluated').length
  const inconclusive = results.filter((result) => result.verdict === 'inconclusive').length
  // Noise is one reason a rule is undecided; a baseline measured otherwise or too few requests
  // are others: each rule's own reason says which.
  const inconclusiveNote =
    inconclusive === 0
      ? ''
      : ` ${formatCount(inconclusive)} ${inconclusive === 1 ? 'was' : 'were'} inconclusive: the data cannot decide ${inconclusive === 1 ? 'it' : 'them'}.`
  const skippedNote =
    skipped === 0
      ? ''
      : ` ${formatCount(skipped)} baseline ${skipped === 1 ? 'rule was' : 'rules were'} skipped (no baseline to compare).`
  if (results.length === 0) return 'No thresholds were set.'
  if (judged === 0) return skippedNote.trim()
  if (judged === 1) {
    const outcome =
      failed === 1
        ? 'The threshold failed.'
        : unmeasured === 1
          ? 'The threshold was not evaluated.'
          : inconclusive === 1
            ? 'The threshold was inconclusive: the data cannot decide it.'
            : 'The threshold held.'
    return outcome + skippedNote
  }
  if (failed === 0 && unmeasured === 0 && inconclusive === 0)
    return `All ${formatCount(judged)} thresholds held.${skippedNote}`
  if (failed === 0 && unmeasured === 0)
    return `${formatCount(judged - inconclusive)} of ${formatCount(judged)} thresholds held.${inconclusiveNote}${skippedNote}`
  const parts = []
  if (failed > 0) parts.push(`${formatCount(failed)} of ${formatCount(judged)} thresholds failed`)
  if (unmeasured > 0) {
    const verb = unmeasured === 1 ? 'was' : 'were'
    parts.push(
      failed > 0
        ? `${formatCount(unmeasured)} ${verb} not evaluated`
        : `${formatCount(unmeasured)} of ${formatCount(judged)} thresholds ${verb} not evaluated`
    )
  }
  return `${parts.join('; ')}.${inconclusiveNote}${skippedNote}`
}

/** The rule as written, and "(default)" for the guard no rule asked for. */
export function ruleLabel(rule: ThresholdRule): string {
  return rule.isDefault ? `${rule.text} (default)` : rule.text
}

/**
 * The warning a run with failed requests carries when the user set no failure rule: only the
 * default guard stood between those failures and a pass.
 */
export function failuresWarning(report: RunReport): string | undefined {
  const total = report.results?.aggregate
  const guarded = report.evaluation.results.some((result) => result.rule.isDefault)
  if (!total || total.failures === 0 || !guarded) return undefined
  return (
    `${formatCount(total.failures)} of ${formatCount(total.requests)} requests failed ` +
    `(${formatValue(failRatio(total), 'ratio')}) and no threshold checks failures, so the default ` +
    `fail_ratio < 1% judged them. Add a failure rule (e.g. fail_ratio < 1%) to set your own limit.`
  )
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

/** Local workers: those connected, and the master's count of those that left and came back. */
function workersRejoined(facts: RunFacts, connected: string): string {
  // Joins beyond the expected workers are restarts; a lost worker's users stopped with it.
  const rejoined = Math.max(0, (facts.workersJoined ?? 0) - facts.workers)
  return [
    connected,
    ...(rejoined > 0 ? [`${formatCount(rejoined)} joined again later`] : []),
    ...((facts.workersLost ?? 0) > 0
      ? [`${formatCount(facts.workersLost!)} lost during the run (no heartbeat)`]
      : [])
  ].join(', ')
}

/**
 * Fargate workers: those connected when the load started (of those asked), then, when anything
 * happened to them, where the load started (min-workers), the joins, the replaced (reclaimed by
 * Spot among them) and the lost for good.
 */
function workerFleet(facts: RunFacts, connected: string): string {
  const replaced = workersReplaced(facts)
  const lost = Math.max(0, (facts.workersLost ?? 0) - replaced)
  const startedEarly = facts.minWorkers !== undefined && facts.minWorkers < facts.workers
  const joinedMore =
    facts.workersJoined !== undefined && facts.workersJoined !== facts.workersConnected
  if (!startedEarly && !joinedMore && replaced === 0 && lost === 0) return connected
  const reclaimed =
    facts.workersReclaimed === undefined
      ? ''
      : ` (${formatCount(facts.workersReclaimed)} reclaimed by Fargate Spot)`
  return [
    connected,
    ...(startedEarly ? [`the load started at ${formatCount(facts.minWorkers!)}`] : []),
    ...(facts.workersJoined === undefined ? [] : [`${formatCount(facts.workersJoined)} joined`]),
    `${formatCount(replaced)} replaced${reclaimed}`,
    `${formatCount(lost)} lost`
  ].join(', ')
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
  const processes =
    facts.workerProcesses === undefined
      ? ''
      : ` (${formatCount(facts.workerProcesses)} Locust processes)`
  const connected =
    facts.workersConnected === undefined
      ? `${formatCount(facts.workers)} expected`
      : `${formatCount(facts.workersConnected)} of ${formatCount(facts.workers)} connected` +
        processes
  const workers =
    facts.workersReplaced === undefined
      ? workersRejoined(facts, connected)
      : workerFleet(facts, connected)
  // What ran, from the stats history, beside what was asked: a LoadTestShape sets its own users.
  // One sample (Locust stopped before its next write) says nothing about the run.
  const span = (report.results?.historyRowsRead ?? 0) >= 2 ? report.results!.historySpan : null
  // In rounds, run-time is the length of each round's measurement, not of the run.
  const perRound = report.rounds
    ? report.rounds.baselinePooled
      ? ' per round and side'
      : ' per round'
    : ''
  const requested = `${formatSeconds(facts.runTimeSeconds)}${perRound} requested`
  const measured =
    facts.durationSeconds !== undefined
      ? `${formatSeconds(facts.durationSeconds)} measured`
      : span !== null
        ? `${formatSeconds(span.lastTimestamp - span.first.timestamp)} in the stats history`
        : undefined
  const runTime = measured === undefined ? requested : `${requested}, ${measured}`
  const spawn = `spawn rate ${formatValue(facts.spawnRate, 'rate')}`
  const asked = facts.loadShape
    ? 'as the LoadTestShape set them'
    : `${formatCount(facts.users)} requested, ${spawn}`
  const users =
    span === null
      ? facts.loadShape
        ? `set by the locustfile's LoadTestShape`
        : `${formatCount(facts.users)} (${spawn})`
      : `${formatCount(span.peakUsers)} at peak, ${formatCount(span.finalUsers)} at the end (${asked})`
  // Results judged after the fact say nothing of how Locust was started.
  const items: [string, string][] = facts.locustRanElsewhere
    ? [
        ['Backend', facts.backendLabel],
        ...(measured === undefined ? [] : [['Run time', measured] as [string, string]])
      ]
    : [
        ['Backend', facts.backendLabel],
        ['Host', known(facts.host, format.literal)],
        ['Users', users],
        ['Workers', workers],
        ['Run time', runTime]
      ]
  if (facts.startedAt !== undefined) items.push(['Started', format.text(facts.startedAt)])
  if (facts.endedAt !== undefined) items.push(['Ended', format.text(facts.endedAt)])
  if (facts.cpuWarnings !== undefined)
    items.push(['CPU above 90 %', format.text(facts.cpuWarnings.join(', '))])
  const locust = known(facts.locustVersion, format.text)
  items.push(['Locust', facts.locustNote ? `${locust} (${format.text(facts.locustNote)})` : locust])
  if (facts.cost !== undefined) items.push(['Cost', format.text(facts.cost.note)])
  const missing = report.results?.missingFiles ?? []
  if (missing.length > 0)
    items.push(['Not written by Locust', missing.map(format.literal).join(', ')])
  const history = report.baselineHistory ?? []
  if (history.length > 1) {
    const runs = history.map((entry) => format.text(entry.runId ?? entry.source)).join(', ')
    items.push(['Baseline history', `${formatCount(history.length)} runs, newest first: ${runs}`])
  }
  if (report.acceptedAsBaseline) items.push(['Baseline', 'this run, accepted as the new baseline'])
  return items
}

/**
 * Under the charts of a run in rounds: Locust's history runs through every round (both sides of a
 * paired run), so the lines show how the run went, not how the sides compare.
 */
export const ROUNDS_CHART_NOTES = {
  repeated: 'The lines run through every round, one after the other, pauses between them included.',
  interleaved:
    'The lines run through every round, the baseline and the candidate in turn: they show how the run went; how the sides compare is above.',
  duet: 'The lines add up both sides, loaded at the same time: they show how the run went; how the sides compare is above.'
} as const

const DESIGN_WORDS = {
  repeated: 'Repeated rounds',
  interleaved: 'Interleaved rounds',
  duet: 'Duet rounds'
} as const

/**
 * A run of rounds in a sentence: the design, how many rounds were judged (and skipped, why), the
 * warm-up, and each side's p95 and rate with its host; undefined for a run of one round.
 */
export function roundsSentence(report: RunReport, format: UserTextFormat): string | undefined {
  if (report.roundsNote !== undefined) return format.text(report.roundsNote)
  const rounds = report.rounds
  if (!rounds) return undefined
  const skipped = rounds.skipped
    .map((round) => `round ${round.index} ${round.side}: ${round.reason}`)
    .join('; ')
  const how =
    rounds.design === 'repeated'
      ? 'pooled, the spread between rounds in every interval'
      : rounds.design === 'duet'
        ? 'both sides at once; baseline rules compare the sides round by round'
        : `the sides in turn${rounds.order ? ` (${format.text(rounds.order)})` : ''}; baseline rules compare the sides round by round`
  const warmup =
    rounds.warmupSeconds > 0 ? ` after ${formatSeconds(rounds.warmupSeconds)} of warm-up` : ''
  const side = (name: string, host: string, stats: EndpointStats): string =>
    `${name} ${format.literal(host)}: p95 ${formatValue(percentileMs(stats, 95), 'time')}, ` +
    `${formatValue(stats.rps, 'rate')}`
  const sides = [
    ...(rounds.baselinePooled
      ? [side('Baseline', rounds.hosts.baseline ?? '', rounds.baselinePooled.aggregate)]
      : []),
    side(
      rounds.baselinePooled ? 'candidate' : 'Candidate',
      rounds.hosts.candidate,
      rounds.candidatePooled.aggregate
    )
  ]
  return (
    `${DESIGN_WORDS[rounds.design]}: ${formatCount(rounds.candidate.length)} judged` +
    (skipped ? `, ${formatCount(rounds.skipped.length)} skipped (${format.text(skipped)})` : '') +
    `, ${formatSeconds(rounds.roundSeconds)} each${warmup}, ${how}. ` +
    `${sides.join(' · ')}.`
  )
}
