/**
 * The release workflow's checks (.github/workflows/release.yml), runnable by hand:
 *   npx tsx scripts/release.ts v1.4.0 > notes.md
 * refuses a version that is not package.json's or has no CHANGELOG.md entry, and prints that
 * entry: the release notes. Its last line on stderr names the tags and image the release makes.
 */
import { readFileSync } from 'node:fs'
import { published } from './action-docs.js'

const SEMVER = /^\d+\.\d+\.\d+$/

/** The version a tag (`v1.4.0`) or a plain version names, checked against package.json's. */
export function releaseVersion(given: string, packageVersion: string): string {
  const version = given.trim().replace(/^v/, '')
  if (!SEMVER.test(version)) {
    throw new Error(`"${given}" is not a version such as v1.4.0: release tags are vX.Y.Z.`)
  }
  if (version !== packageVersion) {
    throw new Error(
      `The release is ${version} but package.json says ${packageVersion}: set "version" in package.json, run "npx tsx scripts/action-docs.ts", commit, and tag that commit.`
    )
  }
  return version
}

/** The text under CHANGELOG.md's `## <version>` heading (a date may follow it), up to the next. */
export function changelogEntry(changelog: string, version: string): string {
  const lines = changelog.split('\n')
  const heading = new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no "## ${version}" section: move the Unreleased notes under it and commit.`
    )
  }
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  const entry = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (!entry) throw new Error(`CHANGELOG.md's "## ${version}" section is empty.`)
  return entry
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const packageJson = readFileSync('package.json', 'utf8')
    const { version: packageVersion } = JSON.parse(packageJson) as { version: string }
    const version = releaseVersion(process.argv[2] ?? '', packageVersion)
    process.stdout.write(`${changelogEntry(readFileSync('CHANGELOG.md', 'utf8'), version)}\n`)
    const { repository, ref, image } = published(packageJson)
    console.error(`Release v${version} of ${repository}: workflows pin @${ref}; image ${image}`)
  } catch (error) {
    console.error(`release: ${(error as Error).message}`)
    process.exitCode = 1
  }
}
