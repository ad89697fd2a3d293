/** The gate's inputs: the baseline, the results artifact, the PR comment. Pure validation. */
import { resolve } from 'node:path'
import { DEFAULT_HISTORY_SIZE, MAX_HISTORY_SIZE } from '../baseline/history.js'
import { InputError, type InputProblem } from './model.js'
import type { RawInputs } from './parse.js'

/** Where the baseline comes from: nowhere, a results.json (or its folder), or found by itself. */
export type BaselineSource = { kind: 'none' } | { kind: 'auto' } | { kind: 'path'; path: string }

/** auto: on pull_request events; always: whenever the event has a pull request; never. */
export type CommentMode = 'auto' | 'always' | 'never'

export interface GateSettings {
  baseline: BaselineSource
  /** The results artifact's name; undefined turns the upload off. */
  artifactName?: string
  commentOnPr: CommentMode
  /** Token for the comment and for finding the baseline artifact. */
  githubToken?: string
  /** Tells this test's comment from other load-test jobs' comments of the same workflow. */
  testName?: string
  /** `baseline-history`: how many valid runs of the base branch are judged against. */
  historySize: number
  /** `accept-baseline`: this run becomes the new baseline (after an intended change). */
  acceptBaseline: boolean
}

/** Characters the artifact service refuses in a name. */
const ARTIFACT_NAME_FORBIDDEN = /["':<>|*?\\/\r\n]/

/**
 * The gate's settings, or InputError naming every problem. `workingDirectory` is the one
 * parseInputs resolved; a baseline path is relative to it.
 */
export function parseGateInputs(raw: RawInputs, workingDirectory: string): GateSettings {
  const problems: InputProblem[] = []
  const value = (input: string): string => (raw[input] ?? '').trim()
  const fail = (input: string, given: string, accepted: string): undefined => {
    problems.push({ input, message: `Input '${input}': got "${given}"; ${accepted}` })
    return undefined
  }
  const settings = readGateInputs(value, (path) => resolve(workingDirectory, path), fail)
  if (problems.length > 0) throw new InputError(problems)
  return settings
}

type Fail = (input: string, given: string, accepted: string) => undefined

function readGateInputs(
  value: (input: string) => string,
  inWorkingDirectory: (path: string) => string,
  fail: Fail
): GateSettings {
  const baselineText = value('baseline')
  const baseline: BaselineSource =
    baselineText === ''
      ? { kind: 'none' }
      : baselineText === 'auto'
        ? { kind: 'auto' }
        : { kind: 'path', path: inWorkingDirectory(baselineText) }

  const artifactName = value('artifact-name') || undefined
  if (artifactName !== undefined && ARTIFACT_NAME_FORBIDDEN.test(artifactName)) {
    fail(
      'artifact-name',
      artifactName,
      'expected a name without " \' : < > | * ? \\ / or line breaks, e.g. "locust-results"; empty turns the upload off.'
    )
  }

  const commentText = value('comment-on-pr') || 'auto'
  const commentOnPr =
    commentText === 'auto' || commentText === 'always' || commentText === 'never'
      ? commentText
      : (fail('comment-on-pr', commentText, 'expected "auto", "always" or "never".'), 'auto')

  const historyText = value('baseline-history') || String(DEFAULT_HISTORY_SIZE)
  const historySize = /^\d+$/.test(historyText) ? Number(historyText) : NaN
  if (!(historySize >= 1 && historySize <= MAX_HISTORY_SIZE)) {
    fail('baseline-history', historyText, `expected a whole number from 1 to ${MAX_HISTORY_SIZE}.`)
  }
  const acceptText = value('accept-baseline') || 'false'
  const acceptBaseline = /^(true|yes|on)$/i.test(acceptText)
  if (!acceptBaseline && !/^(false|no|off)$/i.test(acceptText)) {
    fail('accept-baseline', acceptText, 'expected "true" or "false".')
  }

  return {
    baseline,
    historySize: Number.isInteger(historySize) ? historySize : DEFAULT_HISTORY_SIZE,
    acceptBaseline,
    artifactName,
    commentOnPr,
    githubToken: value('github-token') || undefined,
    testName: value('test-name') || undefined
  }
}
