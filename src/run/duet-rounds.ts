/**
 * A duet's rounds.json: each master lists its own side's rounds (the baseline's in
 * `baseline/rounds.json`); the results folder's lists both, by index, as docs/rounds.md describes.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from './write-file.js'

const ROUNDS_FILE = 'rounds.json'

interface RoundsDocument {
  rounds: { index: number; side: string }[]
}

/**
 * Writes the candidate folder's rounds.json with the baseline side's rounds added, ordered by
 * index; returns how many rounds it lists (0 when the masters never met).
 */
export async function mergeDuetRounds(candidateDir: string, baselineDir: string): Promise<number> {
  const [candidate, baseline] = await Promise.all(
    [candidateDir, baselineDir].map((folder) => readRounds(join(folder, ROUNDS_FILE)))
  )
  const document = candidate ?? baseline
  if (document === undefined) return 0
  const rounds = [...(candidate?.rounds ?? []), ...(baseline?.rounds ?? [])].sort(
    (a, b) => a.index - b.index || (a.side === 'candidate' ? -1 : 1)
  )
  const merged = { ...document, rounds }
  await writeFileAtomically(join(candidateDir, ROUNDS_FILE), `${JSON.stringify(merged, null, 1)}\n`)
  return rounds.length
}

/** A master's rounds.json; undefined when it wrote none (it never reached its first round). */
async function readRounds(path: string): Promise<RoundsDocument | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  return text === undefined ? undefined : (JSON.parse(text) as RoundsDocument)
}
