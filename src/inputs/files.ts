import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync
} from 'node:fs'
import { dirname } from 'node:path'
import type { FileAccess, PathKind } from './parse.js'

/** The real file system, for the action and the CLI to hand to parseInputs. */
export const nodeFiles: FileAccess = {
  kind(path) {
    return kindOf(path)
  },
  read(path, maxBytes) {
    const file = openSync(path, 'r')
    try {
      // One byte more than allowed tells a file at the limit from a larger one.
      const buffer = Buffer.alloc(maxBytes + 1)
      let length = 0
      while (length < buffer.length) {
        const read = readSync(file, buffer, length, buffer.length - length, null)
        if (read === 0) break
        length += read
      }
      return length > maxBytes ? undefined : buffer.toString('utf8', 0, length)
    } finally {
      closeSync(file)
    }
  },
  entries: entriesOf,
  prepareFolder(path) {
    // Created one level at a time: a recursive mkdir spins without end under /proc.
    const missing: string[] = []
    let existing = path
    while (kindOf(existing) === 'missing' && dirname(existing) !== existing) {
      missing.unshift(existing)
      existing = dirname(existing)
    }
    if (kindOf(existing) !== 'directory') return `${existing} is not a folder`
    try {
      for (const folder of missing) mkdirSync(folder)
      accessSync(path, constants.W_OK)
      return undefined
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException
      return `${path} cannot be ${missing.length > 0 ? 'created' : 'written to'} (${code ?? (error as Error).message})`
    }
  }
}

function entriesOf(path: string): string[] | undefined {
  try {
    return readdirSync(path)
  } catch {
    return undefined
  }
}

function kindOf(path: string): PathKind {
  try {
    const info = statSync(path)
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other'
  } catch {
    return 'missing' // also ENOTDIR (/dev/null/x): the file in the way is found one level up
  }
}
