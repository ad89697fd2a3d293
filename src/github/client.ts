/** The REST client: @actions/github's Octokit, which honours GITHUB_API_URL and the proxy settings. */
import { getOctokit } from '@actions/github'

export type GitHubClient = ReturnType<typeof getOctokit>

export function gitHubClient(token: string): GitHubClient {
  return getOctokit(token)
}

/**
 * The HTTP status of a failed REST call (403 without permission, 404 for what the token cannot
 * see); undefined for anything else, such as a network error.
 */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}
