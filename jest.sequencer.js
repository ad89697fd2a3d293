import Sequencer from '@jest/test-sequencer'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'

/** Projects whose files run long: processes and servers, or millions of simulated draws. */
const LONG_PROJECTS = new Set(['integration', 'simulation'])

/**
 * Seconds each long test file took in a full run (`jest.durations.json`, written by
 * `npx tsx bench/test-durations.ts`): how a fresh clone, which has no timings of its own, orders them.
 */
const KNOWN_SECONDS = JSON.parse(
  readFileSync(new URL('./jest.durations.json', import.meta.url), 'utf8')
)

/**
 * Jest's order (files that failed last time first, then files it has no time for by size, then the
 * slowest by their last time), except that among the files it has no time for — every file of a
 * fresh clone — the integration and simulation projects' come first, the longest first by
 * jest.durations.json. Each waits on processes for up to a minute or two (or computes for
 * seconds); ordered by size, short files holding one long run (a minute of Spot workers, 11,000
 * state machine polls) started last and ran on while the other workers had nothing left to do.
 */
export default class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    const untimed = (test) => test.duration == null && !this.hasFailed(test)
    const long = (test) => LONG_PROJECTS.has(test.context.config.displayName?.name)
    // A file with no known time (a new one) may be long: it starts before those known to be short.
    const known = (test) =>
      KNOWN_SECONDS[relative(test.context.config.rootDir, test.path)] ?? Number.MAX_VALUE
    const fresh = sorted.filter(untimed)
    // Array sort is stable: files of equal known time keep jest's order (by size) among themselves.
    const longest = fresh.filter(long).sort((a, b) => known(b) - known(a))
    const reordered = [...longest, ...fresh.filter((test) => !long(test))]
    let next = 0
    return sorted.map((test) => (untimed(test) ? reordered[next++] : test))
  }
}
