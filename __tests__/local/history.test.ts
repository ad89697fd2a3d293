import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { latestAggregatedSample } from '../../src/backend/local/history.js'
import { REPO } from '../support/helpers.js'

// A real Locust 2.12 history of the stages example (5, 15, 5 users), written by the local backend.
const history = readFileSync(
  join(REPO, '__tests__/local/fixtures/stages_stats_history.csv'),
  'utf8'
)
const [header] = history.split('\n')
const aggregated = history.split('\n').filter((line) => line.includes(',,Aggregated,'))
const field = (line: string, column: string): number =>
  Number(line.split(',')[header.split(',').indexOf(column)])

test('the last Aggregated row gives users and totals; the rate comes from the totals over the window', () => {
  const cut = history.indexOf(aggregated[8]) + aggregated[8].length + 1 // through the row 8 s into the run
  const sample = latestAggregatedSample(header, history.slice(0, cut), 6)!
  expect(sample.users).toBe(field(aggregated[8], 'User Count'))
  expect(sample.totalRequests).toBe(field(aggregated[8], 'Total Request Count'))
  expect(sample.totalFailures).toBe(field(aggregated[8], 'Total Failure Count'))
  const before = aggregated[2]
  const expectedRate =
    (field(aggregated[8], 'Total Request Count') - field(before, 'Total Request Count')) /
    (field(aggregated[8], 'Timestamp') - field(before, 'Timestamp'))
  expect(sample.rps).toBeCloseTo(expectedRate, 6)
  expect(sample.rps).toBeGreaterThan(0)
})

test('a half-written last row is ignored, and the tail may start mid-line', () => {
  const lastComplete = history.indexOf(aggregated[5]) + aggregated[5].length + 1
  const tail =
    history.slice(lastComplete - aggregated[5].length - 40, lastComplete) +
    aggregated[6].slice(0, 20)
  const sample = latestAggregatedSample(header, tail)!
  expect(sample.totalRequests).toBe(field(aggregated[5], 'Total Request Count'))
  expect(sample.rps).toBe(0) // only one complete row: no rate yet
})

test('nothing to report before any row, or for a file that is not a Locust history', () => {
  expect(latestAggregatedSample(header, '')).toBeUndefined()
  expect(latestAggregatedSample('Method,Name,Error,Occurrences', history)).toBeUndefined()
})

test('the live figures find their columns as the results reader does (one owner of the names)', () => {
  // The results reader also takes "Method" for the type column and names in any case.
  const renamed = header.replace('Type', 'Method').replace('User Count', 'user count')
  const cut = history.indexOf(aggregated[8]) + aggregated[8].length + 1
  const sample = latestAggregatedSample(renamed, history.slice(0, cut), 6)!
  expect(sample.users).toBe(field(aggregated[8], 'User Count'))
  expect(sample.totalRequests).toBe(field(aggregated[8], 'Total Request Count'))
})
