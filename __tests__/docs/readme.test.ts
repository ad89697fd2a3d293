/**
 * The README fits on a few screens and keeps its promises: the two commands a newcomer runs are
 * package.json scripts, every page it links to exists, and it says which version to use.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { published } from '../../scripts/action-docs.js'

const readme = readFileSync('README.md', 'utf8')
const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>
}

test('the README is at most 300 lines', () => {
  expect(readme.split('\n').length).toBeLessThanOrEqual(300)
})

test('its two commands are npm scripts: npm run demo and npm test', () => {
  const block = /## Two commands\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  const commands = block.split('\n').map((line) => line.replace(/#.*/, '').trim())
  expect(commands.filter(Boolean)).toEqual(['npm run demo', 'npm test'])
  expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo', 'test']))
})

test('it says which version to use', () => {
  const { repository, ref } = published(readFileSync('package.json', 'utf8'))
  expect(readme).toContain(`Use \`${repository}@${ref}\``)
})

test.each(
  ['README.md', 'docs/action.md', 'docs/aws.md', 'docs/cli.md', 'docs/development.md']
    .concat(['docs/locustfiles.md', 'docs/security.md', 'docs/thresholds.md'])
    .map((page) => [page])
)('the files %s links to exist', (page) => {
  const text = readFileSync(page, 'utf8')
  const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/.test(target))
  expect(targets.filter((target) => !existsSync(join(dirname(page), target)))).toEqual([])
})
