/**
 * The action's gate around a run: finding the baseline (history), and afterwards the results
 * artifact, the sticky PR comment and (a backend with a baseline store: a valid push or an accepted
 * run) the stored baseline. Only a
 * named baseline path with nothing there stops the run (before it starts); anything else that
 * cannot be done is a warning, never a failed step: the verdict belongs to the thresholds alone.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { baselineHistory, mayEnterHistory } from '../baseline/history.js'
import { type Baseline, type BaselineLookup, BaselineError } from '../baseline/model.js'
import { parseBaseline } from '../baseline/parse.js'
import { lookUpBaselineFile, readBaselineFile } from '../baseline/read.js'
import type { ConcludedRun } from '../engine.js'
import { earlierArtifacts, uploadResultsArtifact } from '../github/artifacts.js'
import { gitHubClient, httpStatus } from '../github/client.js'
import { upsertStickyComment } from '../github/comment.js'
import { baselineBranch, type GitHubRun } from '../github/context.js'
import type { GateSettings } from '../inputs/gate.js'
import { backendFor, type BackendSettings } from '../backend/registry.js'
import type { BaselineStore } from '../backend/types.js'
import type { RunConfig } from '../run/config.js'
import { commentMarker, renderComment, renderErrorComment } from '../report/comment.js'

export interface GateLog {
  info(message: string): void
  warning(message: string): void
}

/** The artifact `baseline: auto` looks for when the upload is turned off. */
const DEFAULT_ARTIFACT_NAME = 'locust-results'

const SKIPPED = 'Baseline rules are skipped.'

/** The baseline the settings ask for, or why there is none; undefined when none is asked for. */
export async function findBaseline(
  settings: GateSettings,
  config: RunConfig<BackendSettings>,
  run: GitHubRun | undefined
): Promise<BaselineLookup | undefined> {
  const source = settings.baseline
  if (source.kind === 'none') return undefined
  if (source.kind === 'path') return lookUpBaselineFile(source.path, "Input 'baseline'")
  if (!run) {
    return {
      note: `baseline: auto finds the baseline of a GitHub Actions run (GITHUB_REPOSITORY and GITHUB_RUN_ID are not set). ${SKIPPED}`
    }
  }
  const branch = baselineBranch(run)
  if (branch === undefined) return { note: `No branch to take the baseline from. ${SKIPPED}` }
  try {
    const store = backendFor(config.backend.kind).baselineStore
    return store
      ? await baselineFromStore(store, config.backend, settings, run, branch)
      : await baselineFromArtifact(settings, run, branch)
  } catch (error) {
    if (error instanceof BaselineError)
      return { note: `${error.message} ${SKIPPED}`, unusable: true }
    const status = httpStatus(error)
    const hint =
      status === 403 || status === 404
        ? ' The token needs `actions: read` to find and download artifacts of earlier runs.'
        : ''
    return {
      note: `Could not fetch the baseline: ${(error as Error).message}.${hint} ${SKIPPED}`,
      unusable: true
    }
  }
}

/**
 * The baseline history from the artifacts of the latest successful runs on `branch`: their
 * results.json, newest first, those that may enter it (src/baseline/history.ts), at most
 * `baseline-history` of them.
 */
async function baselineFromArtifact(
  settings: GateSettings,
  run: GitHubRun,
  branch: string
): Promise<BaselineLookup> {
  const name = settings.artifactName ?? DEFAULT_ARTIFACT_NAME
  const token = settings.githubToken
  if (token === undefined) {
    return {
      note: `baseline: auto needs \`github-token\` to find the "${name}" artifact. ${SKIPPED}`
    }
  }
  const candidates: Baseline[] = []
  const artifacts = earlierArtifacts(gitHubClient(token), token, run, name, branch)
  for await (const earlier of artifacts) {
    const destination = await mkdtemp(join(tmpdir(), 'distributed-locust-baseline-'))
    await earlier.download(destination)
    const baseline = await readBaselineFile(destination).catch((error: unknown) => {
      if (error instanceof BaselineError) return undefined
      throw error
    })
    if (!baseline) continue
    candidates.push({
      ...baseline,
      source: `artifact "${name}" of ${branch}`,
      runId: earlier.runId,
      runUrl: earlier.runUrl
    })
    const history = baselineHistory(candidates, settings.historySize)
    if (history.length >= settings.historySize || history.at(-1)?.accepted) break
  }
  const history = baselineHistory(candidates, settings.historySize)
  if (history.length === 0) {
    return {
      note: `No baseline yet: no successful run of this workflow on ${branch} has a valid, unexpired "${name}" artifact. ${SKIPPED}`
    }
  }
  return { baseline: history[0], history }
}

async function baselineFromStore(
  store: BaselineStore<BackendSettings>,
  settings: BackendSettings,
  gate: GateSettings,
  run: GitHubRun,
  branch: string
): Promise<BaselineLookup> {
  const { location, runs } = await store.fetch(
    settings,
    { repository: run.repository, branch },
    gate.historySize
  )
  const candidates = runs.map((stored) => parseBaseline(stored.text, stored.location))
  const history = baselineHistory(candidates, gate.historySize)
  if (history.length === 0) {
    return {
      note: `No baseline yet under ${location}: no valid push to ${branch} has stored one. ${SKIPPED}`
    }
  }
  return { baseline: history[0], history }
}

export interface Published {
  /** The results artifact's page, when it was uploaded. */
  artifactUrl?: string
}

/**
 * Uploads the artifact, then comments on the pull request and stores the baseline; a calibration
 * (`mode: calibrate`) is no gate's run, so it is only uploaded.
 */
export async function publishResults(
  settings: GateSettings,
  config: RunConfig<BackendSettings>,
  concluded: ConcludedRun,
  run: GitHubRun | undefined,
  log: GateLog,
  options: { calibration?: boolean } = {}
): Promise<Published> {
  const published: Published = {}
  if (settings.artifactName !== undefined && run) {
    try {
      const artifact = await uploadResultsArtifact(settings.artifactName, config.resultsDir, run)
      log.info(`Uploaded the results as artifact "${settings.artifactName}": ${artifact.url}`)
      published.artifactUrl = artifact.url
    } catch (error) {
      log.warning(
        `Could not upload the results artifact "${settings.artifactName}": ${(error as Error).message}. The results are still in ${config.resultsDir}.`
      )
    }
  }
  if (options.calibration === true) return published
  await commentOnPullRequest(settings, concluded, run, published, log)
  await storeBaseline(settings, config, concluded, run, log)
  return published
}

async function commentOnPullRequest(
  settings: GateSettings,
  concluded: ConcludedRun,
  run: GitHubRun | undefined,
  published: Published,
  log: GateLog
): Promise<void> {
  await upsertComment(settings, run, log, (marker, title) =>
    renderComment(concluded.report, marker, title, {
      runUrl: run?.runUrl,
      artifactUrl: published.artifactUrl
    })
  )
}

/**
 * A run that ended before its report (invalid inputs, a refused baseline, a failed start) still
 * replaces the pull request's comment, so that no earlier PASS stays there.
 */
export async function commentError(
  settings: GateSettings,
  run: GitHubRun | undefined,
  message: string,
  log: GateLog
): Promise<void> {
  await upsertComment(settings, run, log, (marker, title) =>
    renderErrorComment(marker, title, message, { runUrl: run?.runUrl })
  )
}

async function upsertComment(
  settings: GateSettings,
  run: GitHubRun | undefined,
  log: GateLog,
  render: (marker: string, title: string) => string
): Promise<void> {
  if (settings.commentOnPr === 'never' || !run) return
  const isPullRequestEvent = run.eventName.startsWith('pull_request')
  if (settings.commentOnPr === 'auto' && !isPullRequestEvent) return
  const pullRequest = run.pullRequest
  if (!pullRequest) {
    if (settings.commentOnPr === 'always') {
      log.warning(`comment-on-pr is "always" but this ${run.eventName} event has no pull request.`)
    }
    return
  }
  if (settings.githubToken === undefined) {
    log.warning('No PR comment: `github-token` is empty.')
    return
  }
  const title = settings.testName ?? 'Load test'
  const marker = commentMarker({ workflow: run.workflow, job: run.job, name: title })
  const body = render(marker, title)
  try {
    const result = await upsertStickyComment(gitHubClient(settings.githubToken), {
      owner: run.owner,
      repo: run.repo,
      issueNumber: pullRequest.number,
      marker,
      body
    })
    log.info(
      `${result.action === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${pullRequest.number}: ${result.url}`
    )
  } catch (error) {
    const status = httpStatus(error)
    const why =
      status !== 403 && status !== 404
        ? (error as Error).message
        : pullRequest.fromFork
          ? 'this pull request comes from a fork, and GitHub gives fork runs a read-only token'
          : 'the token may not write comments; give the job `permissions: pull-requests: write`'
    log.warning(
      `No PR comment on #${pullRequest.number}: ${why}. The job summary has the full report.`
    )
  }
}

/**
 * In a backend's baseline store, a valid push (passed or inconclusive) joins its branch's baseline
 * history, keeping the last `baseline-history` runs; a run accepted as the new baseline (any
 * event) restarts it.
 */
async function storeBaseline(
  settings: GateSettings,
  config: RunConfig<BackendSettings>,
  concluded: ConcludedRun,
  run: GitHubRun | undefined,
  log: GateLog
): Promise<void> {
  const store = backendFor(config.backend.kind).baselineStore
  const { report } = concluded
  if (!store || !run || !run.branch) return
  const accepted = report.acceptedAsBaseline === true
  if (!accepted && !(run.eventName === 'push' && mayEnterHistory(report.verdict))) return
  try {
    const location = await store.save(
      config.backend,
      { repository: run.repository, branch: run.branch },
      await readFile(concluded.resultsJsonPath, 'utf8'),
      { keep: settings.historySize, restart: accepted }
    )
    const what = accepted ? 'the new baseline (the history starts again)' : 'a baseline'
    log.info(`Stored this run as ${what} of ${run.branch}: ${location}`)
  } catch (error) {
    log.warning(`Could not store the baseline of ${run.branch}: ${(error as Error).message}`)
  }
}
