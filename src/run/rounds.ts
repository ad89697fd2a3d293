/**
 * Rounds (issue 19): one run measures in several rounds, each after its own warm-up, driven inside
 * the Locust master (docker/distributed_locust/control.py) while the workers stay up. The design:
 * - `repeated`: `rounds: N` without a baseline host, every round against `host` (the candidate);
 * - `interleaved`: with `baseline-host`, each round runs both sides, in a seeded random order;
 * - `duet`: two masters, each with half the users and workers, load both sides at once, round
 *   windows aligned.
 * Results: docs/rounds.md ("The rounds layout"). Pure.
 */
import type { RunConfig } from './config.js'

export type RoundsDesign = 'repeated' | 'interleaved' | 'duet'
export type RoundSide = 'candidate' | 'baseline'

export interface RoundsPlan {
  design: RoundsDesign
  /** Round indexes; an interleaved round runs both sides, so it holds two measured windows. */
  count: number
  warmupSeconds: number
  /** The baseline side's URL (interleaved and duet). */
  baselineHost?: string
  /** `mode: calibrate`: A/A rounds measuring the noise band, no rule judged (src/run/calibration.ts). */
  calibrate?: true
}

/** Rounds of `mode: calibrate` when `rounds` is not given. */
export const CALIBRATION_ROUNDS = 5

/** Rounds of a run that has no rounds: today's single run, with nothing for the master to drive. */
export function roundsPlanOf(options: {
  rounds: number
  warmupSeconds: number
  baselineHost?: string
  mode: 'interleaved' | 'duet'
}): RoundsPlan | undefined {
  const { rounds, warmupSeconds, baselineHost, mode } = options
  const design: RoundsDesign =
    mode === 'duet' ? 'duet' : baselineHost === undefined ? 'repeated' : 'interleaved'
  if (design === 'repeated' && rounds === 1 && warmupSeconds === 0) return undefined
  return {
    design,
    count: rounds,
    warmupSeconds,
    ...(baselineHost === undefined ? {} : { baselineHost })
  }
}

/** Measured windows one after the other: a duet's two sides share theirs. */
export function sequentialWindows(plan: RoundsPlan): number {
  return plan.design === 'interleaved' ? 2 * plan.count : plan.count
}

/** The seeds of the interleaved order (rounds.json names the run's). */
export const SEED_RANGE = 1_000_000

/** Allowance per round for stopping the users and starting the next round's (measured ≤ 3 s). */
export const ROUND_CHANGE_SECONDS = 5

/** Seconds of load proper (warm-ups included), without the changes between rounds. */
export function measuredLoadSeconds(runTimeSeconds: number, plan: RoundsPlan | undefined): number {
  if (plan === undefined) return runTimeSeconds
  return sequentialWindows(plan) * (plan.warmupSeconds + runTimeSeconds)
}

/** How long Locust runs in all: the load and the changes between rounds (the run time without). */
export function plannedLoadSeconds(runTimeSeconds: number, plan: RoundsPlan | undefined): number {
  if (plan === undefined) return runTimeSeconds
  return measuredLoadSeconds(runTimeSeconds, plan) + sequentialWindows(plan) * ROUND_CHANGE_SECONDS
}

/** What one master's side of a duet gets: half the users, spawn rate and workers. */
export function duetHalf<C extends Pick<RunConfig, 'users' | 'spawnRate' | 'workers'>>(
  config: C
): C {
  return {
    ...config,
    users: config.users / 2,
    spawnRate: config.spawnRate / 2,
    workers: config.workers / 2
  }
}

/**
 * One master of a duet: its side, where it meets the other before each round, and how long after
 * both were ready it starts the round (`meetSeconds`: more than a meeting file takes to reach the
 * other master, so both start at that agreed moment; control.py's meet_partner). On one machine
 * both share a folder for round folders (`roundsDir`) and one to meet in (`syncDir`); on AWS each
 * execution's master meets the other's through S3 (`partnerResults`, its results prefix).
 */
export type DuetMaster = { side: RoundSide; meetSeconds: number } & (
  { roundsDir: string; syncDir: string } | { partnerResults: string }
)

/**
 * The master's rounds settings (DL_ROUNDS, read by control.py's rounds_plan). `seed` draws the
 * interleaved order (rounds.json records it); `duet` is a duet's master (DuetMaster).
 */
export function masterRoundsSettings(
  plan: RoundsPlan,
  config: { host?: string; runTimeSeconds: number },
  seed: number,
  duet?: DuetMaster
): string {
  return JSON.stringify({
    design: plan.design,
    rounds: plan.count,
    warmupSeconds: plan.warmupSeconds,
    roundSeconds: config.runTimeSeconds,
    seed,
    // Without a candidate host here, the master uses its own -H.
    hosts: {
      ...(config.host === undefined ? {} : { candidate: config.host }),
      ...(plan.baselineHost === undefined ? {} : { baseline: plan.baselineHost })
    },
    ...(duet ?? {})
  })
}

/** Whether a URL names this machine (loopback), which tasks running elsewhere cannot reach. */
export function isLoopbackHost(url: string): boolean {
  let hostname: string
  try {
    hostname = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === '[::1]' ||
    hostname === '0.0.0.0'
  )
}
