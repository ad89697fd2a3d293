/** Creates or updates the sticky pull-request comment through the REST API. */
import type { GitHubClient } from './client.js'

export interface StickyComment {
  owner: string
  repo: string
  issueNumber: number
  /** The hidden marker the comment starts with; it finds the comment again on re-runs. */
  marker: string
  /** The full body, marker included. */
  body: string
}

interface CommentResult {
  action: 'created' | 'updated'
  url: string
}

/**
 * Updates the comment that starts with the marker, or creates one. Every page of comments is
 * searched (a busy PR has more than one page), and only the first match is updated.
 */
export async function upsertStickyComment(
  github: GitHubClient,
  comment: StickyComment
): Promise<CommentResult> {
  const { owner, repo, issueNumber, marker, body } = comment
  const existing = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100
  })
  const previous = existing.find((candidate) => candidate.body?.startsWith(marker))
  if (previous) {
    const { data } = await github.rest.issues.updateComment({
      owner,
      repo,
      comment_id: previous.id,
      body
    })
    return { action: 'updated', url: data.html_url }
  }
  const { data } = await github.rest.issues.createComment({
    owner,
    repo,
    issue_number: issueNumber,
    body
  })
  return { action: 'created', url: data.html_url }
}
