/**
 * The `local` backend: one Locust master and N workers as processes on this machine, talking over
 * loopback. Every process leads its own process group and is stopped whatever way the run ends.
 */
import { randomInt } from 'node:crypto'
import { mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BackendOutcome, RunHooks } from '../types.js'
import type { RunConfig } from '../../run/config.js'
import type { RunFacts } from '../../run/facts.js'
import { definesLoadShape } from '../../run/locustfile.js'
import { redactHost } from '../../run/host.js'
import {
  ABORT_COMMAND_PATH,
  abortCommandJson,
  parseLiveStats,
  progressOf,
  PROGRESS_FILE,
  STOP_COMMAND_PATH,
  stopCommandJson,
  type LiveStats
} from '../../run/live-stats.js'
import type { Progress } from '../../run/progress.js'
import { CSV_PREFIX } from '../../run/results-layout.js'
import {
  duetHalf,
  masterRoundsSettings,
  plannedLoadSeconds,
  SEED_RANGE,
  measuredLoadSeconds,
  type RoundSide,
  type RoundsPlan
} from '../../run/rounds.js'
import { writeFileAtomically } from '../../run/write-file.js'
import { AbortWatch } from '../../thresholds/abort.js'
import { LOOPBACK, masterArgs, workerArgs } from './command.js'
import { findControlModule, masterLaunch } from './control.js'
import { mergeDuetRounds } from '../../run/duet-rounds.js'
import { locustEnvironment } from './environment.js'
import { latestAggregatedSample } from './history.js'
import {
  describeExit,
  diagnoseRun,
  MasterLogWatcher,
  relevantLines,
  type LogExcerpt,
  type ProcessExit
} from './log.js'
import {
  ensureLocust,
  LocustSetupError,
  shownCommand,
  type InstalledLocust,
  type LocustCommand
} from './locust-runtime.js'
import { startProcessGroup, type GroupProcess, type ProcessGroupHandle } from './process-groups.js'
import { waitForHost } from './reachability.js'
import type { LocalSettings } from './settings.js'

type LocalRunConfig = RunConfig<LocalSettings>
/** The local backend reports each process group it starts, so that a crash can stop them. */
type LocalHooks = RunHooks<ProcessGroupHandle>

export interface LocalBackend {
  run(config: LocalRunConfig, hooks: LocalHooks): Promise<BackendOutcome>
}

export interface LocalBackendOptions {
  /** How to start Locust; by default `locust` from PATH, on its own Python with a bootstrap. */
  locust?: LocustCommand
  /** Python that makes the virtualenv Locust is installed into when it is missing. */
  python?: string
  /** The environment Locust's is drawn from (see ./environment.ts); default this process's. */
  env?: NodeJS.ProcessEnv
  /** Time between SIGTERM and SIGKILL when stopping a process, in ms. */
  stopGraceMs?: number
  /** Time between two progress reports, in ms. */
  progressIntervalMs?: number
  /** How long the master waits for all workers before it gives up, in seconds. */
  workerWaitSeconds?: number
  /** Check that `host` accepts TCP connections before starting Locust. */
  checkHost?: boolean
}

const POLL_MS = 250
const HOST_CHECK_TIMEOUT_MS = 5_000
const HOST_RETRY_MS = 1_000
const PORT_ATTEMPTS = 3
const LOG_EXCERPT_BYTES = 64 * 1024
/** How long Locust gets to stop on its own after the abort command before it is stopped. */
const ABORT_GRACE_MS = 15_000
/**
 * How long the master gets to quit on the stop command, its workers' last reports included, before
 * it is sent SIGTERM (which Locust 2.12 does not handle while a load shape runs: it dies at once).
 */
const STOP_COMMAND_GRACE_MS = 5_000

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  const settings = {
    python: options.python ?? 'python3',
    env: options.env ?? process.env,
    stopGraceMs: options.stopGraceMs ?? 5_000,
    progressIntervalMs: options.progressIntervalMs ?? 2_000,
    workerWaitSeconds: options.workerWaitSeconds ?? 60,
    checkHost: options.checkHost ?? true
  }
  return {
    async run(config, hooks) {
      const log = hooks.log ?? (() => {})
      const facts: Partial<RunFacts> = {}
      const stopped = (error: string): BackendOutcome => ({
        error,
        partial: false,
        facts
      })
      await mkdir(config.resultsDir, { recursive: true })

      const warn = hooks.warn ?? ((line: string) => log(`Warning: ${line}`))
      let locust: InstalledLocust
      try {
        locust = await ensureLocust({
          ...settings,
          locust: options.locust,
          version: config.backend.locustVersion,
          log,
          warn,
          signal: hooks.signal
        })
      } catch (error) {
        if (hooks.signal?.aborted) return stopped('The run was cancelled before Locust started.')
        if (error instanceof LocustSetupError) return stopped(error.message)
        throw error
      }
      facts.locustVersion = locust.version
      facts.locustNote = locust.note
      log(
        `Running Locust ${locust.version ?? '(no version printed)'}: ${shownCommand(locust.command)}`
      )
      if (locust.version === undefined) {
        warn(
          '`locust --version` printed no version; Locust 2.12 masters then reject their workers (run scripts/install-locust.sh to repair it).'
        )
      }

      const targets = [
        { input: 'host', url: config.host },
        { input: 'baseline-host', url: config.rounds?.baselineHost }
      ]
      for (const { input, url } of settings.checkHost ? targets : []) {
        if (url === undefined) continue
        const wait = config.backend.waitForHostSeconds
        const reason = await waitForHost(url, {
          waitSeconds: wait,
          attemptTimeoutMs: HOST_CHECK_TIMEOUT_MS,
          retryMs: HOST_RETRY_MS,
          log,
          signal: hooks.signal
        })
        if (reason !== undefined && !hooks.signal?.aborted) {
          return stopped(
            wait === 0
              ? `Locust could not run: the host ${redactHost(url)} is unreachable (${reason}). Check the \`${input}\` input and that the service is up, or set \`wait-for-host\` to give it time to start.`
              : `Locust could not run: the host ${redactHost(url)} is unreachable (${reason}) after ${wait} s of retrying (\`wait-for-host\`). Check the \`${input}\` input and that the service is up, or raise \`wait-for-host\` if it starts slowly.`
          )
        }
      }
      if (hooks.signal?.aborted) return stopped('The run was cancelled before Locust started.')

      const loadShape = definesLoadShape(await readFile(config.locustfile, 'utf8'))
      if (loadShape) {
        facts.loadShape = true
        log(
          'The locustfile defines a LoadTestShape: it sets users and spawn rate; run time still applies'
        )
      }
      const startRun = (masters: MasterSide[]) =>
        masters.map((side) => new LocalRun(side, hooks, settings, locust.command, loadShape))
      if (config.rounds?.design === 'duet') {
        const syncDir = await mkdtemp(join(tmpdir(), 'distributed-locust-duet-'))
        try {
          return await runDuet(startRun(duetSides(config, config.rounds, syncDir)), facts)
        } finally {
          await rm(syncDir, { recursive: true, force: true })
        }
      }
      const rounds: Record<string, string> =
        config.rounds === undefined
          ? {}
          : { DL_ROUNDS: masterRoundsSettings(config.rounds, config, randomInt(SEED_RANGE)) }
      for (let attempt = 1; ; attempt++) {
        const [run] = startRun([{ config, masterEnv: rounds, facts }])
        const outcome = await run.execute()
        if (!run.portWasBusy || attempt === PORT_ATTEMPTS) return outcome
        log(
          'The master port was taken by another program meanwhile; retrying on another free port.'
        )
      }
    }
  }
}

/**
 * How long after both masters of a duet were ready they start a round: a few of control.py's
 * 50 ms polls of the meeting folder, so neither starts late on seeing the other's file.
 */
const DUET_MEET_SECONDS = 0.2

/** One Locust master with its workers: the whole run, or one side of a duet. */
interface MasterSide {
  config: LocalRunConfig
  /** What the master's environment adds (its rounds settings). */
  masterEnv: Record<string, string>
  facts: Partial<RunFacts>
  /** A duet's side, named in the log. */
  side?: RoundSide
}

/**
 * A duet's two masters (src/run/rounds.ts): each gets half the users, spawn rate and workers; the
 * candidate writes the usual files at the top of the results folder, the baseline in `baseline/`,
 * both their round folders in the top-level `rounds/`. They meet before each round in a folder
 * of their own, outside the results.
 */
function duetSides(config: LocalRunConfig, plan: RoundsPlan, syncDir: string): MasterSide[] {
  const sides: [RoundSide, LocalRunConfig][] = [
    ['candidate', duetHalf(config)],
    [
      'baseline',
      {
        ...duetHalf(config),
        host: plan.baselineHost,
        resultsDir: join(config.resultsDir, 'baseline')
      }
    ]
  ]
  return sides.map(([side, sideConfig]) => ({
    side,
    config: sideConfig,
    facts: {},
    masterEnv: {
      DL_ROUNDS: masterRoundsSettings(plan, sideConfig, 0, {
        side,
        roundsDir: config.resultsDir,
        syncDir,
        meetSeconds: DUET_MEET_SECONDS
      })
    }
  }))
}

/**
 * Runs a duet's masters at once and reports the candidate's run, with the baseline side's failure
 * added to its own; rounds.json lists both sides' rounds.
 */
async function runDuet(runs: LocalRun[], facts: Partial<RunFacts>): Promise<BackendOutcome> {
  const [candidate, baseline] = await Promise.all(runs.map((run) => run.execute()))
  const { users, spawnRate, workers, resultsDir } = runs[0].plannedConfig
  await mergeDuetRounds(resultsDir, runs[1].plannedConfig.resultsDir)
  const errors = [
    candidate.error,
    baseline.error === undefined ? undefined : `The baseline side: ${baseline.error}`
  ].filter((error) => error !== undefined)
  return {
    ...candidate,
    // The candidate's figures come from its own half of the load.
    facts: { ...facts, ...candidate.facts, users, spawnRate, workers },
    partial: candidate.partial || baseline.partial,
    ...(errors.length === 0 ? {} : { error: errors.join('\n') })
  }
}

type Settings = Required<Omit<LocalBackendOptions, 'locust'>>

/** Why the watch over a running test ended. */
type Ending = 'completed' | 'run-time' | 'cancelled' | 'timeout' | 'workers-lost' | 'aborted'

/** The endings on which the backend, not Locust, ends the test: the stop command's reasons. */
const STOP_REASONS: Partial<Record<Ending, string>> = {
  'run-time': 'the run time is over while the load shape still runs',
  cancelled: 'the run was cancelled',
  timeout: 'timeout-minutes is over'
}

/** One attempt at a run: start everything, watch it, stop everything. */
class LocalRun {
  private master?: GroupProcess
  private workers: GroupProcess[] = []
  /** When each worker exited, in ms since the epoch. */
  private readonly workerExitedAt: number[] = []
  private readonly watcher = new MasterLogWatcher()
  private readonly masterLogPath: string
  private masterLogOffset = 0
  private startedAt = Date.now()
  private allConnectedAt?: number
  private testStartAnnounced = false
  private workersAnnounced = 0
  private masterPortWasBusy = false
  private readonly abortWatch: AbortWatch
  /** The latest live figures the master wrote (progress.json), and when the file was changed. */
  private live?: LiveStats
  private liveChangedAt = 0
  private abortSentAt?: number

  private readonly config: LocalRunConfig
  private readonly facts: Partial<RunFacts>

  constructor(
    private readonly side: MasterSide,
    private readonly hooks: LocalHooks,
    private readonly settings: Settings,
    private readonly locust: LocustCommand,
    private readonly loadShape: boolean
  ) {
    this.config = side.config
    this.facts = side.facts
    this.masterLogPath = join(this.config.resultsDir, 'master.log')
    this.abortWatch = new AbortWatch(this.config.thresholds)
  }

  get plannedConfig(): LocalRunConfig {
    return this.config
  }

  private log(line: string): void {
    this.hooks.log?.(this.side.side === undefined ? line : `[${this.side.side}] ${line}`)
  }

  /** Whether the attempt failed only because another program took the master port meanwhile. */
  get portWasBusy(): boolean {
    return this.masterPortWasBusy
  }

  async execute(): Promise<BackendOutcome> {
    try {
      await this.start()
      const ending = await this.watch()
      return await this.conclude(ending)
    } finally {
      await this.stopAll()
    }
  }

  private async start(): Promise<void> {
    const { config, locust } = this
    await mkdir(config.resultsDir, { recursive: true })
    const port = await freePort()
    const spawnOptions = {
      cwd: config.workingDirectory,
      env: locustEnvironment(this.settings.env, [
        ...config.backend.passEnv,
        ...(config.secrets ?? []).map(({ name }) => name)
      ])
    }
    // An earlier attempt's command would stop this master at once.
    for (const command of [ABORT_COMMAND_PATH, STOP_COMMAND_PATH]) {
      await rm(join(config.resultsDir, command), { force: true })
    }
    this.startedAt = Date.now()
    this.facts.startedAt = new Date(this.startedAt).toISOString()
    const master = masterLaunch(locust, findControlModule())
    // The live figures as often as the progress lines they feed.
    const progressSeconds = String(Math.max(1, Math.round(this.settings.progressIntervalMs / 1000)))
    this.master = await startProcessGroup(
      master.locust.command,
      [
        ...master.locust.prefixArgs,
        ...masterArgs(config, {
          port,
          workerWaitSeconds: this.settings.workerWaitSeconds,
          loadShape: this.loadShape
        })
      ],
      {
        ...spawnOptions,
        env: {
          ...spawnOptions.env,
          ...master.env,
          ...this.side.masterEnv,
          DL_PROGRESS_SECONDS: progressSeconds
        },
        logPath: this.masterLogPath
      }
    )
    this.hooks.onStarted?.(this.master.handle)
    for (let i = 1; i <= config.workers; i++) {
      const worker = await startProcessGroup(
        locust.command,
        [...locust.prefixArgs, ...workerArgs(config, port)],
        {
          ...spawnOptions,
          logPath: join(config.resultsDir, `worker-${i}.log`)
        }
      )
      this.workers.push(worker)
      void worker.exit.then(() => (this.workerExitedAt[i - 1] = Date.now()))
      this.hooks.onStarted?.(worker.handle)
    }
    const workerPids = this.workers.map((worker) => worker.pid).join(', ')
    this.log(
      `Started the Locust master (pid ${this.master.pid}) on ${LOOPBACK}:${port} and ${config.workers} worker(s) (pid ${workerPids}); logs in ${config.resultsDir}`
    )
  }

  private async watch(): Promise<Ending> {
    const master = this.master as GroupProcess
    const deadline = this.startedAt + this.config.timeoutMinutes * 60_000
    const { signal } = this.hooks
    const aborted = new Promise<void>((resolve) => {
      if (signal?.aborted) resolve()
      signal?.addEventListener('abort', () => resolve(), { once: true })
    })
    let nextProgressAt = 0
    for (;;) {
      await Promise.race([master.exit, aborted, sleep(POLL_MS)])
      await this.followMasterLog()
      if (master.exited()) return 'completed'
      if (signal?.aborted) return 'cancelled'
      if (Date.now() >= deadline) return 'timeout'
      if (this.loadShapeOutOfTime()) return 'run-time'
      if (this.allConnectedAt === undefined && this.workers.every((worker) => worker.exited()))
        return 'workers-lost'
      await this.followLiveStats()
      if (this.abortSentAt !== undefined && Date.now() - this.abortSentAt > ABORT_GRACE_MS) {
        this.log(`Locust did not stop within ${ABORT_GRACE_MS / 1000} s of the abort; stopping it`)
        return 'aborted'
      }
      if (Date.now() >= nextProgressAt) {
        nextProgressAt = Date.now() + this.settings.progressIntervalMs
        await this.reportProgress()
      }
    }
  }

  /** A load shape runs until it ends itself; Locust 2.12 leaves its run time to the backend. */
  private loadShapeOutOfTime(): boolean {
    const { testStartedAt } = this.watcher
    if (!this.loadShape || testStartedAt === undefined) return false
    if (Date.now() < testStartedAt + this.config.runTimeSeconds * 1000) return false
    this.log(
      `The run time (${this.config.runTime}) is over while the load shape still runs; stopping Locust`
    )
    return true
  }

  private async followMasterLog(): Promise<void> {
    const { text, nextOffset } = await readFrom(this.masterLogPath, this.masterLogOffset)
    this.masterLogOffset = nextOffset
    this.watcher.consume(text)
    const connected = this.watcher.workersConnected
    if (connected > this.workersAnnounced) {
      this.workersAnnounced = connected
      this.facts.workersConnected = connected
      this.log(`${connected} of ${this.config.workers} workers connected`)
    }
    if (this.allConnectedAt === undefined && connected >= this.config.workers) {
      this.allConnectedAt = Date.now()
      const seconds = ((this.allConnectedAt - this.startedAt) / 1000).toFixed(1)
      this.log(`All ${this.config.workers} workers connected ${seconds} s after start`)
    }
    if (!this.testStartAnnounced && this.watcher.testStartedAt !== undefined) {
      this.testStartAnnounced = true
      this.log(
        this.loadShape
          ? `The test started; its load shape ends it, within ${this.config.runTime}`
          : `The test started; it runs ${this.plannedLength()}`
      )
    }
  }

  /** "for 30s", or with rounds "3 rounds of 30s per side, 240 s of load with the warm-ups". */
  private plannedLength(): string {
    const { rounds, runTime, runTimeSeconds } = this.config
    if (rounds === undefined) return `for ${runTime}`
    const load = measuredLoadSeconds(runTimeSeconds, rounds)
    return `${rounds.count} rounds of ${runTime} per side, ${load} s of load with the warm-ups`
  }

  /** Reads progress.json when the master rewrote it, and judges the abort rules on it. */
  private async followLiveStats(): Promise<void> {
    const path = join(this.config.resultsDir, PROGRESS_FILE)
    const changedAt = await stat(path).then(
      (info) => info.mtimeMs,
      () => 0
    )
    // A file older than this attempt is an earlier one's.
    if (changedAt < this.startedAt || changedAt === this.liveChangedAt) return
    this.liveChangedAt = changedAt
    const live = parseLiveStats(await readFile(path, 'utf8').catch(() => ''))
    if ('problem' in live) return // Being replaced, or not ours: the next one will do.
    this.live = live
    if (live.elapsedSeconds === null || this.abortSentAt !== undefined) return
    const decision = this.abortWatch.observe({
      elapsedSeconds: live.elapsedSeconds,
      figures: live.figures
    })
    if (decision === undefined) return
    await this.sendCommand(ABORT_COMMAND_PATH, abortCommandJson(decision))
    this.abortSentAt = Date.now()
    this.facts.aborted = {
      rule: decision.rule,
      atSeconds: decision.atSeconds,
      message: decision.message
    }
    this.log(`The run is ${decision.message}: stopping Locust`)
  }

  private async reportProgress(): Promise<void> {
    const { testStartedAt } = this.watcher
    if (this.side.side === 'baseline') return // the candidate's master reports the duet's progress
    const elapsedSeconds =
      testStartedAt === undefined ? 0 : Math.max(0, Math.round((Date.now() - testStartedAt) / 1000))
    const totalSeconds = plannedLoadSeconds(this.config.runTimeSeconds, this.config.rounds)
    if (this.allConnectedAt === undefined) {
      const message = `waiting for workers: ${this.watcher.workersConnected} of ${this.config.workers} connected`
      this.hooks.onProgress?.({ elapsedSeconds, totalSeconds, message })
      return
    }
    // The master's live figures; the stats history where the master runs without our control module.
    if (this.live?.elapsedSeconds != null) {
      this.hooks.onProgress?.({ ...progressOf(this.live, totalSeconds), elapsedSeconds })
      return
    }
    const progress: Progress = { elapsedSeconds, totalSeconds }
    const sample = await readLatestSample(
      join(this.config.resultsDir, `${CSV_PREFIX}_stats_history.csv`)
    )
    if (sample) {
      progress.users = sample.users
      progress.rps = sample.rps
      progress.failRatio =
        sample.totalRequests > 0 ? sample.totalFailures / sample.totalRequests : 0
    }
    this.hooks.onProgress?.(progress)
  }

  private async conclude(ending: Ending): Promise<BackendOutcome> {
    const { config, facts } = this
    // Workers quit on their own when the master ends the test: only failures before that count.
    // A worker may quit with a code of its own then (an event handler sets process_exit_code).
    const testStarted = this.allConnectedAt !== undefined
    const { quitSentAt } = this.watcher
    const earlyWorkerExits = this.workers.flatMap((worker, index) => {
      const exit = worker.exited()
      const quitWhenTold =
        quitSentAt !== undefined && (this.workerExitedAt[index] ?? Date.now()) >= quitSentAt
      return exit && (!testStarted || (exit.code !== 0 && !quitWhenTold)) ? [{ index, exit }] : []
    })
    const endedAt = Date.now()
    const stopReason = STOP_REASONS[ending]
    if (stopReason !== undefined) await this.askMasterToStop(stopReason)
    // Stopping first lets a cancelled or timed-out master write its CSVs before they are read.
    await this.stopAll()
    facts.endedAt = new Date(endedAt).toISOString()
    facts.workersConnected = this.watcher.workersConnected
    facts.workersJoined = this.watcher.workersJoined
    facts.workersLost = this.watcher.workersMissing
    const { testStartedAt, testEndedAt } = this.watcher
    if (testStartedAt !== undefined) {
      facts.durationSeconds = Math.round(((testEndedAt ?? endedAt) - testStartedAt) / 100) / 10
    }

    const masterExit = (this.master as GroupProcess).exited() as ProcessExit
    const master: LogExcerpt = { name: 'master.log', text: await readExcerpt(this.masterLogPath) }
    const outcome: BackendOutcome = {
      partial: false,
      facts
    }

    if (ending === 'aborted') {
      // Stopped by the abort rule it names (facts.aborted): that is the verdict, not an error.
      outcome.partial = true
      return outcome
    }
    if (ending === 'cancelled' || ending === 'timeout') {
      const why =
        ending === 'cancelled'
          ? 'The run was cancelled'
          : `The run did not finish within timeout-minutes (${config.timeoutMinutes} min), so Locust was stopped`
      const lines = relevantLines(master.text)
      const tail = testStarted
        ? '; the results cover only the part that ran.'
        : ' before the test started.'
      outcome.error = [`${why}${tail}`, ...lines.map((line) => `  ${line}`)].join('\n')
      outcome.partial = testStarted
      return outcome
    }

    this.masterPortWasBusy = !testStarted && this.watcher.portBusy
    const workersLost = []
    for (const { index, exit } of earlyWorkerExits) {
      const name = `worker-${index + 1}.log`
      workersLost.push({ name, exit, text: await readExcerpt(join(config.resultsDir, name)) })
    }
    outcome.error = diagnoseRun({
      master,
      masterExit,
      workersExpected: config.workers,
      workersConnected: this.watcher.workersConnected,
      gaveUpWaitingForWorkers: this.watcher.gaveUpWaitingForWorkers,
      testStarted: this.watcher.testStartedAt !== undefined,
      workersLost,
      locustfile: config.locustfile,
      stoppedAtRunTime: ending === 'run-time'
    })
    if (testStarted && masterExit.code !== null) outcome.locustExitCode = masterExit.code
    outcome.partial = (testStarted && outcome.error !== undefined) || facts.aborted !== undefined
    // Locust exits 1 whenever any request failed: normal for a completed test, so say so.
    const meaning =
      outcome.error === undefined && masterExit.code === 1
        ? ' (its usual code when some requests failed; the thresholds decide)'
        : outcome.error === undefined && ending === 'run-time'
          ? ' (stopped at the run time while its load shape still ran)'
          : ''
    this.log(`The Locust master ${describeExit(masterExit)}${meaning}`)
    return outcome
  }

  /** A command for the master's control channel (control.py polls the results folder for it). */
  private async sendCommand(path: string, json: string): Promise<void> {
    const command = join(this.config.resultsDir, path)
    await mkdir(dirname(command), { recursive: true })
    await writeFileAtomically(command, json)
  }

  /** Locust quits as at its own run time, or stopAll() ends it. */
  private async askMasterToStop(reason: string): Promise<void> {
    const { master } = this
    if (master === undefined || master.exited()) return
    await this.sendCommand(STOP_COMMAND_PATH, stopCommandJson(reason))
    const gaveUp = new AbortController()
    await Promise.race([
      master.exit,
      sleep(STOP_COMMAND_GRACE_MS, undefined, { signal: gaveUp.signal }).catch(() => undefined)
    ])
    gaveUp.abort()
  }

  private async stopAll(): Promise<void> {
    const grace = this.settings.stopGraceMs
    // The master first, so that it can tell its workers to quit and write its results.
    await this.master?.stop(grace)
    await Promise.all(this.workers.map((worker) => worker.stop(grace)))
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** What was appended to a file since `offset` (nothing when the file does not exist yet). */
async function readFrom(
  path: string,
  offset: number
): Promise<{ text: string; nextOffset: number }> {
  let file
  try {
    file = await open(path, 'r')
  } catch {
    return { text: '', nextOffset: offset }
  }
  try {
    const { size } = await file.stat()
    if (size <= offset) return { text: '', nextOffset: offset }
    const buffer = Buffer.alloc(size - offset)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, offset)
    return { text: buffer.toString('utf8', 0, bytesRead), nextOffset: offset + bytesRead }
  } finally {
    await file.close()
  }
}

/** A log small enough to quote from: the whole file, or its beginning and end. */
async function readExcerpt(path: string): Promise<string> {
  const size = await stat(path).then(
    (info) => info.size,
    () => 0
  )
  if (size <= 2 * LOG_EXCERPT_BYTES) return (await readFrom(path, 0)).text
  const head = await readSlice(path, 0, LOG_EXCERPT_BYTES)
  const tail = await readSlice(path, size - LOG_EXCERPT_BYTES, LOG_EXCERPT_BYTES)
  return `${head}\n…\n${tail}`
}

async function readSlice(path: string, position: number, length: number): Promise<string> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await file.read(buffer, 0, length, position)
    return buffer.toString('utf8', 0, bytesRead)
  } finally {
    await file.close()
  }
}

async function readLatestSample(path: string) {
  const size = await stat(path).then(
    (info) => info.size,
    () => 0
  )
  if (size === 0) return undefined
  const header = (await readSlice(path, 0, 4096)).split('\n')[0]
  const tailStart = Math.max(0, size - LOG_EXCERPT_BYTES)
  return latestAggregatedSample(header, await readSlice(path, tailStart, size - tailStart))
}
