import { createWriteStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { dirname, join, resolve } from 'node:path'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { isOutside } from '../../run/paths.js'

/** What a download brought home, and the objects it refused. */
export interface DownloadedResults {
  count: number
  /** Keys whose name would land outside the results folder: never written. */
  refused: string[]
}

/**
 * Where an object under `prefix` lands inside `folder`, or undefined when its name would leave
 * the folder or cannot be a file name here (`..`, `.`, empty segments, backslashes, NUL).
 */
export function localPathOf(folder: string, prefix: string, key: string): string | undefined {
  if (!key.startsWith(prefix)) return undefined
  const segments = key.slice(prefix.length).split('/')
  const unsafe = (segment: string) =>
    segment === '' ||
    segment === '.' ||
    segment === '..' ||
    segment.includes('\\') ||
    segment.includes('\0')
  if (segments.some(unsafe)) return undefined
  const path = resolve(folder, ...segments)
  return path === resolve(folder) || isOutside(resolve(folder), path) ? undefined : path
}

/**
 * Copies every object under `prefix` into `folder`. Objects whose names would leave the folder are
 * refused (listed, never written): only the run's own task role can write there, but a key is
 * data from the bucket and must not choose where the action writes.
 */
export async function downloadResults(
  s3: S3Client,
  bucket: string,
  prefix: string,
  folder: string
): Promise<DownloadedResults> {
  await mkdir(folder, { recursive: true })
  const result: DownloadedResults = { count: 0, refused: [] }
  let token: string | undefined
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
    )
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.endsWith('/')) continue
      const target = localPathOf(folder, prefix, object.Key)
      if (target === undefined) {
        result.refused.push(object.Key)
        continue
      }
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }))
      await mkdir(dirname(target), { recursive: true })
      // Streamed to disk: a long run's stats history or log may be large.
      await pipeline(body.Body as Readable, createWriteStream(target))
      result.count++
    }
    token = page.NextContinuationToken
  } while (token)
  return result
}

/** The master container's result.json (docs/aws-contract.md), as far as the report uses it. */
export interface ContainerResult {
  runId?: string | null
  locustExitCode?: number | null
  /** Worker processes that connected: one per vCPU of a worker task on current Locust. */
  workersConnected?: number
  /** Worker processes that joined over the run: replacements join again. */
  workersJoined?: number
  /** Locust processes each worker task runs (`--processes`); 1 on Locust without it. */
  processesPerWorker?: number
  /** null when the master failed before Locust started (exit code 2: bundle, secrets). */
  locustVersion?: string | null
  startedAt?: string | null
  endedAt?: string
  partial?: boolean
  /** Why the master exited non-zero, in one line (null when it exited 0). */
  reason?: string | null
}

/** result.json read and checked: absent (the master never wrote it), valid, or unreadable. */
export type ContainerResultReading =
  | { kind: 'absent' }
  | { kind: 'valid'; result: ContainerResult }
  | { kind: 'unreadable'; reason: string }

const FIELD_TYPES: Record<keyof ContainerResult, (value: unknown) => boolean> = {
  runId: (value) => value === null || typeof value === 'string',
  locustExitCode: (value) => value === null || Number.isInteger(value),
  workersConnected: (value) => Number.isInteger(value) && (value as number) >= 0,
  workersJoined: (value) => Number.isInteger(value) && (value as number) >= 0,
  processesPerWorker: (value) => Number.isInteger(value) && (value as number) >= 1,
  locustVersion: (value) => value === null || typeof value === 'string',
  startedAt: (value) => value === null || isTimestamp(value),
  endedAt: isTimestamp,
  partial: (value) => typeof value === 'boolean',
  reason: (value) => value === null || typeof value === 'string'
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}

/**
 * Checks the text of result.json: a JSON object whose fields have the documented types, naming
 * `runId` (the state machine hands every master its run id; results of another run, or older than
 * the run id, must not be reported as this one's).
 */
export function parseContainerResult(text: string, runId: string): ContainerResultReading {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { kind: 'unreadable', reason: 'result.json is not valid JSON' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'unreadable', reason: 'result.json is not a JSON object' }
  }
  const fields = parsed as Record<string, unknown>
  const wrong = Object.entries(FIELD_TYPES)
    .filter(([name, valid]) => fields[name] !== undefined && !valid(fields[name]))
    .map(([name]) => name)
  if (wrong.length > 0) {
    return {
      kind: 'unreadable',
      reason: `result.json has fields of the wrong type: ${wrong.join(', ')}`
    }
  }
  if (fields.runId !== runId) {
    const named =
      typeof fields.runId === 'string' ? JSON.stringify(fields.runId).slice(0, 80) : 'no run'
    return {
      kind: 'unreadable',
      reason: `result.json names ${named}, not this run (${runId})`
    }
  }
  const result = Object.fromEntries(
    Object.keys(FIELD_TYPES).flatMap((name) =>
      fields[name] === undefined ? [] : [[name, fields[name]]]
    )
  ) as ContainerResult
  return { kind: 'valid', result }
}

/** Reads and checks `folder`/result.json. */
export async function readContainerResult(
  folder: string,
  runId: string
): Promise<ContainerResultReading> {
  let text: string
  try {
    text = await readFile(join(folder, 'result.json'), 'utf8')
  } catch {
    return { kind: 'absent' }
  }
  return parseContainerResult(text, runId)
}

/** The master's exit code from the execution's output; undefined when it carries none. */
export function masterExitCodeOf(output: string | undefined): number | undefined {
  if (!output) return undefined
  try {
    const code = (JSON.parse(output) as { masterExitCode?: unknown } | null)?.masterExitCode
    return Number.isInteger(code) ? (code as number) : undefined
  } catch {
    return undefined
  }
}
