/**
 * Writes jest.durations.json, the seconds each test file took, from the report of a full run:
 *
 *   NODE_OPTIONS=--experimental-vm-modules npx jest --json --outputFile=run.json
 *   npx tsx bench/test-durations.ts run.json
 *
 * jest.sequencer.js starts the longest integration and simulation files first in a fresh clone,
 * which has no timings of its own; a file it does not list (a new one) starts among the first.
 * Refresh it when long files come or go.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'

const REPO = resolve(import.meta.dirname, '..')

interface JestReport {
  testResults: { name: string; startTime: number; endTime: number }[]
}

const reportPath = process.argv[2]
if (!reportPath) {
  console.error('usage: npx tsx bench/test-durations.ts <report of jest --json>')
  process.exit(2)
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as JestReport
const seconds = report.testResults
  .map((file) => ({
    // From __tests__/ on: the report may come from a clone elsewhere (a fresh clone, CI).
    path: file.name.slice(file.name.lastIndexOf(`${sep}__tests__${sep}`) + 1),
    seconds: Math.round((file.endTime - file.startTime) / 1000)
  }))
  .sort((a, b) => a.path.localeCompare(b.path))
const output = resolve(REPO, 'jest.durations.json')
writeFileSync(
  output,
  `${JSON.stringify(Object.fromEntries(seconds.map((file) => [file.path, file.seconds])), null, 2)}\n`
)
console.log(`${relative(process.cwd(), output)}: ${seconds.length} test files`)
