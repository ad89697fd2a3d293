/** The gate's inputs: the baseline, the results artifact, the PR comment. Pure validation. */
import { resolve } from 'node:path'
import { InputError, type InputProblem } from './model.js'
import { inputReader, type RawInputs } from './read.js'
import type { ChoiceOf } from './spec.js'

/** Where the baseline comes from: nowhere, a results.json (or its folder), or found by itself. */
export type BaselineSource = { kind: 'none' } | { kind: 'auto' } | { kind: 'path'; path: string }

/** auto: on pull_request events; always: whenever the event has a pull request; never. */
export type CommentMode = ChoiceOf<'comment-on-pr'>

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
  const { value, fail, choice, integer, boolean } = inputReader(raw, problems)
  const inWorkingDirectory = (path: string) => resolve(workingDirectory, path)
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

  const settings: GateSettings = {
    baseline,
    historySize: integer('baseline-history'),
    acceptBaseline: boolean('accept-baseline'),
    artifactName,
    commentOnPr: choice('comment-on-pr'),
    githubToken: value('github-token') || undefined,
    testName: value('test-name') || undefined
  }
  if (problems.length > 0) throw new InputError(problems)
  return settings
}
