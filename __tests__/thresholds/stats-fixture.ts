/** Reads a real Locust `<prefix>_stats.csv` fixture with the project's own results reader. */
import { fileURLToPath } from 'node:url'
import type { LocustResults } from '../../src/results/model.js'
import { readLocustResults } from '../../src/results/read.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/thresholds/', import.meta.url))

export function loadStatsFixture(prefix: string): Promise<LocustResults> {
  return readLocustResults(FIXTURES, { prefix })
}
