import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  diagnoseRun,
  errorLines,
  logTime,
  MasterLogWatcher,
  pythonErrorExcerpt,
  relevantLines,
  strayLines,
  type RunEvidence
} from '../../src/backend/local/log.js'
import { REPO } from '../support/helpers.js'

const fixture = (name: string): string =>
  readFileSync(join(REPO, '__tests__/local/fixtures', name), 'utf8')

function evidence(overrides: Partial<RunEvidence>): RunEvidence {
  return {
    master: { name: 'master.log', text: fixture('master-completed.log') },
    masterExit: { code: 1, signal: null },
    workersExpected: 2,
    workersConnected: 2,
    gaveUpWaitingForWorkers: false,
    testStarted: true,
    workersLost: [],
    locustfile: '/app/locustfile.py',
    ...overrides
  }
}

describe('MasterLogWatcher on a real Locust 2.12 master log', () => {
  test('counts workers that joined, and workers lost mid-run (no heartbeat), as Locust logs them', () => {
    const watcher = new MasterLogWatcher()
    watcher.consume(
      [
        '[2026-11-28 01:16:28,206] vm/INFO/locust.runners: Worker vm_1f (index 0) reported as ready. 1 workers connected.',
        '[2026-11-28 01:16:28,234] vm/INFO/locust.runners: Worker vm_4c (index 1) reported as ready. 2 workers connected.',
        '[2026-11-28 01:16:40,001] vm/INFO/locust.runners: Worker vm_4c failed to send heartbeat, setting state to missing.',
        '[2026-11-28 01:16:47,512] vm/INFO/locust.runners: Worker vm_9a (index 2) reported as ready. 2 workers connected.',
        ''
      ].join('\n')
    )
    expect([watcher.workersJoined, watcher.workersMissing]).toEqual([3, 1])
  })

  test('counts each worker once, though with rounds it reports as ready again after every round', () => {
    const watcher = new MasterLogWatcher()
    watcher.consume(
      [
        '[2026-12-07 16:48:36,687] vm/INFO/locust.runners: Worker vm_56 (index 0) reported as ready. 1 workers connected.',
        // Current Locust (2.46) leaves out the word "Worker".
        '[2026-12-07 16:48:36,974] vm/INFO/locust.runners: vm_78 (index 1) reported as ready. 2 workers connected.',
        '[2026-12-07 16:48:42,532] vm/INFO/locust.runners: Worker vm_56 (index 0) reported as ready. 2 workers connected.',
        '[2026-12-07 16:48:42,532] vm/INFO/locust.runners: vm_78 (index 1) reported as ready. 2 workers connected.',
        '[2026-12-07 16:48:48,550] vm/INFO/locust.runners: Worker vm_56 (index 0) reported as ready. 2 workers connected.',
        ''
      ].join('\n')
    )
    expect(watcher.workersJoined).toBe(2)
  })

  test('follows workers and the test start and end, whatever the chunk boundaries', () => {
    const text = fixture('master-completed.log')
    for (const chunkSize of [7, 100, text.length]) {
      const watcher = new MasterLogWatcher()
      for (let i = 0; i < text.length; i += chunkSize) watcher.consume(text.slice(i, i + chunkSize))
      expect(watcher.workersConnected).toBe(2)
      expect([watcher.workersJoined, watcher.workersMissing]).toEqual([2, 0])
      expect(watcher.gaveUpWaitingForWorkers).toBe(false)
      expect(watcher.portBusy).toBe(false)
      // "Run time limit set" at 01:18:10,921 and "--run-time limit reached" 6 s later.
      expect(watcher.testEndedAt! - watcher.testStartedAt!).toBe(6001)
    }
  })

  test('notices a master that gave up waiting and a busy port', () => {
    const watcher = new MasterLogWatcher()
    watcher.consume(fixture('master-no-workers.log'))
    watcher.consume(
      '[2026-11-28 01:08:44,861] vm/ERROR/locust.runners: The Locust master port (127.0.0.1:57065) was busy. Close any applications using that port\n'
    )
    expect(watcher.gaveUpWaitingForWorkers).toBe(true)
    expect(watcher.portBusy).toBe(true)
    expect(watcher.workersConnected).toBe(0)
    expect(watcher.testStartedAt).toBeUndefined()
  })

  test('a line is only read once it is complete', () => {
    const watcher = new MasterLogWatcher()
    watcher.consume(
      '[2026-11-28 01:18:09,921] vm/INFO/locust.runners: Worker a (index 0) reported as ready. 1 workers conn'
    )
    expect(watcher.workersConnected).toBe(0)
    watcher.consume('ected.\n')
    expect(watcher.workersConnected).toBe(1)
  })
})

test('logTime reads the local time Locust writes, to the millisecond', () => {
  expect(
    logTime('[2026-11-28 01:18:10,921] vm/INFO/locust.main: Run time limit set to 6 seconds')
  ).toBe(new Date(2026, 10, 28, 1, 18, 10, 921).getTime())
  expect(logTime('Type     Name')).toBeUndefined()
})

describe('quoting the lines that matter', () => {
  test('a syntax error: the locustfile frame, its code, the caret and the error', () => {
    expect(pythonErrorExcerpt(fixture('master-syntax-error.log'))).toEqual([
      '  File "/home/runner/work/app/bad.py", line 4',
      '    def t(self)',
      '               ^',
      "SyntaxError: expected ':'"
    ])
  })

  test('an error raised in the locustfile body keeps its frame', () => {
    const log = [
      'Traceback (most recent call last):',
      '  File "<string>", line 23, in <module>',
      '  File "/app/locustfile.py", line 3, in <module>',
      '    STAGES = load()',
      '             ^^^^^^',
      "FileNotFoundError: [Errno 2] No such file or directory: 'stages.json'",
      ''
    ].join('\n')
    expect(pythonErrorExcerpt(log)).toEqual([
      '  File "/app/locustfile.py", line 3, in <module>',
      '    STAGES = load()',
      '             ^^^^^^',
      "FileNotFoundError: [Errno 2] No such file or directory: 'stages.json'"
    ])
  })

  test('error lines lose their timestamp and keep their level', () => {
    expect(errorLines(fixture('master-unknown-user.log'))).toEqual([
      'ERROR Unknown User(s): NoSuchUser'
    ])
  })

  test('stray stderr lines are found among the stats tables, our own notes left out', () => {
    const log = `${fixture('master-no-workers.log')}[distributed-locust] stop requested (the run was cancelled)\nIt makes no sense to combine --run-time and LoadShapes. Bailing out.\n`
    expect(strayLines(log)).toEqual([
      'It makes no sense to combine --run-time and LoadShapes. Bailing out.'
    ])
    expect(relevantLines(log)).toEqual(['ERROR Gave up waiting for workers to connect'])
    expect(relevantLines(fixture('master-completed.log'))).toEqual([])
  })
})

describe('diagnoseRun', () => {
  test('a run that completed, failures or not, is not an error', () => {
    expect(diagnoseRun(evidence({}))).toBeUndefined()
    expect(diagnoseRun(evidence({ masterExit: { code: 0, signal: null } }))).toBeUndefined()
  })

  test('a locustfile that does not load', () => {
    const message = diagnoseRun(
      evidence({
        master: { name: 'master.log', text: fixture('master-syntax-error.log') },
        workersConnected: 0,
        testStarted: false
      })
    )
    expect(message).toMatch(/^Locust could not load the locustfile \/app\/locustfile.py:\n/)
    expect(message).toContain("SyntaxError: expected ':'")
    expect(message).toContain('def t(self)')
    expect(message).toMatch(/\(from master.log\)$/)
  })

  test('a locustfile that a worker failed to load before the master logged it', () => {
    const message = diagnoseRun(
      evidence({
        master: { name: 'master.log', text: fixture('master-no-workers.log').split('\n')[0] },
        workersConnected: 0,
        testStarted: false,
        workersLost: [
          {
            name: 'worker-1.log',
            exit: { code: 1, signal: null },
            text: fixture('master-syntax-error.log')
          }
        ]
      })
    )
    expect(message).toMatch(/^Locust could not load the locustfile \/app\/locustfile.py:\n/)
    expect(message).toContain("SyntaxError: expected ':'")
    expect(message).toMatch(/\(from worker-1.log\)$/)
  })

  test('an unknown user class', () => {
    const message = diagnoseRun(
      evidence({
        master: { name: 'master.log', text: fixture('master-unknown-user.log') },
        workersConnected: 0,
        testStarted: false
      })
    )
    expect(message).toBe(
      'Locust could not start:\n  ERROR Unknown User(s): NoSuchUser\n(from master.log)'
    )
  })

  test('workers that never connected are quoted from their own logs', () => {
    const message = diagnoseRun(
      evidence({
        master: { name: 'master.log', text: fixture('master-no-workers.log') },
        workersConnected: 1,
        gaveUpWaitingForWorkers: true,
        testStarted: false,
        workersLost: [
          {
            name: 'worker-2.log',
            exit: { code: 1, signal: null },
            text: '[2026-11-28 01:21:33,100] vm/CRITICAL/locust.main: Could not connect to master\n'
          }
        ]
      })
    )
    expect(message).toBe(
      'Only 1 of 2 Locust workers connected to the master in time.\n  worker-2.log: CRITICAL Could not connect to master\n(from the worker logs)'
    )
  })

  test('a master that stopped before the test began', () => {
    const text = `${fixture('master-no-workers.log').split('[2026-11-28 01:21:34')[0]}It makes no sense to combine --run-time and LoadShapes. Bailing out.\n`
    expect(
      diagnoseRun(evidence({ master: { name: 'master.log', text }, testStarted: false }))
    ).toBe(
      'Locust stopped before the test started:\n  It makes no sense to combine --run-time and LoadShapes. Bailing out.\n(from master.log)'
    )
  })

  test('a master that crashed or was killed mid-test', () => {
    expect(diagnoseRun(evidence({ masterExit: { code: null, signal: 'SIGKILL' } }))).toBe(
      'The Locust master was ended by SIGKILL before the test completed. See master.log for details.'
    )
    expect(diagnoseRun(evidence({ masterExit: { code: 3, signal: null } }))).toMatch(
      /^The Locust master exited with code 3/
    )
  })

  test('a worker lost during the test makes the results partial', () => {
    const message = diagnoseRun(
      evidence({
        workersLost: [{ name: 'worker-1.log', exit: { code: null, signal: 'SIGKILL' }, text: '' }]
      })
    )
    expect(message).toBe(
      '1 Locust worker(s) stopped during the test; the results are partial.\n  worker-1.log: ended by SIGKILL\n(from the worker logs)'
    )
  })
})
