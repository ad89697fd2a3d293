/** Live progress, abort rules and a dead master on the AWS backend, against stand-in clients. */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn'
import { ListTasksCommand, type DescribeTasksCommand } from '@aws-sdk/client-ecs'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { LiveFollower } from '../../src/backend/aws/live.js'
import { deadMasterMessage, monitorExecution } from '../../src/backend/aws/monitor.js'
import type { Progress } from '../../src/run/progress.js'
import { parseThresholds } from '../../src/thresholds/parse.js'

const MASTER_ARN = 'arn:aws:ecs:eu-west-1:1:task/c/0123abcd'

function masterTask(lastStatus: string, exitCode?: number) {
  return {
    taskArn: MASTER_ARN,
    lastStatus,
    stoppedReason: lastStatus === 'STOPPED' ? 'Essential container in task exited' : undefined,
    containers: [{ name: 'locust', exitCode }],
    overrides: { containerOverrides: [{ command: ['master'] }] }
  }
}

/** Follows an execution that stays RUNNING for `runningPolls` polls while the master goes through `master`. */
async function monitor(master: ReturnType<typeof masterTask>[], runningPolls = 10) {
  let polls = 0
  const clients = {
    stepFunctions: {
      send: async (command: object) =>
        command instanceof DescribeExecutionCommand
          ? { status: polls++ < runningPolls ? 'RUNNING' : 'SUCCEEDED' }
          : { events: [] }
    },
    ecs: {
      send: async (command: object) =>
        command instanceof ListTasksCommand
          ? { taskArns: [MASTER_ARN] }
          : {
              tasks: (command as DescribeTasksCommand).input.tasks!.map(
                () => master.shift() ?? masterTask('RUNNING')
              )
            }
    }
  } as unknown as Parameters<typeof monitorExecution>[0]
  let now = 0
  const end = await monitorExecution(clients, {
    executionArn: 'arn:aws:states:eu-west-1:1:execution:sm:run-1',
    cluster: 'c',
    runId: 'run-1',
    clock: { now: () => now, sleep: async (ms) => void (now += ms) },
    signal: new AbortController().signal,
    deadline: 600_000,
    log: () => undefined
  })
  return { end, polls }
}

describe('a master that dies mid-run', () => {
  test('is noticed on the next poll while the execution still runs', async () => {
    const { end, polls } = await monitor([masterTask('RUNNING'), masterTask('STOPPED', 137)])
    expect(end).toMatchObject({ kind: 'master-stopped', task: { taskArn: MASTER_ARN } })
    expect(polls).toBe(2)
  })

  test('is noticed while its task deprovisions, once its exit code is known', async () => {
    const { end } = await monitor([masterTask('DEPROVISIONING', 1)])
    expect(end).toMatchObject({ kind: 'master-stopped' })
  })

  test('a master that ended its test (exit code 0) lets the execution end on its own', async () => {
    const { end } = await monitor([masterTask('RUNNING'), masterTask('STOPPED', 0)], 4)
    expect(end.kind).toBe('finished')
  })

  test('the message names the exit code, the stop reason and the log stream', () => {
    expect(deadMasterMessage(masterTask('STOPPED', 137), '/dl/tasks')).toBe(
      'The Locust master task 0123abcd stopped with exit code 137 (Essential container in task exited) while the run was still going, so every worker was stopped at once. Its log: CloudWatch Logs group /dl/tasks, stream run/locust/0123abcd.'
    )
    expect(
      deadMasterMessage({ ...masterTask('STOPPED'), stoppedReason: undefined }, undefined)
    ).toBe(
      'The Locust master task 0123abcd stopped without an exit code while the run was still going, so every worker was stopped at once. Its log: CloudWatch Logs stream run/locust/0123abcd.'
    )
  })
})

describe('LiveFollower', () => {
  const s3 = mockClient(S3Client)
  afterAll(() => s3.restore())
  beforeEach(() => s3.reset())

  /** progress.json at `elapsedSeconds` with these totals (all of it the aggregate). */
  function progressJson(elapsedSeconds: number, requests: number, failures: number): string {
    const figures = {
      method: '',
      name: 'Aggregated',
      numRequests: requests,
      numFailures: failures,
      minMs: 1,
      maxMs: 30,
      avgMs: 5,
      medianMs: 4,
      avgContentLength: 10,
      rps: requests / elapsedSeconds,
      failRps: failures / elapsedSeconds,
      currentRps: 40,
      percentiles: { '50': 4, '95': 12 }
    }
    return JSON.stringify({
      version: 1,
      writtenAt: `2026-12-07T14:00:${String(elapsedSeconds).padStart(2, '0')}Z`,
      state: 'running',
      elapsedSeconds,
      users: 8,
      workersConnected: 2,
      abortRequested: null,
      endpoints: [],
      aggregate: figures
    })
  }

  function follower(thresholds: string) {
    const progress: Progress[] = []
    const lines: string[] = []
    const warnings: string[] = []
    const live = new LiveFollower({
      s3: new S3Client({ region: 'eu-west-1' }),
      bucket: 'b',
      runId: 'run-1',
      thresholds: parseThresholds(thresholds),
      runTimeSeconds: 600,
      onProgress: (line) => progress.push(line),
      log: (line) => lines.push(line),
      warn: (line) => warnings.push(line)
    })
    return { live, progress, lines, warnings }
  }

  const serve = (...texts: string[]) => {
    const call = s3.on(GetObjectCommand, { Bucket: 'b', Key: 'runs/run-1/results/progress.json' })
    for (const text of texts) {
      call.resolvesOnce({
        Body: { transformToString: async () => text }
      } as never)
    }
  }

  test('prints the master progress and sends the abort command once a rule has been breached long enough', async () => {
    serve(progressJson(10, 100, 0), progressJson(20, 300, 150), progressJson(50, 900, 700))
    const { live, progress, lines } = follower('fail_ratio < 5% abort after 30s')
    await live.poll(0, 0)
    await live.poll(1_000, 1_000) // within 5 s of the last read: not read again
    await live.poll(5_000, 5_000)
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0)
    await live.poll(10_000, 10_000)
    expect(progress.map((line) => [line.elapsedSeconds, line.workers, line.p95Ms])).toEqual([
      [0, undefined, undefined],
      [10, 2, 12],
      [20, 2, 12],
      [50, 2, 12]
    ])
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)
    expect(puts).toHaveLength(1)
    expect(puts[0]).toMatchObject({ Bucket: 'b', Key: 'runs/run-1/control/abort.json' })
    expect(JSON.parse(String(puts[0].Body))).toMatchObject({
      reason: 'aborted at 0:50 by fail_ratio < 5% abort after 30s (77.78%, breached since 0:20)'
    })
    expect(live.aborted).toEqual({
      rule: 'fail_ratio < 5% abort after 30s',
      atSeconds: 50,
      message: 'aborted at 0:50 by fail_ratio < 5% abort after 30s (77.78%, breached since 0:20)'
    })
    expect(lines).toEqual([
      'The run is aborted at 0:50 by fail_ratio < 5% abort after 30s (77.78%, breached since 0:20): asked the master to stop (s3://b/runs/run-1/control/abort.json)'
    ])
  })

  test('the last figures, written as Locust quits, print no progress line', async () => {
    const stopped = { ...JSON.parse(progressJson(30, 300, 0)), state: 'stopped', users: 0 }
    serve(progressJson(10, 100, 0), JSON.stringify(stopped))
    const { live, progress } = follower('fail_ratio < 5%')
    await live.poll(0, 0)
    await live.poll(5_000, 5_000)
    expect(progress.map((line) => line.elapsedSeconds)).toEqual([0, 10])
  })

  test('no progress.json yet is no warning; another failure warns once', async () => {
    s3.on(GetObjectCommand).rejectsOnce(Object.assign(new Error('gone'), { name: 'NoSuchKey' }))
    const { live, warnings } = follower('fail_ratio < 5% abort after 30s')
    await live.poll(0, 0)
    expect(warnings).toEqual([])
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })
    )
    await live.poll(5_000, 5_000)
    await live.poll(10_000, 10_000)
    expect(warnings).toEqual([
      'Could not read the live progress s3://b/runs/run-1/results/progress.json (Access Denied); progress lines and abort rules wait for it.'
    ])
  })
})
