import type { LocustResults } from '../../src/results/model.js'
import type { RunFacts } from '../../src/run/facts.js'
import {
  conditionChanges,
  logSignals,
  unfitReasons,
  withBaselineUndecided
} from '../../src/run/validity.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

// Locust's own words (2.12.1's runners.py; 2.4x writes the same).
const CPU_OWN =
  '[2026-12-07 14:00:05,001] runner/WARNING/locust.runners: CPU usage above 90%! This may constrain your throughput and may even give inconsistent response time measurements! See https://docs.locust.io/en/stable/running-distributed.html for how to distribute the load over multiple CPU cores or machines'
const CPU_WORKER =
  '[2026-12-07 14:00:06,002] runner/WARNING/locust.runners: Worker runner_5f1c (index 1) exceeded cpu threshold (will only log this once per worker)'
const CPU_SUMMARY =
  '[2026-12-07 14:00:20,002] runner/WARNING/locust.runners: CPU usage threshold was exceeded on workers during the test!'

const facts: RunFacts = {
  backend: 'local',
  backendLabel: 'local',
  users: 20,
  spawnRate: 10,
  workers: 2,
  runTimeSeconds: 30,
  workersConnected: 2,
  workersJoined: 2,
  workersLost: 0,
  durationSeconds: 30
}

function resultsPeaking(peakUsers: number): LocustResults {
  return {
    historySpan: {
      first: { timestamp: 1000, totalRequests: 0, totalFailures: 0 },
      lastTimestamp: 1030,
      peakUsers,
      finalUsers: peakUsers
    }
  } as LocustResults
}

const quiet = { cpuWarnings: [], loadShape: false, workersMissed: 0 }

describe('logSignals', () => {
  test("names the master and each worker whose CPU Locust warned about, from the master's log", () => {
    const signals = logSignals([
      { name: 'master.log', text: `start\n${CPU_OWN}\n${CPU_WORKER}\n${CPU_SUMMARY}\n` },
      { name: 'worker-2.log', text: `${CPU_OWN}\n` }
    ])
    expect(signals.cpuWarnings).toEqual(['the master', 'worker 1'])
  })

  test("takes a worker's own log when the master named none", () => {
    const signals = logSignals([
      { name: 'master.log', text: 'all quiet\n' },
      { name: 'worker-1.log', text: 'fine\n' },
      { name: 'worker-2.log', text: `${CPU_OWN}\n` }
    ])
    expect(signals.cpuWarnings).toEqual(['worker 2'])
  })

  test('has no warning when Locust gave none', () => {
    expect(logSignals([{ name: 'master.log', text: 'Ramping to 20 users\n' }])).toEqual(quiet)
  })

  test("reads a load shape's own peak", () => {
    const master = [
      'x/INFO/locust.runners: Shape test starting. User count and spawn rate are ignored for this type of load test',
      'x/INFO/locust.runners: Shape test updating to 10 users at 5.00 spawn rate',
      'x/INFO/locust.runners: Shape test updating to 40 users at 5.00 spawn rate',
      'x/INFO/locust.runners: Shape test updating to 5 users at 5.00 spawn rate'
    ].join('\n')
    expect(logSignals([{ name: 'master.log', text: master }])).toMatchObject({
      loadShape: true,
      shapePeakUsers: 40
    })
  })
})

describe('unfitReasons', () => {
  test('a run that did what was planned is fit', () => {
    expect(unfitReasons({ facts, results: resultsPeaking(20), signals: quiet })).toEqual([])
  })

  test('a CPU warning comes first, naming the process', () => {
    const reasons = unfitReasons({
      facts: { ...facts, workersConnected: 1 },
      results: resultsPeaking(20),
      signals: { ...quiet, cpuWarnings: ['the master', 'worker 1'] }
    })
    expect(reasons[0]).toMatch(
      /^Locust warned that the CPU of the master and worker 1 was above 90 %/
    )
    expect(reasons[1]).toMatch(/^Only 1 of the 2 workers asked for connected/)
  })

  test('a lost worker counts, a replaced one does not', () => {
    const lost = unfitReasons({
      facts: { ...facts, workersLost: 1 },
      results: resultsPeaking(20),
      signals: quiet
    })
    expect(lost).toEqual([expect.stringMatching(/^1 worker was lost during the run/)])
    const replaced = unfitReasons({
      facts: { ...facts, workersLost: 1, workersJoined: 3 },
      results: resultsPeaking(20),
      signals: quiet
    })
    expect(replaced).toEqual([])
  })

  test('users that never reached the requested count', () => {
    expect(unfitReasons({ facts, results: resultsPeaking(12), signals: quiet })).toEqual([
      expect.stringMatching(/^Users never reached the count requested: at most 12 of 20\./)
    ])
  })

  test('a history that shows no users while requests were made did not see the load: not judged', () => {
    // Locust flushes its history every 10 s: a short run may leave only rows from before and after.
    expect(unfitReasons({ facts, results: resultsPeaking(0), signals: quiet })).toEqual([])
  })

  test('a load shape is held to its own peak, and may end before the run time', () => {
    const shape = { cpuWarnings: [], loadShape: true, shapePeakUsers: 40, workersMissed: 0 }
    const short = { ...facts, durationSeconds: 10 }
    expect(unfitReasons({ facts: short, results: resultsPeaking(40), signals: shape })).toEqual([])
    expect(unfitReasons({ facts: short, results: resultsPeaking(25), signals: shape })).toEqual([
      expect.stringContaining('the load shape asked for at its peak: at most 25 of 40')
    ])
  })

  test('a run that stopped early for no stated reason; a little short is not early', () => {
    const early = unfitReasons({
      facts: { ...facts, durationSeconds: 12 },
      results: resultsPeaking(20),
      signals: quiet
    })
    expect(early).toEqual([
      expect.stringMatching(/^The test stopped after 12 s of its 30 s run time/)
    ])
    const onTime = { ...facts, durationSeconds: 28 }
    expect(unfitReasons({ facts: onTime, results: resultsPeaking(20), signals: quiet })).toEqual([])
  })

  test('users that a master took from workers whose heartbeats it missed, long before the run time', () => {
    // Seen on a busy machine: the master missed its workers' heartbeats 12 s into a 30 s run.
    const stopped = (at: number) =>
      ({
        historySpan: { ...resultsPeaking(20).historySpan!, usersStoppedAt: at, finalUsers: 1 }
      }) as LocustResults
    const missed = { ...quiet, workersMissed: 2 }
    expect(unfitReasons({ facts, results: stopped(1012), signals: missed })).toEqual([
      expect.stringMatching(
        /^The users stopped after 12 s of the 30 s run time and did not come back: the master missed the heartbeats of 2 workers/
      )
    ])
    // Users that stopped themselves (StopUser) while the workers kept their heartbeats: as meant.
    expect(unfitReasons({ facts, results: stopped(1012), signals: quiet })).toEqual([])
    // Users stop when the run time is up: the last rows show none.
    expect(unfitReasons({ facts, results: stopped(1029), signals: missed })).toEqual([])
    // A load shape ends when it likes.
    const shape = { ...missed, loadShape: true, shapePeakUsers: 20 }
    expect(unfitReasons({ facts, results: stopped(1012), signals: shape })).toEqual([])
    // Rounds stop their users between rounds, and the last one ends inside the run time's allowance.
    expect(unfitReasons({ facts, results: stopped(1012), signals: missed, rounds: true })).toEqual(
      []
    )
    // A run time measured from the history (a folder judged on its own) is no plan to fall short of.
    const measured = { ...facts, runTimeResolutionSeconds: 2 }
    expect(unfitReasons({ facts: measured, results: stopped(1012), signals: missed })).toEqual([])
  })

  test('counts each worker whose heartbeat the master missed once (Locust 2.12 and 2.4x words)', () => {
    const master = [
      '[2026-12-08 01:45:32,101] ip/INFO/locust.runners: Worker ip-10-0-1-7_a1b2 failed to send heartbeat, setting state to missing.',
      '[2026-12-08 01:45:33,102] ip/INFO/locust.runners: Worker ip-10-0-1-9_c3d4 failed to send heartbeat, setting state to missing.',
      '[2026-12-08 01:45:41,102] ip/INFO/locust.runners: Worker ip-10-0-1-7_a1b2 failed to send heartbeat, setting state to missing.'
    ].join('\n')
    expect(logSignals([{ name: 'master.log', text: master }]).workersMissed).toBe(2)
  })

  test('what is not known is not checked (CSVs judged on their own)', () => {
    const unknown = { ...facts, users: 0, workers: 0, runTimeSeconds: 0 }
    delete unknown.workersConnected
    delete unknown.durationSeconds
    expect(unfitReasons({ facts: unknown, signals: quiet })).toEqual([])
  })
})

describe('comparability', () => {
  test('names each condition that differs, and ignores what one side does not know', () => {
    expect(
      conditionChanges(
        { users: 20, spawnRate: 10, runTimeSeconds: 30, workers: 2, locustVersion: '2.12.1' },
        { users: 10, spawnRate: 10, runTimeSeconds: 30, workers: 0, locustVersion: '2.43.3' }
      )
    ).toEqual([
      'users 20 now, 10 in the baseline',
      'Locust version 2.12.1 now, 2.43.3 in the baseline'
    ])
    expect(
      conditionChanges({ users: 20, spawnRate: 10, runTimeSeconds: 30, workers: 2 }, {})
    ).toEqual([])
    // Seen in a report: "run time (s) 22 now, 70 in the baseline".
    expect(
      conditionChanges(
        { users: 20, spawnRate: 10, runTimeSeconds: 22, workers: 2 },
        { users: 20, spawnRate: 10, runTimeSeconds: 70, workers: 2 }
      )
    ).toEqual(['run time 22s now, 1m10s in the baseline'])
  })

  test('a run time measured from the history agrees within its resolution, on either side', () => {
    const conditions = { users: 20, spawnRate: 0, workers: 0 }
    const measured = (runTimeSeconds: number) => ({
      ...conditions,
      runTimeSeconds,
      runTimeResolutionSeconds: 2
    })
    // Two 15-second runs whose histories span 17 s and 18 s.
    expect(conditionChanges(measured(18), measured(17))).toEqual([])
    expect(conditionChanges(measured(17), { ...conditions, runTimeSeconds: 18 })).toEqual([])
    expect(conditionChanges({ ...conditions, runTimeSeconds: 18 }, measured(17))).toEqual([])
    expect(conditionChanges(measured(21), measured(17))).toEqual([
      'run time 21s now, 17s in the baseline'
    ])
    // Requested run times on both sides are compared as they are.
    expect(
      conditionChanges({ ...conditions, runTimeSeconds: 18 }, { ...conditions, runTimeSeconds: 17 })
    ).toEqual(['run time 18s now, 17s in the baseline'])
  })

  test('makes decided baseline rules inconclusive, and leaves fixed and skipped rules alone', () => {
    const [fixed, relative, skipped] = parseThresholds(
      'p95 < 500ms\np95 < baseline * 1.1\np99 < baseline * 1.2'
    )
    const evaluation = withBaselineUndecided(
      {
        passed: false,
        inconclusive: false,
        confidence: 0.95,
        results: [
          { rule: fixed, actual: 10, limit: 500, verdict: 'pass' },
          { rule: relative, actual: 30, limit: 11, verdict: 'fail' },
          { rule: skipped, actual: null, limit: null, verdict: 'skipped', reason: 'skipped' }
        ]
      },
      'other conditions'
    )
    expect(evaluation).toMatchObject({ passed: true, inconclusive: true, confidence: 0.95 })
    expect(evaluation.results.map((result) => result.verdict)).toEqual([
      'pass',
      'inconclusive',
      'skipped'
    ])
    expect(evaluation.results[1].reason).toBe('other conditions')
  })
})
