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
import type { BaselineStore } from '../types.js'
import { createAwsClients } from './clients.js'
import type { AwsSettings } from './settings.js'
import { resolveAwsTarget } from './target.js'

const BASELINES_PREFIX = 'baselines/'

/** The key of a branch's baseline; the branch is URI-encoded, so "feature/x" stays one level. */
function baselineKey(repository: string, branch: string): string {
  return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/results.json`
}

/** The prefix of a branch's baseline history. */
function historyPrefix(repository: string, branch: string): string {
  return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/history/`
}

/** The keys of the history under `prefix`, newest first. */
async function historyKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
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

async function storeBaseline(
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
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
    if (status === 403) {
      throw new Error(
        `Reading the baseline s3://${bucket}/${key} was denied (403): the credentials need ` +
          `s3:GetObject on s3://${bucket}/baselines/*, and s3:ListBucket on the bucket for a ` +
          'baseline not stored yet to read as missing rather than denied (the GitHub role of ' +
          'cloudformation/template.yaml has both; redeploy the stack if it predates them).',
        { cause: error }
      )
    }
    throw error
  }
}

/** The backend's baseline store: the bucket of the stack the settings name. */
export const awsBaselineStore: BaselineStore<AwsSettings> = {
  async fetch(settings, { repository, branch }, size) {
    const { s3, bucket } = await baselineBucket(settings)
    const prefix = historyPrefix(repository, branch)
    const keys = (await historyKeys(s3, bucket, prefix)).slice(0, size)
    // A branch whose baseline an earlier version stored has that one object until its next run.
    if (keys.length === 0) keys.push(baselineKey(repository, branch))
    const runs = []
    for (const key of keys) {
      const text = await fetchBaseline(s3, bucket, key)
      if (text !== undefined) runs.push({ location: `s3://${bucket}/${key}`, text })
    }
    return { location: `s3://${bucket}/${prefix}`, runs }
  },
  async save(settings, { repository, branch }, resultsJson, { keep, restart }) {
    const { s3, bucket } = await baselineBucket(settings)
    const prefix = historyPrefix(repository, branch)
    // Time first, so that keys sort by age; the suffix keeps two runs of one millisecond apart.
    const stamp = new Date().toISOString().replace(/:/g, '-')
    const key = `${prefix}${stamp}-${randomBytes(3).toString('hex')}.json`
    await storeBaseline(s3, bucket, key, resultsJson)
    const older = (await historyKeys(s3, bucket, prefix)).filter((known) => known !== key)
    const dropped = restart ? older : older.slice(Math.max(0, keep - 1))
    if (dropped.length > 0) {
      await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: dropped.map((Key) => ({ Key })) }
        })
      )
    }
    return `s3://${bucket}/${key}`
  }
}

async function baselineBucket(settings: AwsSettings) {
  const clients = createAwsClients(settings.region)
  const target = await resolveAwsTarget(settings, clients.cloudFormation)
  return { s3: clients.s3, bucket: target.bucket }
}
