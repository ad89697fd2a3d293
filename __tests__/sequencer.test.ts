/**
 * The order a fresh clone runs the test files in (jest.sequencer.js): the integration and
 * simulation files first, the longest by jest.durations.json first, a file it does not know
 * (a new one) before them all; then the unit files by size, as jest orders them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from './support/helpers.js'

interface TestFile {
  path: string
}
const { default: LongFirstSequencer } = (await import(
  pathToFileURL(join(REPO, 'jest.sequencer.js')).href
)) as { default: new (options: object) => { sort(tests: TestFile[]): TestFile[] } }

const known = JSON.parse(readFileSync(join(REPO, 'jest.durations.json'), 'utf8')) as Record<
  string,
  number
>

/** A test file of a project as the sequencer sees it in a fresh clone (no cache, no timings). */
function testFile(path: string, project: string, bytes: number) {
  return {
    path: join(REPO, path),
    context: {
      config: { cache: false, displayName: { name: project }, rootDir: REPO },
      hasteFS: { getSize: () => bytes }
    }
  }
}

test('a fresh clone starts the long files by their known seconds, not by their size', () => {
  const longest = Object.entries(known).sort(([, a], [, b]) => b - a)
  // The shorter a file ran, the bigger it is here: jest's order by size would be the reverse.
  const files = longest.map(([path], index) => testFile(path, 'integration', 1000 + index))
  const unknown = testFile('__tests__/new-feature.test.ts', 'integration', 1)
  const unit = testFile('__tests__/big-but-quick.test.ts', 'unit', 1_000_000)

  const sequencer = new LongFirstSequencer({})
  const order = sequencer.sort([unit, ...files, unknown]).map((file) => file.path)

  const seconds = order.slice(1, -1).map((path) => known[path.slice(REPO.length + 1)])
  expect(order[0]).toBe(unknown.path)
  expect(seconds).toEqual([...seconds].sort((a, b) => b - a))
  expect(seconds).toHaveLength(longest.length)
  expect(order.at(-1)).toBe(unit.path)
})
