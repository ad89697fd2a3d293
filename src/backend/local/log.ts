/**
 * Reading Locust's logs (pure): follows the master while it runs, and afterwards tells "the test
 * ran" apart from "Locust could not run", quoting the log lines that say why.
 */

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface LogExcerpt {
  /** Shown to the user in messages, e.g. "master.log". */
  name: string
  text: string
}

const WORKERS_CONNECTED = /(\d+) workers connected|(\d+) of \d+ connected/
const GAVE_UP_WAITING = /Gave up waiting for workers/
// Locust 2.12 writes "Worker <id> (index 0) reported as ready", current Locust "<id> (index 0) …".
const WORKER_JOINED = /(?:Worker )?(\S+) \(index \d+\) reported as ready/
const WORKER_MISSING = /Worker \S+ failed to send heartbeat, setting state to missing/
const TEST_STARTED = /Run time limit set|Sending spawn jobs|Shape test starting/
const TEST_ENDED =
  /run-time limit reached|Shape test stopping|Got SIGTERM|last worker quit|Shutting down/
/** The master ending the test itself (not a lost last worker): its workers are told to quit. */
const MASTER_ENDS_TEST = /run-time limit reached|Shape test stopping|Got SIGTERM|Shutting down/
const LOG_TIME = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\]/
const PORT_BUSY = /master port \([^)]*\) was busy|Address already in use/
const TRACEBACK_START = 'Traceback (most recent call last):'
const ERROR_LEVEL = /^\[[^\]]+\] [^/\s]+\/(ERROR|CRITICAL)\/[\w.]*: /
const MAX_QUOTED_LINES = 10
/** First lines of the stats tables Locust prints; a table ends at a blank line. */
const STATS_TABLE_HEADING = /^(Type\s+Name|Response time percentiles|Error report)/
/** What our control module (control.py) tells the log about its own work: not Locust's trouble. */
const CONTROL_NOTE = '[distributed-locust] '

/** Follows the master's log as it grows: how many workers are connected, and what went wrong. */
export class MasterLogWatcher {
  workersConnected = 0
  /** Workers that reported as ready, and that stopped sending heartbeats (lost mid-run). */
  workersMissing = 0
  /** Each worker counts once: with rounds, every worker reports as ready again after each round. */
  private readonly joinedIds = new Set<string>()
  gaveUpWaitingForWorkers = false
  portBusy = false
  /** When the master began the test proper (its workers ready) and ended it, in ms since the epoch. */
  testStartedAt?: number
  testEndedAt?: number
  /** When the master ended the test and told its workers to quit, in ms since the epoch. */
  quitSentAt?: number
  private partialLine = ''

  get workersJoined(): number {
    return this.joinedIds.size
  }

  /** Feeds the next piece of the log; pieces may end in the middle of a line. */
  consume(chunk: string): void {
    const lines = (this.partialLine + chunk).split('\n')
    this.partialLine = lines.pop() ?? ''
    for (const line of lines) this.consumeLine(line)
  }

  private consumeLine(line: string): void {
    const connected = WORKERS_CONNECTED.exec(line)
    if (connected) this.workersConnected = Number(connected[1] ?? connected[2])
    const joined = WORKER_JOINED.exec(line)
    if (joined) this.joinedIds.add(joined[1])
    if (WORKER_MISSING.test(line)) this.workersMissing++
    if (GAVE_UP_WAITING.test(line)) this.gaveUpWaitingForWorkers = true
    if (PORT_BUSY.test(line)) this.portBusy = true
    if (this.testStartedAt === undefined && TEST_STARTED.test(line))
      this.testStartedAt = logTime(line)
    if (
      this.testStartedAt !== undefined &&
      this.testEndedAt === undefined &&
      TEST_ENDED.test(line)
    ) {
      this.testEndedAt = logTime(line)
    }
    if (
      this.testStartedAt !== undefined &&
      this.quitSentAt === undefined &&
      MASTER_ENDS_TEST.test(line)
    ) {
      this.quitSentAt = logTime(line)
    }
  }
}

/** The time a log line was written: Locust writes local time, to the millisecond. */
export function logTime(line: string): number | undefined {
  const match = LOG_TIME.exec(line)
  if (!match) return undefined
  const [year, month, day, hours, minutes, seconds, ms] = match.slice(1).map(Number)
  return new Date(year, month - 1, day, hours, minutes, seconds, ms).getTime()
}

/** The end of the last Python traceback: the failing file and line, its code and the error. */
export function pythonErrorExcerpt(text: string): string[] {
  const start = text.lastIndexOf(TRACEBACK_START)
  if (start === -1) return []
  const lines = text.slice(start).split('\n')
  const errorIndex = lines.findIndex((line, index) => index > 0 && line !== '' && !/^\s/.test(line))
  if (errorIndex === -1) return []
  const frames = lines.slice(1, errorIndex)
  const lastFrame = frames.findLastIndex((line) => line.startsWith('  File '))
  return [...frames.slice(Math.max(lastFrame, 0)), lines[errorIndex]].map((line) => line.trimEnd())
}

/** Log lines at ERROR or CRITICAL level, the last few of them. */
export function errorLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => ERROR_LEVEL.test(line))
    .slice(-MAX_QUOTED_LINES)
    .map((line) => line.replace(ERROR_LEVEL, '$1 '))
}

/** Lines printed outside Locust's logger, its stats tables and our notes (e.g. a bare sys.stderr message). */
export function strayLines(text: string): string[] {
  const stray: string[] = []
  let inTable = false
  for (const line of text.split('\n').map((entry) => entry.trimEnd())) {
    if (line === '') inTable = false
    else if (STATS_TABLE_HEADING.test(line)) inTable = true
    else if (!inTable && !LOG_TIME.test(line) && !line.startsWith(CONTROL_NOTE)) stray.push(line)
  }
  return stray.slice(-MAX_QUOTED_LINES)
}

/** The lines worth quoting from a log that ended badly: a traceback, else errors, else stray lines. */
export function relevantLines(text: string): string[] {
  for (const lines of [pythonErrorExcerpt(text), errorLines(text), strayLines(text)]) {
    if (lines.length > 0) return lines
  }
  return []
}

export interface RunEvidence {
  master: LogExcerpt
  masterExit: ProcessExit
  workersExpected: number
  workersConnected: number
  gaveUpWaitingForWorkers: boolean
  /** The master logged that it began the test proper. */
  testStarted: boolean
  /** Logs of workers that ended before the master did. */
  workersLost: (LogExcerpt & { exit: ProcessExit })[]
  locustfile: string
  /**
   * The backend stopped the master at the run time while its LoadTestShape still ran: a master
   * ended by that stop completed the test.
   */
  stoppedAtRunTime?: boolean
}

/** Why Locust could not run, in words with the relevant log lines; undefined when the test ran. */
export function diagnoseRun(evidence: RunEvidence): string | undefined {
  const { master, masterExit, workersExpected, workersConnected } = evidence
  const masterLines = relevantLines(master.text)

  if (workersConnected < workersExpected) {
    const cannotLoad = `Locust could not load the locustfile ${evidence.locustfile}:`
    if (pythonErrorExcerpt(master.text).length > 0) {
      return withHint(explain(cannotLoad, masterLines, master.name), master.text)
    }
    // A worker imports the locustfile too, and on a busy machine it may fail before the master
    // has logged the same traceback.
    const failedWorker = evidence.workersLost.find(
      (worker) => pythonErrorExcerpt(worker.text).length > 0
    )
    if (failedWorker) {
      return withHint(
        explain(cannotLoad, pythonErrorExcerpt(failedWorker.text), failedWorker.name),
        failedWorker.text
      )
    }
    if (!evidence.gaveUpWaitingForWorkers && masterLines.length > 0) {
      return explain('Locust could not start:', masterLines, master.name)
    }
    const workerLines = evidence.workersLost.flatMap((worker) =>
      relevantLines(worker.text).map((line) => `${worker.name}: ${line}`)
    )
    const waited = evidence.gaveUpWaitingForWorkers ? ' in time' : ''
    return explain(
      `Only ${workersConnected} of ${workersExpected} Locust workers connected to the master${waited}.`,
      workerLines.length > 0 ? workerLines : masterLines,
      workerLines.length > 0 ? 'the worker logs' : master.name
    )
  }

  if (!evidence.testStarted) {
    return explain('Locust stopped before the test started:', masterLines, master.name)
  }

  if (!evidence.stoppedAtRunTime && (masterExit.code === null || masterExit.code > 1)) {
    const how =
      masterExit.code === null
        ? `was ended by ${masterExit.signal}`
        : `exited with code ${masterExit.code}`
    return explain(`The Locust master ${how} before the test completed.`, masterLines, master.name)
  }

  const lost = evidence.workersLost.filter((worker) => worker.exit.code !== 0)
  if (lost.length > 0) {
    const lines = lost.flatMap((worker) => {
      const why = relevantLines(worker.text)
      return why.length > 0
        ? why.map((line) => `${worker.name}: ${line}`)
        : [`${worker.name}: ${describeExit(worker.exit)}`]
    })
    return explain(
      `${lost.length} Locust worker(s) stopped during the test; the results are partial.`,
      lines,
      'the worker logs'
    )
  }
  return undefined
}

export function describeExit(exit: ProcessExit): string {
  return exit.code === null ? `ended by ${exit.signal}` : `exited with code ${exit.code}`
}

function explain(summary: string, lines: string[], source: string): string {
  if (lines.length === 0) return `${summary} See ${source} for details.`
  const quoted = lines.slice(-MAX_QUOTED_LINES).map((line) => `  ${line}`)
  return [summary, ...quoted, `(from ${source})`].join('\n')
}

/**
 * A hint for a locustfile that read an environment variable Locust's processes were not given
 * (`os.environ["TOKEN"]` raising KeyError): they get only basic variables and those in pass-env.
 */
export function missingVariable(log: string): string | undefined {
  const traceback = log.slice(Math.max(0, log.lastIndexOf(TRACEBACK_START)))
  const keyError = /^KeyError: '([A-Za-z_][A-Za-z0-9_]*)'/m.exec(traceback)
  if (!keyError || !/environ|os\.py"/.test(traceback)) return undefined
  return keyError[1]
}

function withHint(message: string, log: string): string {
  const name = missingVariable(log)
  return name === undefined
    ? message
    : `${message}\nThe locustfile reads the environment variable ${name}, which Locust was not given: Locust runs with a few basic variables only; name ${name} in \`pass-env\` (CLI: --pass-env ${name}) to pass it.`
}
