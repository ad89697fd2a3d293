/**
 * Writing a report file whole or not at all: into a temporary file beside it, renamed over it
 * once complete, so that a full disk leaves the earlier file (or none), never a truncated one.
 */
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'

export class ReportWriteError extends Error {}

export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    await writeFile(temporary, text)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {})
    const { code, message } = error as NodeJS.ErrnoException
    throw new ReportWriteError(
      `Could not write ${basename(path)} to ${path} (${code ?? message}); free some space or check the folder's permissions. Locust's own files beside it were kept.`
    )
  }
}
