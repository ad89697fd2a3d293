/**
 * Live progress and abort rules on Fargate (docs/live.md): the master's container uploads
 * progress.json to the run's results folder every 10 s; the action reads it while it follows the
 * execution, prints a progress line, judges the abort rules on it (the one rule engine), and asks
 * the master to stop by writing the run folder's control/abort.json, which the container copies
 * into its results folder.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { RunFacts } from '../../run/facts.js'
import {
  ABORT_COMMAND_PATH,
  abortCommandJson,
  parseLiveStats,
  progressOf,
  PROGRESS_FILE
} from '../../run/live-stats.js'
import type { Progress } from '../../run/progress.js'
import { AbortWatch } from '../../thresholds/abort.js'
import type { ThresholdRule } from '../../thresholds/model.js'
import { resultsPrefix, runPrefix } from './stage.js'

/** The container uploads every 10 s: reading more often finds the same file. */
export const LIVE_READ_INTERVAL_MS = 5_000

export interface LiveFollowerOptions {
  s3: S3Client
  bucket: string
  runId: string
  /** Other runs the abort goes to as well (a duet's baseline side). */
  abortAlso?: readonly string[]
  thresholds: readonly ThresholdRule[]
  runTimeSeconds: number
  onProgress?: (progress: Progress) => void
  log: (line: string) => void
  warn: (line: string) => void
}

export class LiveFollower {
  private readonly abortWatch: AbortWatch
  private nextReadAt = 0
  private lastWrittenAt = ''
  private warned = false
  /** The abort sent, once an abort rule has ended the run. */
  aborted?: NonNullable<RunFacts['aborted']>

  constructor(private readonly options: LiveFollowerOptions) {
    this.abortWatch = new AbortWatch(options.thresholds)
  }

  /**
   * Reads progress.json when it may have changed, at most once per LIVE_READ_INTERVAL_MS. Until the
   * test has started, the progress is the time since the execution started (`elapsedMs`).
   */
  async poll(nowMs: number, elapsedMs: number): Promise<void> {
    const { runTimeSeconds, onProgress } = this.options
    if (this.lastWrittenAt === '') {
      onProgress?.({ elapsedSeconds: elapsedMs / 1000, totalSeconds: runTimeSeconds })
    }
    if (nowMs < this.nextReadAt) return
    this.nextReadAt = nowMs + LIVE_READ_INTERVAL_MS
    const text = await this.read()
    if (text === undefined) return
    const live = parseLiveStats(text)
    if ('problem' in live || live.elapsedSeconds === null) return
    // The last figures, written as Locust quits, have no users left to show.
    if (live.writtenAt === this.lastWrittenAt || live.state === 'stopped') return
    this.lastWrittenAt = live.writtenAt
    onProgress?.(progressOf(live, runTimeSeconds))
    if (this.aborted !== undefined) return
    const decision = this.abortWatch.observe({
      elapsedSeconds: live.elapsedSeconds,
      figures: live.figures
    })
    if (decision === undefined) return
    const { s3, bucket, runId, abortAlso = [] } = this.options
    const keys = [runId, ...abortAlso].map((id) => `${runPrefix(id)}${ABORT_COMMAND_PATH}`)
    for (const key of keys) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: abortCommandJson(decision),
          ContentType: 'application/json'
        })
      )
    }
    this.aborted = {
      rule: decision.rule,
      atSeconds: decision.atSeconds,
      message: decision.message
    }
    this.options.log(
      `The run is ${decision.message}: asked the master to stop (${keys.map((key) => `s3://${bucket}/${key}`).join(', ')})`
    )
  }

  /** The latest progress.json, or undefined while there is none (or it cannot be read). */
  private async read(): Promise<string | undefined> {
    const { s3, bucket, runId } = this.options
    const key = `${resultsPrefix(runId)}${PROGRESS_FILE}`
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return await object.Body?.transformToString('utf8')
    } catch (error) {
      const name = (error as Error).name
      if (name !== 'NoSuchKey' && name !== 'NotFound' && !this.warned) {
        this.warned = true
        this.options.warn(
          `Could not read the live progress s3://${bucket}/${key} (${(error as Error).message}); progress lines and abort rules wait for it.`
        )
      }
      return undefined
    }
  }
}
