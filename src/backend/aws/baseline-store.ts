/**
 * The AWS baseline store: the results.json of the last passing run of each branch, kept in the
 * stack's bucket under baselines/<owner>/<repo>/<branch>/results.json. Outside runs/, so the
 * bucket's lifecycle rule never expires it; each passing push replaces it.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { BaselineStore } from '../types.js'
import { createAwsClients } from './clients.js'
import type { AwsSettings } from './settings.js'
import { resolveAwsTarget } from './target.js'

const BASELINES_PREFIX = 'baselines/'

/** The key of a branch's baseline; the branch is URI-encoded, so "feature/x" stays one level. */
function baselineKey(repository: string, branch: string): string {
  return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/results.json`
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
  async fetch(settings, { repository, branch }) {
    const { s3, bucket } = await baselineBucket(settings)
    const key = baselineKey(repository, branch)
    return { location: `s3://${bucket}/${key}`, text: await fetchBaseline(s3, bucket, key) }
  },
  async save(settings, { repository, branch }, resultsJson) {
    const { s3, bucket } = await baselineBucket(settings)
    const key = baselineKey(repository, branch)
    await storeBaseline(s3, bucket, key, resultsJson)
    return `s3://${bucket}/${key}`
  }
}

async function baselineBucket(settings: AwsSettings) {
  const clients = createAwsClients(settings.region)
  const target = await resolveAwsTarget(settings, clients.cloudFormation)
  return { s3: clients.s3, bucket: target.bucket }
}
