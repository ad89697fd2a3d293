/**
 * The duet's parts that are plain logic: how the run splits into two executions, and the one
 * progress line for both. The duet itself runs end to end on the emulator: __tests__/e2e-aws/duet.test.ts.
 */
import { join } from 'node:path'
import { duetExecutions, duetProgress } from '../../src/backend/aws/duet.js'
import { combinedUsage } from '../../src/backend/aws/cost.js'
import type { Progress } from '../../src/run/progress.js'
import { awsRunConfig, awsSettings } from '../support/aws.js'

test('each side gets half the users, spawn rate, workers and minimum workers; the baseline its host and folder', () => {
  const config = awsRunConfig('/work', {
    users: 10,
    spawnRate: 4,
    workers: 6,
    host: 'http://candidate.internal',
    backend: awsSettings({ minWorkers: 3 }),
    rounds: { design: 'duet', count: 3, warmupSeconds: 5, baselineHost: 'http://baseline.internal' }
  })
  const [candidate, baseline] = duetExecutions(config, 'run-1', 'run-1-b')
  for (const side of [candidate, baseline]) {
    expect(side.config).toMatchObject({ users: 5, spawnRate: 2, workers: 3 })
    expect(side.config.backend.minWorkers).toBe(2)
  }
  expect(candidate).toMatchObject({
    side: 'candidate',
    runId: 'run-1',
    config: { host: 'http://candidate.internal', resultsDir: join('/work', 'results') }
  })
  expect(baseline).toMatchObject({
    side: 'baseline',
    runId: 'run-1-b',
    config: { host: 'http://baseline.internal', resultsDir: join('/work', 'results', 'baseline') }
  })
})

test('the progress line adds up both sides’ load and shows the baseline’s figures beside the candidate’s', () => {
  const lines: Progress[] = []
  const progress = duetProgress((line) => lines.push(line))
  const candidate: Progress = {
    elapsedSeconds: 10,
    totalSeconds: 60,
    users: 5,
    workers: 3,
    rps: 20,
    p95Ms: 30,
    failures: 0,
    failRatio: 0
  }
  progress('candidate')(candidate)
  progress('baseline')({ ...candidate, rps: 8, p95Ms: 170, failures: 1, failRatio: 0.0125 })
  expect(lines).toHaveLength(1)
  progress('candidate')({ ...candidate, elapsedSeconds: 15 })
  expect(lines).toEqual([
    candidate,
    {
      ...candidate,
      elapsedSeconds: 15,
      users: 10,
      workers: 6,
      rps: 28,
      message: 'baseline p95 170 ms, 1.3% failed'
    }
  ])
})

test('the cost counts the tasks, transitions and requests of both executions', () => {
  const task = { cpuUnits: 1024, memoryMiB: 2048, architecture: 'X86_64' as const, spot: false }
  const usage = (transitions: number | { unknown: string }) => ({
    region: 'eu-west-1',
    tasks: [task, task],
    stateTransitions: transitions,
    s3Writes: 3,
    s3Reads: 5
  })
  expect(combinedUsage([usage(40), usage(42)])).toEqual({
    region: 'eu-west-1',
    tasks: [task, task, task, task],
    stateTransitions: 82,
    s3Writes: 6,
    s3Reads: 10
  })
  expect(combinedUsage([usage(40), usage({ unknown: 'no history' })]).stateTransitions).toEqual({
    unknown: 'no history'
  })
})
