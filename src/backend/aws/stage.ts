import { createReadStream } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { PreflightError } from '../../errors.js'
import { redactHost } from '../../run/host.js'
import { isOutside } from '../../run/paths.js'

/** A file to ship with the run: where it is here, and its key inside the run's bundle. */
export interface BundleFile {
  path: string
  key: string
}

/**
 * What one run may ship. Every worker task downloads the whole bundle before it starts, so large
 * data slows every start and is paid for once per task.
 */
const BUNDLE_LIMITS = { bytes: 256 * 1024 * 1024, files: 10_000 }

/** Where the action adds files of its own to the bundle; none of the user's may be there. */
export const RESERVED_FOLDER = '.distributed-locust/'

/** The bundle cannot be shipped: nothing is uploaded or started. */
export class BundleError extends PreflightError {}

const isInside = (folder: string, path: string): boolean => !isOutside(folder, path)

/**
 * Lists the locustfile and the data files and folders, each keyed by its path relative to the
 * working directory, so the container sees the same layout the locustfile was written for.
 * Symbolic links are followed only where they stay inside the working directory (a link to /etc
 * must not ship the runner's files to S3); a folder that links back into itself is a loop; the
 * whole bundle is capped by `limits`.
 */
export async function listBundle(
  workingDirectory: string,
  paths: string[],
  limits = BUNDLE_LIMITS
): Promise<BundleFile[]> {
  const root = await realpath(workingDirectory)
  const files: BundleFile[] = []
  let bytes = 0
  const outside = (path: string) =>
    new BundleError(
      `${path} is outside the working directory ${workingDirectory}; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`
    )
  /** `ancestors`: the real paths of the folders being listed; a link back to one is a loop. */
  const visit = async (path: string, ancestors: string[]): Promise<void> => {
    const key = relative(workingDirectory, path)
    if (!isInside(workingDirectory, path)) throw outside(path)
    let real: string
    try {
      real = await realpath(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        throw new BundleError(`${path} is a symbolic link that leads back to itself; remove it.`)
      }
      if (
        (error as NodeJS.ErrnoException).code === 'ENOENT' &&
        (await lstat(path)).isSymbolicLink()
      ) {
        throw new BundleError(`${path} is a symbolic link to nothing; remove it or its target.`)
      }
      throw error
    }
    if (!isInside(root, real)) {
      throw new BundleError(
        `${path} is a symbolic link to ${real}, outside the working directory ${workingDirectory}; only files inside it are shipped. Copy what the test needs into it.`
      )
    }
    const info = await stat(real)
    if (info.isDirectory()) {
      if (ancestors.some((ancestor) => isInside(real, ancestor))) {
        throw new BundleError(
          `${path} links back to ${real}, a folder that holds it: a loop. Remove the link.`
        )
      }
      for (const entry of (await readdir(path)).sort()) {
        if (entry === '__pycache__' || entry === '.git') continue
        await visit(join(path, entry), [...ancestors, real])
      }
      return
    }
    if (!info.isFile()) {
      throw new BundleError(`${path} is not a regular file (a socket, pipe or device); remove it.`)
    }
    bytes += info.size
    if (files.length + 1 > limits.files || bytes > limits.bytes) {
      throw new BundleError(
        `The locustfile and \`data\` add up to more than ${describeLimits(limits)} (reached at ${path}); every worker task downloads them before it starts. Ship less through \`data\`, or let the locustfile fetch large data itself.`
      )
    }
    const bundleKey = key.split(sep).join('/')
    if (bundleKey.startsWith(RESERVED_FOLDER)) {
      throw new BundleError(
        `${path} is in ${RESERVED_FOLDER}, a folder the action keeps for itself in the bundle; rename it or leave it out of \`data\`.`
      )
    }
    files.push({ path, key: bundleKey })
  }
  for (const path of paths) await visit(path, [])
  return files
}

function describeLimits(limits: typeof BUNDLE_LIMITS): string {
  return `${limits.files} files or ${Math.round(limits.bytes / (1024 * 1024))} MiB`
}

/** Uploads the bundle under `<prefix>`; returns the number of bytes sent. */
export async function uploadBundle(
  s3: S3Client,
  bucket: string,
  prefix: string,
  files: BundleFile[]
): Promise<number> {
  let bytes = 0
  for (const file of files) {
    const { size } = await stat(file.path)
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}${file.key}`,
        Body: createReadStream(file.path),
        ContentLength: size
      })
    )
    bytes += size
  }
  return bytes
}

/**
 * The bundle file that carries a host URL with credentials: the execution input and the tasks'
 * environment (readable by whoever can read the execution history or describe tasks) get the
 * redacted host; the master reads the real one from here and removes it.
 */
export const HOST_FILE_KEY = `${RESERVED_FOLDER}host`

/** The bundle file that carries the rounds settings the master's control channel runs (docs/rounds.md). */
export const ROUNDS_FILE_KEY = `${RESERVED_FOLDER}rounds.json`

/** Stages the rounds settings (src/run/rounds.ts's masterRoundsSettings) as ROUNDS_FILE_KEY under `<prefix>`. */
export async function uploadRounds(
  s3: S3Client,
  bucket: string,
  prefix: string,
  settings: string
): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${ROUNDS_FILE_KEY}`, Body: settings })
  )
}

/** A run's folder in the bucket: its bundle, its results and its master's address. */
export const runPrefix = (runId: string): string => `runs/${runId}/`
export const bundlePrefix = (runId: string): string => `${runPrefix(runId)}bundle/`
export const resultsPrefix = (runId: string): string => `${runPrefix(runId)}results/`

/** Where a staged host URL with credentials lies, so that it can be deleted once the run is over. */
export interface StagedHost {
  bucket: string
  key: string
}

/**
 * Stages `host` as HOST_FILE_KEY under `<prefix>` when it carries credentials; returns where, or
 * undefined when it carries none.
 */
export async function uploadHost(
  s3: S3Client,
  bucket: string,
  prefix: string,
  host: string | undefined
): Promise<StagedHost | undefined> {
  if (host === undefined || redactHost(host) === host) return undefined
  const staged = { bucket, key: `${prefix}${HOST_FILE_KEY}` }
  await s3.send(new PutObjectCommand({ Bucket: staged.bucket, Key: staged.key, Body: host }))
  return staged
}

/**
 * Deletes the staged host URL once no task of the run can read it any more. A failure is warned,
 * not thrown: the run's outcome stands, and the warning says how to remove the object by hand.
 */
export async function deleteStagedHost(
  staged: StagedHost,
  s3: S3Client,
  warn: (line: string) => void
): Promise<void> {
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: staged.bucket, Key: staged.key }))
  } catch (error) {
    warn(
      `Could not delete s3://${staged.bucket}/${staged.key}, the host URL with its credentials ` +
        `(${(error as Error).message}): delete it yourself. A stack deployed before its role ` +
        'allowed s3:DeleteObject needs a redeploy of cloudformation/template.yaml.'
    )
  }
}
