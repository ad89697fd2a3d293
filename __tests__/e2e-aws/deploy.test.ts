/**
 * `distributed-locust deploy` against the emulated CloudFormation and S3: the template uploaded to
 * a bucket, the stack created or updated through a change set, its events followed with progress,
 * the doctor run at the end. The deployment logic runs in-process with 0 ms pauses; the command
 * runs once as a real process.
 */
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createAwsClients } from '../../src/backend/aws/clients.js'
import { deployStack, type DeployRequest } from '../../src/backend/aws/deploy/change-set.js'
import { STACK_OUTPUTS } from '../../src/backend/aws/target.js'
import {
  applyEnv,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  startEmulator,
  stateMachineArn
} from '../emulator/index.js'
import { runCli } from '../support/cli.js'
import { REPO } from '../support/helpers.js'
import { useForAll, useWorkDir } from '../support/hooks.js'

jest.setTimeout(60_000)

const TEMPLATE = readFileSync(join(REPO, 'cloudformation', 'template.yaml'), 'utf8')
const TEMPLATE_RESOURCES = Object.keys((JSON.parse(TEMPLATE) as { Resources: object }).Resources)
/** The shipped template made larger than CloudFormation takes inline (51,200 bytes): 60,000. */
const LARGE_TEMPLATE = padded(60_000)

function padded(bytes: number): string {
  const withPadding = (padding: string) =>
    JSON.stringify({ ...(JSON.parse(TEMPLATE) as object), Metadata: { Padding: padding } })
  return withPadding('x'.repeat(bytes - Buffer.byteLength(withPadding(''))))
}
const TASK_DEFINITION = `arn:aws:ecs:${DEFAULT_REGION}:${DEFAULT_ACCOUNT_ID}:task-definition/dl-locust:1`
const REPOSITORY = 'dl-locust'
const IMAGE = `${DEFAULT_ACCOUNT_ID}.dkr.ecr.${DEFAULT_REGION}.amazonaws.com/${REPOSITORY}:latest`
const SUBNET = 'subnet-0123456789abcdef0'
const PARAMETERS = { VpcId: 'vpc-0123456789abcdef0', Subnets: SUBNET }

const emulator = useForAll(
  'The emulator',
  () =>
    startEmulator({
      account: {
        images: { [REPOSITORY]: ['latest'] },
        taskDefinitions: { [TASK_DEFINITION]: { cpu: '1024', memory: '2048', image: IMAGE } },
        subnets: [{ id: SUBNET, vpcId: PARAMETERS.VpcId }],
        routeTables: [
          { id: 'rtb-1', vpcId: PARAMETERS.VpcId, main: true, defaultRouteTo: 'nat-0123' }
        ]
      }
    }),
  (started) => started.stop()
)

/** What the deployed stack's outputs are, once CloudFormation has created it. */
function stackOutputs(bucket: string): Record<string, string> {
  return {
    [STACK_OUTPUTS.stateMachineArn]: stateMachineArn('dl-run'),
    [STACK_OUTPUTS.bucket]: bucket,
    [STACK_OUTPUTS.cluster]: 'dl',
    [STACK_OUTPUTS.taskDefinition]: TASK_DEFINITION,
    [STACK_OUTPUTS.subnets]: SUBNET,
    [STACK_OUTPUTS.securityGroups]: 'sg-0123456789abcdef0'
  }
}

async function deploy(request: Partial<DeployRequest> & { stackName: string }) {
  const restore = applyEnv(emulator.env)
  const clients = createAwsClients(emulator.region)
  const lines: string[] = []
  try {
    const outcome = await deployStack(
      clients,
      { region: emulator.region, template: TEMPLATE, parameters: PARAMETERS, ...request },
      { log: (line) => lines.push(line), sleep: async () => undefined, now: () => Date.now() }
    )
    return { ...outcome, lines }
  } finally {
    for (const client of Object.values(clients)) client.destroy()
    restore()
  }
}

test('a new stack from a template over the inline limit: uploaded to the bucket, created through a change set, progress printed', async () => {
  emulator.cloudFormation.outputsAfterDeploy = stackOutputs(emulator.bucket)
  const outcome = await deploy({
    stackName: 'dl-large',
    template: LARGE_TEMPLATE,
    templateBucket: emulator.bucket
  })

  expect(outcome).toMatchObject({ ok: true, status: 'CREATE_COMPLETE' })
  expect(outcome.lines[0]).toMatch(
    new RegExp(
      `^Creating stack dl-large in ${DEFAULT_REGION} \\(template uploaded to s3://${emulator.bucket}/templates/dl-large-[0-9a-f]{16}\\.yaml, 60000 bytes\\)`
    )
  )
  const total = TEMPLATE_RESOURCES.length
  expect(outcome.lines[1]).toMatch(new RegExp(`${total} resource change\\(s\\)`))
  expect(outcome.lines).toContain(`[1/${total}] ${TEMPLATE_RESOURCES[0]} CREATE_COMPLETE`)
  expect(outcome.lines.at(-1)).toBe(`[${total}/${total}] dl-large CREATE_COMPLETE`)
  expect(await emulator.objectKeys('templates/')).toHaveLength(1)
  expect(emulator.cloudFormation.stack('dl-large')?.parameters).toEqual(PARAMETERS)
})

test('the same template inline is refused before anything is created: a bucket is named', async () => {
  const outcome = deploy({ stackName: 'dl-inline', template: LARGE_TEMPLATE })
  await expect(outcome).rejects.toThrow(
    /60000 bytes, over CloudFormation's 51200 .* pass --template-bucket/
  )
  expect(emulator.cloudFormation.stack('dl-inline')).toBeUndefined()
})

test("an update goes through the stack's bucket and keeps the parameters not given; the same again changes nothing", async () => {
  emulator.cloudFormation.outputsAfterDeploy = stackOutputs(emulator.bucket)
  await deploy({ stackName: 'dl-update' })
  const updated = await deploy({
    stackName: 'dl-update',
    parameters: { ExpectWorkersTimeoutSeconds: '600' }
  })

  expect(updated).toMatchObject({ ok: true, status: 'UPDATE_COMPLETE' })
  expect(updated.lines[0]).toMatch(
    new RegExp(`^Updating stack dl-update .*template uploaded to s3://${emulator.bucket}/`)
  )
  expect(emulator.cloudFormation.stack('dl-update')?.parameters).toEqual({
    ExpectWorkersTimeoutSeconds: '600',
    ...PARAMETERS
  })
  const again = await deploy({
    stackName: 'dl-update',
    parameters: { ExpectWorkersTimeoutSeconds: '600' }
  })
  expect(again).toMatchObject({ ok: true, status: 'unchanged' })
})

test('a resource that fails: the stack rolls back and the outcome names the resource and why', async () => {
  await deploy({ stackName: 'dl-failing' })
  emulator.cloudFormation.failingResources = {
    RunStateMachine: 'Invalid State Machine Definition: SCHEMA_VALIDATION_FAILED'
  }
  try {
    const outcome = await deploy({
      stackName: 'dl-failing',
      parameters: { RunDeadlineMarginSeconds: '900' }
    })
    expect(outcome).toMatchObject({
      ok: false,
      status: 'UPDATE_ROLLBACK_COMPLETE',
      message:
        'Stack dl-failing ended UPDATE_ROLLBACK_COMPLETE; first failure: RunStateMachine UPDATE_FAILED (Invalid State Machine Definition: SCHEMA_VALIDATION_FAILED).'
    })
  } finally {
    emulator.cloudFormation.failingResources = {}
  }
})

describe('the command', () => {
  const work = useWorkDir('dl-deploy-')

  test('deploys a stack and finishes with the doctor: exit 0', async () => {
    emulator.cloudFormation.outputsAfterDeploy = stackOutputs(emulator.bucket)
    // A small template: two resources, so the command's 5 s polls are few.
    const template = join(work.dir, 'small.json')
    const small = JSON.parse(TEMPLATE) as { Resources: Record<string, unknown> }
    small.Resources = {
      RunBucket: small.Resources.RunBucket,
      Cluster: small.Resources.Cluster
    }
    writeFileSync(template, JSON.stringify(small))
    const run = await runCli(
      [
        'deploy',
        '--stack-name',
        'dl-cli',
        '--template',
        template,
        '--template-bucket',
        emulator.bucket,
        '--parameter',
        `VpcId=${PARAMETERS.VpcId}`,
        '-w',
        '2'
      ],
      { env: emulator.env }
    )

    expect(run.stderr).toContain('Creating stack dl-cli')
    expect(run.stderr).toContain('[2/2] dl-cli CREATE_COMPLETE')
    expect(run.stderr).toContain('Stack dl-cli is CREATE_COMPLETE.')
    expect(run.stdout).toContain("ok       stack: Stack 'dl-cli' is CREATE_COMPLETE.")
    expect(run.stdout).toMatch(/0 error\(s\), \d+ warning\(s\)/)
    expect(run.code).toBe(0)
  })

  test('a malformed --parameter is refused before anything is called', async () => {
    const run = await runCli(['deploy', '--stack-name', 'dl-cli', '--parameter', 'VpcId'], {
      env: emulator.env
    })
    expect(run.stderr).toContain('option --parameter: got "VpcId"; expected Key=Value')
    expect(run.code).toBe(2)
  })
})
