import { describe, expect, test } from '@jest/globals'
import {
  billedSeconds,
  costSentence,
  runCost,
  taskUsage,
  type TaskUsage
} from '../../src/backend/aws/cost.js'

const start = new Date('2026-12-07T10:00:00Z')
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000)
const task = (seconds: number, overrides: Partial<TaskUsage> = {}): TaskUsage => ({
  cpuUnits: 1024,
  memoryMiB: 2048,
  architecture: 'X86_64',
  spot: false,
  pullStartedAt: start,
  stoppedAt: at(seconds),
  ...overrides
})

describe('billedSeconds', () => {
  test('per second, rounded up, with a one-minute minimum, from the image pull', () => {
    expect(billedSeconds(task(1830.2), at(9999))).toBe(1831)
    expect(billedSeconds(task(12), at(9999))).toBe(60)
    // Still running when the run ended: billed until then.
    expect(billedSeconds(task(0, { stoppedAt: undefined }), at(95))).toBe(95)
    // Never pulled its image (failed to start): never billed.
    expect(billedSeconds(task(30, { pullStartedAt: undefined }), at(95))).toBe(0)
  })
})

describe('runCost', () => {
  test('a 30-minute run with a master and 50 workers, checked by hand', () => {
    // 51 tasks × 1,830 s of 1 vCPU and 2 GB in us-east-1:
    // 51 × 1830 / 3600 h × (0.04048 + 2 × 0.004445) $/h = 25.925 h × 0.04937 $/h = 1.27992 $
    // Step Functions: 2,000 transitions × 0.000025 $ = 0.05 $
    // S3: 120 writes × 0.005 $/1000 + 400 reads × 0.0004 $/1000 = 0.0006 + 0.00016 = 0.00076 $
    const cost = runCost(
      {
        region: 'us-east-1',
        tasks: Array.from({ length: 51 }, () => task(1830)),
        stateTransitions: 2000,
        s3Writes: 120,
        s3Reads: 400
      },
      at(4000)
    )
    if ('unknown' in cost) throw new Error(cost.unknown)
    expect(cost.billedSeconds).toBe(51 * 1830)
    expect(cost.fargateUsd).toBeCloseTo(1.27992, 5)
    expect(cost.stepFunctionsUsd).toBeCloseTo(0.05, 10)
    expect(cost.s3Usd).toBeCloseTo(0.00076, 10)
    expect(cost.totalUsd).toBeCloseTo(1.27992 + 0.05 + 0.00076, 5)
    expect(cost.spotRates).toBeUndefined()
    expect(costSentence(cost)).toBe(
      '$1.33 (Fargate $1.28 for 25.93 task-hours, Step Functions $0.05 for 2,000 state transitions, S3 $0.0008; us-east-1 list prices of 2026-03)'
    )
  })

  test('transitions that could not be counted are left out of the total, and the sentence says so', () => {
    const cost = runCost(
      {
        region: 'us-east-1',
        tasks: Array.from({ length: 51 }, () => task(1830)),
        stateTransitions: { unknown: 'AccessDeniedException: states:ListExecutions' },
        s3Writes: 120,
        s3Reads: 400
      },
      at(4000)
    )
    if ('unknown' in cost) throw new Error(cost.unknown)
    expect(cost.stepFunctionsUsd).toBe(0)
    expect(cost.totalUsd).toBeCloseTo(1.27992 + 0.00076, 5)
    expect(costSentence(cost)).toBe(
      '$1.28 (Fargate $1.28 for 25.93 task-hours, Step Functions not counted (AccessDeniedException: states:ListExecutions), S3 $0.0008; us-east-1 list prices of 2026-03)'
    )
  })

  test('ARM and Spot tasks at their own rates; Spot marked as an estimate', () => {
    const hour = 3600
    const priced = (overrides: Partial<TaskUsage>) => {
      const cost = runCost(
        {
          region: 'us-east-1',
          tasks: [task(hour, { memoryMiB: 1024, ...overrides })],
          stateTransitions: 0,
          s3Writes: 0,
          s3Reads: 0
        },
        at(hour)
      )
      if ('unknown' in cost) throw new Error(cost.unknown)
      return cost
    }
    expect(priced({}).fargateUsd).toBeCloseTo(0.04048 + 0.004445, 10)
    expect(priced({ architecture: 'ARM64' }).fargateUsd).toBeCloseTo(0.03238 + 0.00356, 10)
    const spot = priced({ spot: true })
    expect(spot.fargateUsd).toBeCloseTo(0.01214386 + 0.00133335, 10)
    expect(spot.spotRates).toEqual({ vcpuHour: 0.01214386, gbHour: 0.00133335 })
  })

  test('a region without prices, or ARM on Spot, is unknown with the reason', () => {
    const usage = { tasks: [task(60)], stateTransitions: 0, s3Writes: 0, s3Reads: 0 }
    expect(runCost({ ...usage, region: 'ap-south-2' }, at(60))).toEqual({
      unknown: expect.stringMatching(/^no Fargate prices for ap-south-2 in the table/)
    })
    expect(
      runCost(
        { ...usage, region: 'us-east-1', tasks: [task(60, { spot: true, architecture: 'ARM64' })] },
        at(60)
      )
    ).toEqual({ unknown: expect.stringMatching(/Spot has no ARM64 tasks/) })
  })
})

describe('taskUsage and costSentence', () => {
  test('ECS task descriptions become usage: size, architecture, Spot, billing times', () => {
    const stopped = new Date('2026-12-07T10:30:00Z')
    expect(
      taskUsage({
        cpu: '2048',
        memory: '4096',
        capacityProviderName: 'FARGATE_SPOT',
        attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
        pullStartedAt: start,
        stoppedAt: stopped
      })
    ).toEqual({
      cpuUnits: 2048,
      memoryMiB: 4096,
      architecture: 'X86_64',
      spot: true,
      pullStartedAt: start,
      stoppedAt: stopped
    })
    expect(taskUsage({ attributes: [{ name: 'ecs.cpu-architecture', value: 'arm64' }] })).toEqual({
      cpuUnits: 256,
      memoryMiB: 512,
      architecture: 'ARM64',
      spot: false
    })
  })

  test('the sentence says the total, its parts, the prices used and when Spot is an estimate', () => {
    // An hour of 1 vCPU and 2 GB on demand ($0.04937) and on Spot ($0.01481), 400 transitions
    // ($0.01) and 10 writes and 30 reads ($0.00006): $0.07424.
    const cost = runCost(
      {
        region: 'us-east-1',
        tasks: [task(3600), task(3600, { spot: true })],
        stateTransitions: 400,
        s3Writes: 10,
        s3Reads: 30
      },
      at(3600)
    )
    if ('unknown' in cost) throw new Error(cost.unknown)
    expect(costSentence(cost)).toBe(
      '$0.07 (Fargate $0.06 for 2.00 task-hours, Step Functions $0.01 for 400 state transitions, S3 $0.0001; us-east-1 list prices of 2026-03; Fargate Spot at $0.01214386 per vCPU-hour and $0.00133335 per GB-hour, an estimate: AWS varies Spot prices)'
    )
  })
})
