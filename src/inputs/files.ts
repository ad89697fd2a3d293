import { readFileSync, statSync } from 'node:fs'
import type { FileAccess } from './parse.js'

/** The real file system, for the action and the CLI to hand to parseInputs. */
export const nodeFiles: FileAccess = {
  kind(path) {
    try {
      return statSync(path).isDirectory() ? 'directory' : 'file'
    } catch {
      return 'missing'
    }
  },
  read: (path) => readFileSync(path, 'utf8')
}
