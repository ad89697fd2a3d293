/**
 * The baseline history (docs/baselines.md): the last K valid runs of the base branch, newest
 * first, which a run is judged against. Pure: the stores (workflow artifacts, the stack's bucket,
 * a local folder) fetch the candidates, this decides which of them count.
 */
import type { Baseline } from './model.js'

/** How many runs the history keeps by default (the `baseline-history` input). */
export const DEFAULT_HISTORY_SIZE = 5

/** The most runs a history may keep: each is fetched before every run. */
export const MAX_HISTORY_SIZE = 20

/**
 * Whether a run with this verdict may enter the history: a passed or inconclusive one. A failed,
 * cancelled, invalid or errored run never does; a results.json without a verdict (written before
 * verdicts existed) is taken as it was stored, since only passing runs were stored then.
 */
export function mayEnterHistory(verdict: string | undefined): boolean {
  return verdict === undefined || verdict === 'passed' || verdict === 'inconclusive'
}

/**
 * Whether a run may be accepted on purpose as the new baseline: also a failed one (the intended
 * change made it slower), never one that could not run or was unfit to judge.
 */
export function mayBeAccepted(verdict: string | undefined): boolean {
  return mayEnterHistory(verdict) || verdict === 'failed'
}

/**
 * The history from candidate runs, newest first: those that may enter it, back to the newest
 * run accepted as the new baseline (older ones measured the code before an intended change), at
 * most `size` of them.
 */
export function baselineHistory(candidates: readonly Baseline[], size: number): Baseline[] {
  const history: Baseline[] = []
  for (const candidate of candidates) {
    if (history.length >= size) break
    if (!candidate.accepted && !mayEnterHistory(candidate.verdict)) continue
    history.push(candidate)
    if (candidate.accepted) break
  }
  return history
}
