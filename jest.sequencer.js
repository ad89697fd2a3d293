import Sequencer from '@jest/test-sequencer'

/** Projects whose files run long: processes and servers, or millions of simulated draws. */
const LONG_PROJECTS = new Set(['integration', 'simulation'])

/**
 * Jest's order (files that failed last time first, then files it has no time for by size, then the
 * slowest by their last time), except that among the files it has no time for — every file of a
 * fresh clone — the integration and simulation projects' come first. Each waits on processes for
 * up to a minute or two (or computes for seconds); ordered by size, the short e2e-aws files started
 * last and ran on while the other workers had nothing left to do.
 */
export default class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    const untimed = (test) => test.duration == null && !this.hasFailed(test)
    const long = (test) => LONG_PROJECTS.has(test.context.config.displayName?.name)
    const fresh = sorted.filter(untimed)
    const reordered = [...fresh.filter(long), ...fresh.filter((test) => !long(test))]
    let next = 0
    return sorted.map((test) => (untimed(test) ? reordered[next++] : test))
  }
}
