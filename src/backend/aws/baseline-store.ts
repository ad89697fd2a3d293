/**
 * The AWS baseline store: the baseline history of each branch (its last valid runs' results.json,
 * docs/baselines.md), kept in the stack's bucket under baselines/<owner>/<repo>/<branch>/history/,
 * one object per run named by when it was stored. Outside runs/, so the bucket's lifecycle rule
 * never expires it. baselines/<owner>/<repo>/<branch>/results.json is the one baseline earlier
 * versions kept; it is read while a branch has no history yet.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'

const BASELINES_PREFIX = 'baselines/'

/** The key of a branch's baseline; the branch is URI-encoded, so "feature/x" stays one level. */
export function baselineKey(repository: string, branch: string): string {
  return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/results.json`
}

/** The prefix of a branch's baseline history. */
export function historyPrefix(repository: string, branch: string): string {
  return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/history/`
}

/**
 * Adds a run's results.json to the history under `prefix` and deletes all but the newest `keep`;
 * `restart` (a run accepted as the new baseline) deletes every older one. Returns the new key.
 */
export async function addToHistory(
  s3: S3Client,
  bucket: string,
  prefix: string,
  resultsJson: string,
  options: { keep: number; restart: boolean; now: Date }
): Promise<string> {
  // Time first, so that keys sort by age; the suffix keeps two runs of one millisecond apart.
  const key = `${prefix}${options.now.toISOString().replace(/:/g, '-')}-${randomBytes(3).toString('hex')}.json`
  await storeBaseline(s3, bucket, key, resultsJson)
  const older = (await historyKeys(s3, bucket, prefix)).filter((known) => known !== key)
  const dropped = options.restart ? older : older.slice(Math.max(0, options.keep - 1))
  if (dropped.length > 0) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: dropped.map((Key) => ({ Key })) }
      })
    )
  }
  return key
}

/** The keys of the history under `prefix`, newest first. */
export async function historyKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
    )
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
    token = page.NextContinuationToken
  } while (token)
  return keys.sort().reverse()
}

export async function storeBaseline(
  s3: S3Client,
  bucket: string,
  key: string,
  resultsJson: string
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: resultsJson,
      ContentType: 'application/json'
    })
  )
}

/** The stored results.json text, or undefined when the branch has none yet. */
export async function fetchBaseline(
  s3: S3Client,
  bucket: string,
  key: string
): Promise<string | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return await Body?.transformToString('utf8')
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      return undefined
    }
    throw error
  }
}
