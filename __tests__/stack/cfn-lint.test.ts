/**
 * cfn-lint, the CloudFormation linter, finds no error and no warning in the deployed template. Where
 * cfn-lint is not installed the test is skipped and says so; CI (.ci/run) always runs it.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const template = fileURLToPath(new URL('../../cloudformation/template.yaml', import.meta.url))
const available = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0
if (!available) {
  console.warn(
    'cfn-lint is not installed (pip install cfn-lint): the template lint test is skipped.'
  )
}

const testIfLinter = available ? test : test.skip

testIfLinter(
  'cfn-lint reports nothing for cloudformation/template.yaml',
  () => {
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', template], {
      encoding: 'utf8'
    })
    expect(lint.stdout + lint.stderr).toBe('')
    expect(lint.status).toBe(0)
  },
  60_000
)
