import Sequencer from '@jest/test-sequencer'

/**
 * Jest's order (files that failed last time first, then files it has no time for by size, then the
 * slowest by their last time), except that among the files it has no time for — every file of a
 * fresh clone — the integration project's come first. Each waits on processes for up to a minute
 * or two; ordered by size, the short e2e-aws files started last and ran on while the other workers
 * had nothing left to do.
 */
export default class IntegrationFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    const untimed = (test) => test.duration == null && !this.hasFailed(test)
    const integration = (test) => test.context.config.displayName?.name === 'integration'
    const fresh = sorted.filter(untimed)
    const reordered = [...fresh.filter(integration), ...fresh.filter((test) => !integration(test))]
    let next = 0
    return sorted.map((test) => (untimed(test) ? reordered[next++] : test))
  }
}
