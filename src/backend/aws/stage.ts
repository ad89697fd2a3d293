import { createReadStream } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'

/** A file to ship with the run: where it is here, and its key inside the run's bundle. */
export interface BundleFile {
  path: string
  key: string
}

/**
 * Lists the locustfile and the data files and folders, each keyed by its path relative to the
 * working directory, so the container sees the same layout the locustfile was written for.
 */
export async function listBundle(workingDirectory: string, paths: string[]): Promise<BundleFile[]> {
  const files: BundleFile[] = []
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path)
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        if (entry === '__pycache__' || entry === '.git') continue
        await visit(join(path, entry))
      }
      return
    }
    const key = relative(workingDirectory, path)
    if (key.startsWith('..') || isAbsolute(key)) {
      throw new Error(
        `${path} is outside the working directory ${workingDirectory}; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`
      )
    }
    files.push({ path, key: key.split(sep).join('/') })
  }
  for (const path of paths) await visit(path)
  return files
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
