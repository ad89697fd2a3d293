/**
 * The reader against Locust output people committed to public repositories (Locust 0.x to 2.44):
 * every folder of `shared/real-csv/` beside the clone (see its PROVENANCE.md) is read, and what it
 * yields is compared with what Python's csv module, which wrote these files, reads from them
 * (__tests__/results/python_csv_reference.py, run here with python3). Formats older than Locust
 * 1.0 must be refused, naming the format. REAL_CSV_DIR overrides where the corpus is looked for.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EndpointStats } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = resolve(process.env.REAL_CSV_DIR ?? join(REPO_ROOT, '..', 'shared', 'real-csv'))
const REFERENCE = fileURLToPath(new URL('./python_csv_reference.py', import.meta.url))

interface PythonRow {
  method: string
  name: string
  requests: number
  failures: number
  rps: number
  p95: number | null
}

type PythonReading =
  | { refused: '0.13' | '0.14' }
  | {
      aggregate: PythonRow
      endpoints: PythonRow[]
      history: {
        rowsRead: number
        peakUsers: number | null
        finalUsers: number | null
        lastTotals: [number, number] | null
      }
      failureOccurrences: number
    }

const folders = existsSync(CORPUS)
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : []

let readings: Record<string, PythonReading> | undefined

/** What Python reads from a folder; every folder is read in one Python process, on first use. */
function pythonReads(folder: string): PythonReading {
  readings ??= JSON.parse(
    execFileSync('python3', [REFERENCE, ...folders.map((name) => join(CORPUS, name))], {
      encoding: 'utf8'
    })
  ) as Record<string, PythonReading>
  return readings[join(CORPUS, folder)]
}

function row(stats: EndpointStats): PythonRow {
  return {
    method: stats.method,
    name: stats.name,
    requests: stats.requests,
    failures: stats.failures,
    rps: stats.rps,
    p95: stats.percentiles.find((p) => p.quantile === 95)?.ms ?? null
  }
}

if (folders.length === 0) {
  test.skip(`real-world Locust CSVs: skipped, no corpus at ${CORPUS} (set REAL_CSV_DIR)`, () => {})
} else {
  describe(`real-world Locust CSVs (${folders.length} runs in ${CORPUS})`, () => {
    test('the corpus holds every era: refused pre-1.0 runs and read 1.x/2.x runs', () => {
      const all = folders.map(pythonReads)
      expect(all.filter((r) => 'refused' in r).length).toBeGreaterThan(0)
      expect(all.filter((r) => !('refused' in r)).length).toBeGreaterThan(0)
    })

    test.each(folders)("%s: the numbers Python's csv module reads", async (folder) => {
      const expected = pythonReads(folder)
      const reading = readLocustResults(join(CORPUS, folder))
      if ('refused' in expected) {
        const version = expected.refused === '0.14' ? 'Locust 0.14' : 'Locust 0.13 or older'
        await expect(reading).rejects.toThrow(`is in the CSV format of ${version}`)
        await expect(reading).rejects.toThrow("the oldest format read is Locust 1.0's")
        return
      }
      const results = await reading
      expect(row(results.aggregate)).toEqual(expected.aggregate)
      expect(results.endpoints.map(row)).toEqual(expected.endpoints)
      expect(results.historyRowsRead).toBe(expected.history.rowsRead)
      const span = results.historySpan
      if (expected.history.rowsRead === 0) {
        expect(span).toBeNull()
      } else {
        expect(span?.peakUsers).toBe(expected.history.peakUsers)
        expect(span?.finalUsers).toBe(expected.history.finalUsers)
        const last = results.history[results.history.length - 1]
        expect([last.totalRequests, last.totalFailures]).toEqual(expected.history.lastTotals)
      }
      const occurrences = results.failures.reduce((sum, f) => sum + f.occurrences, 0)
      expect(occurrences).toBe(expected.failureOccurrences)
    })
  })
}
