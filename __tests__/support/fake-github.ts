/**
 * A fake of the two GitHub services the action talks to, on one loopback port, reached only
 * through the runner's standard variables (see `env()`):
 *
 * - the REST API (GITHUB_API_URL): issue comments (list with pages, create, update), workflow runs
 *   (get, list by workflow/branch/status), a run's artifacts and the artifact zip download (a 302
 *   to a blob URL, as GitHub answers);
 * - the artifact service @actions/artifact v2+ speaks (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN):
 *   Twirp JSON CreateArtifact → a signed blob URL (409 when the run has that name already), Azure
 *   block-blob uploads (Put Block, Put Block List), FinalizeArtifact, ListArtifacts, DeleteArtifact. A finalized artifact appears in the REST API under its run, so a
 *   later run can download what an earlier run uploaded.
 *
 * Anything the fake does not know is a 404 with a message naming the route, so a test fails on a
 * call the action was not expected to make.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
  html_url: string
}

export interface FakeRun {
  id: number
  workflowId: number
  branch: string
  conclusion: 'success' | 'failure' | null
}

export interface FakeArtifact {
  id: number
  name: string
  runId: number
  expired: boolean
  zip: Buffer
}

export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'

export class FakeGitHub {
  readonly owner = 'octo-org'
  readonly repo = 'shop'
  /** Comments of each issue or pull request, by number. */
  readonly comments = new Map<number, FakeComment[]>()
  readonly runs: FakeRun[] = []
  readonly artifacts: FakeArtifact[] = []
  readonly requests: RecordedRequest[] = []
  /** When set, writes (comments) answer 403 as for a read-only token, e.g. a fork's. */
  readOnly = false

  private server!: Server
  private nextId = 1000
  private pendingUploads = new Map<string, { name: string; blocks: Map<string, Buffer> }>()
  private url = ''

  static async start(): Promise<FakeGitHub> {
    const fake = new FakeGitHub()
    fake.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => fake.handle(request, Buffer.concat(chunks), response))
    })
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve))
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`
    return fake
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections()
      this.server.close(() => resolve())
    })
  }

  /**
   * The variables a runner sets, pointing at this fake, for a run of `runId` (its artifacts are
   * uploaded under that run).
   */
  env(runId: number): Record<string, string> {
    return {
      GITHUB_API_URL: this.url,
      // github.com: @actions/artifact refuses other servers as GHES. No request goes there.
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
      GITHUB_RUN_ID: String(runId),
      ACTIONS_RESULTS_URL: `${this.url}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-${runId}`, 'job-1')
    }
  }

  /** A comment written by someone else, so the action must leave it alone. */
  addComment(issue: number, body: string, login = 'a-reviewer'): FakeComment {
    const comment = {
      id: this.nextId++,
      body,
      user: { login, type: 'User' },
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${issue}#issuecomment-${this.nextId}`
    }
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment])
    return comment
  }

  private handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url)
    this.requests.push({
      method: request.method ?? '',
      path: url.pathname,
      authorization: request.headers.authorization
    })
    try {
      if (url.pathname.startsWith(TWIRP_PREFIX)) {
        return this.twirp(url.pathname.slice(TWIRP_PREFIX.length), body, response)
      }
      if (url.pathname.startsWith('/blob/')) return this.blob(request, url, body, response)
      return this.rest(request.method ?? '', url, body, response)
    } catch (error) {
      json(response, 500, { message: (error as Error).message })
    }
  }

  private rest(method: string, url: URL, body: Buffer, response: ServerResponse): void {
    const repoPrefix = `/repos/${this.owner}/${this.repo}`
    const path = url.pathname.startsWith(repoPrefix) ? url.pathname.slice(repoPrefix.length) : ''
    let match: RegExpExecArray | null
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const issue = Number(match[1])
      if (method === 'GET') return this.listComments(issue, url, response)
      if (method === 'POST') {
        if (this.readOnly) return forbidden(response)
        const { body: text } = JSON.parse(body.toString('utf8')) as { body: string }
        const comment = this.addComment(issue, text, 'github-actions[bot]')
        comment.user.type = 'Bot'
        return json(response, 201, comment)
      }
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
      if (this.readOnly) return forbidden(response)
      const comment = [...this.comments.values()].flat().find((c) => c.id === Number(match![1]))
      if (!comment) return json(response, 404, { message: 'Not Found' })
      comment.body = (JSON.parse(body.toString('utf8')) as { body: string }).body
      return json(response, 200, comment)
    }
    if ((match = /^\/actions\/runs\/(\d+)$/.exec(path)) && method === 'GET') {
      const run = this.runs.find((candidate) => candidate.id === Number(match![1]))
      if (!run) return json(response, 404, { message: 'Not Found' })
      return json(response, 200, this.runJson(run))
    }
    if ((match = /^\/actions\/workflows\/(\d+)\/runs$/.exec(path)) && method === 'GET') {
      const runs = this.runs
        .filter((run) => run.workflowId === Number(match![1]))
        .filter(
          (run) => !url.searchParams.has('branch') || run.branch === url.searchParams.get('branch')
        )
        .filter(
          (run) => url.searchParams.get('status') !== 'success' || run.conclusion === 'success'
        )
        .sort((a, b) => b.id - a.id)
      return json(response, 200, {
        total_count: runs.length,
        workflow_runs: runs.map((run) => this.runJson(run))
      })
    }
    if ((match = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(path)) && method === 'GET') {
      const name = url.searchParams.get('name')
      const artifacts = this.artifacts
        .filter((artifact) => artifact.runId === Number(match![1]))
        .filter((artifact) => name === null || artifact.name === name)
        .map((artifact) => ({
          id: artifact.id,
          name: artifact.name,
          size_in_bytes: artifact.zip.length,
          expired: artifact.expired,
          workflow_run: { id: artifact.runId }
        }))
      return json(response, 200, { total_count: artifacts.length, artifacts })
    }
    if ((match = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(path)) && method === 'GET') {
      const artifact = this.artifacts.find((candidate) => candidate.id === Number(match![1]))
      if (!artifact) return json(response, 404, { message: 'Not Found' })
      response.writeHead(302, {
        location: `${this.url}/blob/artifacts/${artifact.id}.zip?sig=fake`
      })
      return void response.end()
    }
    json(response, 404, { message: `The fake GitHub API has no route ${method} ${url.pathname}` })
  }

  private listComments(issue: number, url: URL, response: ServerResponse): void {
    const all = this.comments.get(issue) ?? []
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const headers: Record<string, string> = {}
    if (page * perPage < all.length) {
      const next = new URL(url)
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${next.href}>; rel="next"`
    }
    json(response, 200, all.slice((page - 1) * perPage, page * perPage), headers)
  }

  private runJson(run: FakeRun) {
    return {
      id: run.id,
      workflow_id: run.workflowId,
      head_branch: run.branch,
      status: run.conclusion === null ? 'in_progress' : 'completed',
      conclusion: run.conclusion,
      html_url: `https://github.com/${this.owner}/${this.repo}/actions/runs/${run.id}`
    }
  }

  private twirp(method: string, body: Buffer, response: ServerResponse): void {
    // Twirp JSON with the proto field names, as @actions/artifact sends and the service answers.
    const request = JSON.parse(body.toString('utf8')) as {
      name?: string
      name_filter?: string
      workflow_run_backend_id: string
      workflow_job_run_backend_id: string
    }
    // env(runId) names the run's backend id "run-<runId>": the artifact belongs to that run.
    const runId = Number(request.workflow_run_backend_id.replace(/^run-/, ''))
    const key = `${request.workflow_run_backend_id}/${request.name}`
    const existing = (name: string | undefined) =>
      this.artifacts.filter((artifact) => artifact.runId === runId && artifact.name === name)
    if (method === 'CreateArtifact') {
      // As the service does: names are unique in a run, also across re-runs of a job.
      if (existing(request.name).length > 0) {
        return json(response, 409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run'
        })
      }
      this.pendingUploads.set(key, { name: request.name ?? '', blocks: new Map() })
      return json(response, 200, {
        ok: true,
        signed_upload_url: `${this.url}/blob/uploads/${encodeURIComponent(key)}?sig=fake`
      })
    }
    if (method === 'FinalizeArtifact') {
      const upload = this.pendingUploads.get(key)
      const zip = upload?.blocks.get('')
      if (!upload || !zip)
        return json(response, 404, { code: 'not_found', msg: `no upload for ${key}` })
      const artifact = { id: this.nextId++, name: upload.name, runId, expired: false, zip }
      this.artifacts.push(artifact)
      return json(response, 200, { ok: true, artifact_id: String(artifact.id) })
    }
    if (method === 'ListArtifacts') {
      const artifacts = existing(request.name_filter).map((artifact) => ({
        workflow_run_backend_id: request.workflow_run_backend_id,
        workflow_job_run_backend_id: request.workflow_job_run_backend_id,
        database_id: String(artifact.id),
        name: artifact.name,
        size: String(artifact.zip.length)
      }))
      return json(response, 200, { artifacts })
    }
    if (method === 'DeleteArtifact') {
      const [artifact] = existing(request.name)
      if (!artifact) return json(response, 404, { code: 'not_found', msg: 'no such artifact' })
      this.artifacts.splice(this.artifacts.indexOf(artifact), 1)
      return json(response, 200, { ok: true, artifact_id: String(artifact.id) })
    }
    json(response, 404, { code: 'bad_route', msg: `no Twirp method ${method}` })
  }

  /** Azure block blobs: Put Block stages, Put Block List commits (stored under the key ''). */
  private blob(request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse): void {
    const uploadMatch = /^\/blob\/uploads\/([^/]+)$/.exec(url.pathname)
    if (uploadMatch && request.method === 'PUT') {
      const upload = this.pendingUploads.get(decodeURIComponent(uploadMatch[1]))
      if (!upload) return json(response, 404, { message: 'no such upload' })
      const comp = url.searchParams.get('comp')
      if (comp === 'block') {
        upload.blocks.set(url.searchParams.get('blockid') ?? '', body)
      } else if (comp === 'blocklist') {
        const ids = [
          ...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)
        ]
        upload.blocks.set(
          '',
          Buffer.concat(ids.map((id) => upload.blocks.get(id[1]) ?? Buffer.alloc(0)))
        )
      } else {
        upload.blocks.set('', body)
      }
      response.writeHead(201, { etag: '"fake"', 'last-modified': new Date().toUTCString() })
      return void response.end()
    }
    const downloadMatch = /^\/blob\/artifacts\/(\d+)\.zip$/.exec(url.pathname)
    const artifact = downloadMatch && this.artifacts.find((a) => a.id === Number(downloadMatch[1]))
    if (artifact && request.method === 'GET') {
      response.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': artifact.zip.length
      })
      return void response.end(artifact.zip)
    }
    json(response, 404, { message: `no blob at ${url.pathname}` })
  }
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(text)
}

function forbidden(response: ServerResponse): void {
  json(response, 403, {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest'
  })
}

/** An unsigned JWT with the claim @actions/artifact reads its backend ids from. */
function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.Results:${runBackendId}:${jobBackendId}` })}.fake`
}
