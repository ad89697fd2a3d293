/** Run ids become ECS `startedBy` (at most 36 characters) and the execution name. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,36}$/

/**
 * A run id unique to this workflow run, attempt and job: `gh-<run>-<attempt>-<job>-<nonce>`. The
 * nonce keeps matrix legs and repeated steps of one job apart; the rest makes it findable.
 * Outside GitHub Actions: `dl-<time>-<nonce>`.
 */
export function deriveRunId(env: NodeJS.ProcessEnv, nonce: string, now: Date): string {
  if (env.GITHUB_RUN_ID) {
    const attempt = env.GITHUB_RUN_ATTEMPT ?? '1'
    const head = `gh-${env.GITHUB_RUN_ID}-${attempt}-`
    const room = 36 - head.length - nonce.length - 1
    const job = (env.GITHUB_JOB ?? 'job')
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .slice(0, Math.max(0, room))
    return job === '' ? `${head}${nonce}` : `${head}${job}-${nonce}`
  }
  const time = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
  return `dl-${time}-${nonce}`
}
