/**
 * The results artifact: uploaded with @actions/artifact (ACTIONS_RESULTS_URL and
 * ACTIONS_RUNTIME_TOKEN, set by the runner), and found again in an earlier run of the same
 * workflow through the REST API for `baseline: auto` on the local backend.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitHubClient } from './client.js'
import type { GitHubRun } from './context.js'

interface UploadedArtifact {
  id: number
  size: number
  /** The artifact's page in the run (downloadable from there). */
  url: string
}

/**
 * Uploads every file under `dir` as one zip artifact named `name`. Names are unique in a workflow
 * run, and a re-run job is the same run: an artifact of that name from an earlier attempt is
 * replaced, as upload-artifact's `overwrite` does.
 */
export async function uploadResultsArtifact(
  name: string,
  dir: string,
  run: GitHubRun
): Promise<UploadedArtifact> {
  const files = await listFiles(dir)
  const client = new DefaultArtifactClient()
  // By name, not class: @github/local-action's stand-in for @actions/artifact has no error classes.
  await client.deleteArtifact(name).catch((error: unknown) => {
    if ((error as Error).name !== 'ArtifactNotFoundError') throw error
  })
  const { id, size } = await client.uploadArtifact(name, files, dir)
  if (id === undefined) throw new Error(`the artifact service gave no id for "${name}"`)
  return { id, size: size ?? 0, url: `${run.runUrl}/artifacts/${id}` }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** The artifact of an earlier run, found but not downloaded yet. */
export interface EarlierArtifact {
  runId: string
  runUrl: string
  /** Downloads (extracts) it into `destination`. */
  download(destination: string): Promise<void>
}

/** How many of the latest successful runs are searched for the artifact. */
const RUNS_SEARCHED = 30

/**
 * The `name` artifacts (unexpired) of the latest successful runs of this run's workflow on
 * `branch`, newest first, found one run at a time as the caller asks for more.
 */
export async function* earlierArtifacts(
  github: GitHubClient,
  token: string,
  run: GitHubRun,
  name: string,
  branch: string
): AsyncGenerator<EarlierArtifact> {
  const { owner, repo } = run
  const { data: current } = await github.rest.actions.getWorkflowRun({
    owner,
    repo,
    run_id: Number(run.runId)
  })
  const { data: runs } = await github.rest.actions.listWorkflowRuns({
    owner,
    repo,
    workflow_id: current.workflow_id,
    branch,
    status: 'success',
    per_page: RUNS_SEARCHED
  })
  for (const candidate of runs.workflow_runs) {
    if (String(candidate.id) === run.runId) continue
    const { data } = await github.rest.actions.listWorkflowRunArtifacts({
      owner,
      repo,
      run_id: candidate.id,
      name
    })
    const artifact = data.artifacts.find((item) => item.name === name && !item.expired)
    if (!artifact) continue
    yield {
      runId: String(candidate.id),
      runUrl: candidate.html_url,
      download: async (destination) => {
        await new DefaultArtifactClient().downloadArtifact(artifact.id, {
          path: destination,
          findBy: {
            token,
            workflowRunId: candidate.id,
            repositoryOwner: owner,
            repositoryName: repo
          }
        })
      }
    }
  }
}
