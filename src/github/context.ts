/**
 * What the action knows of the workflow run it is in, from the runner's standard variables and
 * the event payload. Pure: the caller reads GITHUB_EVENT_PATH.
 */

export interface PullRequestInfo {
  number: number
  /** The branch the pull request merges into. */
  baseBranch: string
  /** True when the head branch lives in another repository (a fork): its token is read-only. */
  fromFork: boolean
}

export interface GitHubRun {
  owner: string
  repo: string
  /** "owner/repo". */
  repository: string
  runId: string
  /** The run's page: the job summary and the artifacts are there. */
  runUrl: string
  serverUrl: string
  eventName: string
  workflow: string
  job: string
  /** The branch this run is on (the head branch for a pull request). */
  branch?: string
  defaultBranch?: string
  pullRequest?: PullRequestInfo
}

/** Undefined outside GitHub Actions (no GITHUB_REPOSITORY or GITHUB_RUN_ID). */
export function gitHubRun(env: NodeJS.ProcessEnv, payload: unknown): GitHubRun | undefined {
  const repository = env.GITHUB_REPOSITORY
  const runId = env.GITHUB_RUN_ID
  if (!repository?.includes('/') || !runId) return undefined
  const [owner, repo] = repository.split('/', 2)
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const event = isObject(payload) ? payload : {}
  const pull = isObject(event.pull_request) ? event.pull_request : undefined
  const repositoryPayload = isObject(event.repository) ? event.repository : {}
  return {
    owner,
    repo,
    repository,
    runId,
    runUrl: `${serverUrl}/${repository}/actions/runs/${runId}`,
    serverUrl,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || undefined,
    defaultBranch: text(repositoryPayload.default_branch),
    pullRequest: pull ? pullRequestInfo(pull, repository, env) : undefined
  }
}

function pullRequestInfo(
  pull: Record<string, unknown>,
  repository: string,
  env: NodeJS.ProcessEnv
): PullRequestInfo | undefined {
  if (typeof pull.number !== 'number') return undefined
  const head = isObject(pull.head) ? pull.head : {}
  const base = isObject(pull.base) ? pull.base : {}
  const headRepository = isObject(head.repo) ? text(head.repo.full_name) : undefined
  return {
    number: pull.number,
    baseBranch: text(base.ref) ?? env.GITHUB_BASE_REF ?? '',
    fromFork: headRepository !== undefined && headRepository !== repository
  }
}

/** The branch whose baseline a run compares with: the PR's base, else its own, else the default. */
export function baselineBranch(run: GitHubRun): string | undefined {
  return run.pullRequest?.baseBranch || run.branch || run.defaultBranch
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
