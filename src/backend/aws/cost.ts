/**
 * What a run cost on AWS, from what ECS says each task used: Fargate bills each task per second,
 * with a one-minute minimum, from the start of its image pull to its stop, for the vCPU and memory
 * it asked for; Step Functions bills state transitions (counted in transitions.ts), S3 requests. Pure.
 */
import type { Task } from '@aws-sdk/client-ecs'
import { FARGATE_PRICES, type Rates, type RegionPrices } from './prices.js'
import type { TransitionCount } from './transitions.js'

/** One task as ECS described it after it stopped. */
export interface TaskUsage {
  /** Task-level CPU units (1024 = 1 vCPU) and memory in MiB, as RunTask gave them. */
  cpuUnits: number
  memoryMiB: number
  architecture: 'X86_64' | 'ARM64'
  /** FARGATE_SPOT tasks are billed at the Spot rate, which AWS changes with demand. */
  spot: boolean
  /** When the image pull started; the billing clock starts here. */
  pullStartedAt?: Date
  /** When the task stopped; a task still running is billed until `until`. */
  stoppedAt?: Date
}

export interface RunUsage {
  region: string
  tasks: TaskUsage[]
  /** Step Functions state transitions of the execution and its child executions. */
  stateTransitions: TransitionCount
  /** S3 requests the run made (uploads, listings, downloads). */
  s3Writes: number
  s3Reads: number
}

export interface CostEstimate {
  totalUsd: number
  fargateUsd: number
  stepFunctionsUsd: number
  /** The transitions priced, or why they were not counted (the total then leaves them out). */
  stateTransitions: TransitionCount
  s3Usd: number
  /** Billed task seconds, every task summed (after the one-minute minimum). */
  billedSeconds: number
  /** The table's Spot rates when Spot tasks were priced with them: AWS varies Spot prices. */
  spotRates?: Rates
  /** The region whose prices were used, and the table's date. */
  region: string
  pricesAsOf: string
}

const MINIMUM_BILLED_SECONDS = 60
const SECONDS_PER_HOUR = 3600

/** What ECS says a task used; sizes ECS did not report count as the smallest Fargate task. */
export function taskUsage(task: Task): TaskUsage {
  const architecture = task.attributes?.find(
    (attribute) => attribute.name === 'ecs.cpu-architecture'
  )
  return {
    cpuUnits: Number(task.cpu ?? 256) || 256,
    memoryMiB: Number(task.memory ?? 512) || 512,
    architecture: architecture?.value?.toLowerCase() === 'arm64' ? 'ARM64' : 'X86_64',
    spot: task.capacityProviderName === 'FARGATE_SPOT',
    ...(task.pullStartedAt === undefined ? {} : { pullStartedAt: task.pullStartedAt }),
    ...(task.stoppedAt === undefined ? {} : { stoppedAt: task.stoppedAt })
  }
}

/** The cost in words for the report: "$1.28 (51 tasks, 25.9 task-hours, …)". */
export function costSentence(cost: CostEstimate): string {
  const usd = (value: number) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(2)}`
  const parts = [
    `Fargate ${usd(cost.fargateUsd)} for ${(cost.billedSeconds / SECONDS_PER_HOUR).toFixed(2)} task-hours`,
    typeof cost.stateTransitions === 'number'
      ? `Step Functions ${usd(cost.stepFunctionsUsd)} for ${cost.stateTransitions.toLocaleString('en-US')} state transitions`
      : `Step Functions not counted (${cost.stateTransitions.unknown})`,
    `S3 ${usd(cost.s3Usd)}`
  ]
  const spot = cost.spotRates
  const estimate = spot
    ? `; Fargate Spot at $${spot.vcpuHour} per vCPU-hour and $${spot.gbHour} per GB-hour, an estimate: AWS varies Spot prices`
    : ''
  return `${usd(cost.totalUsd)} (${parts.join(', ')}; ${cost.region} list prices of ${cost.pricesAsOf}${estimate})`
}

/** Seconds Fargate bills for one task: whole seconds, at least one minute. */
export function billedSeconds(task: TaskUsage, until: Date): number {
  if (task.pullStartedAt === undefined) return 0 // never pulled an image: never billed
  const end = task.stoppedAt ?? until
  const seconds = Math.ceil((end.getTime() - task.pullStartedAt.getTime()) / 1000)
  return Math.max(MINIMUM_BILLED_SECONDS, seconds)
}

/**
 * The cost of a run in a region, or why it cannot be priced. `until` bills tasks that ECS has
 * not reported stopped (a run that was cut short) up to that moment.
 */
export function runCost(
  usage: RunUsage,
  until: Date,
  prices: Record<string, RegionPrices> = FARGATE_PRICES.regions,
  pricesAsOf: string = FARGATE_PRICES.asOf
): CostEstimate | { unknown: string } {
  const regionPrices = prices[usage.region]
  if (regionPrices === undefined) {
    return {
      unknown: `no Fargate prices for ${usage.region} in the table (prices of ${Object.keys(prices).join(', ')})`
    }
  }
  let fargateUsd = 0
  let billed = 0
  let spotUsed = false
  for (const task of usage.tasks) {
    const rates = ratesFor(regionPrices, task)
    if (rates === undefined) {
      return { unknown: `Fargate Spot has no ${task.architecture} tasks; no price for this task` }
    }
    spotUsed ||= task.spot
    const seconds = billedSeconds(task, until)
    const hours = seconds / SECONDS_PER_HOUR
    billed += seconds
    fargateUsd +=
      hours * ((task.cpuUnits / 1024) * rates.vcpuHour + (task.memoryMiB / 1024) * rates.gbHour)
  }
  const transitions = typeof usage.stateTransitions === 'number' ? usage.stateTransitions : 0
  const stepFunctionsUsd = transitions * regionPrices.stepFunctionsTransition
  const s3Usd =
    (usage.s3Writes / 1000) * regionPrices.s3WritePer1000 +
    (usage.s3Reads / 1000) * regionPrices.s3ReadPer1000
  return {
    totalUsd: fargateUsd + stepFunctionsUsd + s3Usd,
    fargateUsd,
    stepFunctionsUsd,
    stateTransitions: usage.stateTransitions,
    s3Usd,
    billedSeconds: billed,
    ...(spotUsed ? { spotRates: regionPrices.spotX86 } : {}),
    region: usage.region,
    pricesAsOf
  }
}

function ratesFor(prices: RegionPrices, task: TaskUsage): Rates | undefined {
  if (task.spot) return task.architecture === 'X86_64' ? prices.spotX86 : undefined
  return task.architecture === 'ARM64' ? prices.arm : prices.x86
}

/** What several executions of one run used together (a duet's two sides), for one cost. */
export function combinedUsage(usages: RunUsage[]): RunUsage {
  const transitions = usages.map((usage) => usage.stateTransitions)
  const unknown = transitions.find((count) => typeof count !== 'number')
  return {
    region: usages[0].region,
    tasks: usages.flatMap((usage) => usage.tasks),
    stateTransitions:
      unknown ?? transitions.reduce<number>((sum, count) => sum + (count as number), 0),
    s3Writes: usages.reduce((sum, usage) => sum + usage.s3Writes, 0),
    s3Reads: usages.reduce((sum, usage) => sum + usage.s3Reads, 0)
  }
}
