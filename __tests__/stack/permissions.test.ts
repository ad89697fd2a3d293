/**
 * Every AWS call the action, the state machine and the container make, read from their sources
 * and mapped to the IAM action it needs, is allowed by the role cloudformation/template.yaml gives
 * its caller: the GitHub role (the action's SDK commands in src/backend/aws/ and the baseline
 * lookup), the state machine role (its Task states' integrations) and the task role (the
 * container's boto3 calls). The emulator grants everything, so only this test catches a missing
 * permission; removing any one needed permission from the template makes it fail.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { listTaskStates, parseTemplate } from '../../scripts/template/template.js'
import { runCallGroups } from '../../src/backend/aws/doctor/run-calls.js'
import { loadDefinition, templateText } from './helpers/run-machine.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates are free-form data
type Json = any

const REPO = join(import.meta.dirname, '..', '..')
type Role = 'GitHubRole' | 'StateMachineRole' | 'TaskRole'

/** IAM service prefix of each SDK client package the action uses. */
const IAM_PREFIX: Record<string, string> = {
  cloudformation: 'cloudformation',
  sfn: 'states',
  ecs: 'ecs',
  s3: 's3'
}
/** Calls whose IAM action is not named after them. */
const IAM_ACTION: Record<string, string> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  // DeleteObjects (many keys in one request) is authorised per key as s3:DeleteObject.
  's3:DeleteObjects': 's3:DeleteObject',
  's3:list_objects_v2': 's3:ListBucket',
  's3:download_file': 's3:GetObject',
  's3:get_object': 's3:GetObject',
  's3:upload_file': 's3:PutObject',
  'secretsmanager:get_secret_value': 'secretsmanager:GetSecretValue',
  'ssm:get_parameters': 'ssm:GetParameters'
}
const iamAction = (call: string) => IAM_ACTION[call] ?? call

/** The action's SDK commands: `new XCommand(` in the files that run in the workflow step. */
function actionCalls(): string[] {
  const folder = join(REPO, 'src', 'backend', 'aws')
  const files = [
    ...readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(folder, name)),
    join(REPO, 'src', 'action', 'gate.ts')
  ]
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8')
    const serviceOf = new Map<string, string>()
    for (const [, names, client] of text.matchAll(
      /import\s*{([^}]*)}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g
    )) {
      for (const name of names.split(',').map((part) => part.replace(/^\s*type\s+/, '').trim())) {
        serviceOf.set(name, IAM_PREFIX[client] ?? client)
      }
    }
    return [...text.matchAll(/new (\w+)Command\(/g)].map(([, name]) => {
      const service = serviceOf.get(`${name}Command`)
      if (!service) throw new Error(`${file}: ${name}Command comes from no known AWS SDK client`)
      return `${service}:${name}`
    })
  })
}

/**
 * The state machine's integrations, what RunTask implies (its tags, the roles it passes), and what
 * a distributed Map does (start, follow and stop its child executions).
 */
function stateMachineCalls(): string[] {
  const definition = loadDefinition() as { States: Record<string, Json> }
  const distributed = Object.values(definition.States).some(
    (state) => state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED'
  )
  return [
    ...listTaskStates(definition).flatMap(({ resource }) => {
      const [, service, call] = /:aws-sdk:(\w+):(\w+)$/.exec(resource)!
      const action = `${service}:${call.charAt(0).toUpperCase()}${call.slice(1)}`
      return action === 'ecs:RunTask' ? [action, 'ecs:TagResource', 'iam:PassRole'] : [action]
    }),
    ...(distributed
      ? ['states:StartExecution', 'states:DescribeExecution', 'states:StopExecution']
      : [])
  ]
}

/** The container's boto3 calls on its S3, Secrets Manager and SSM clients. */
function containerCalls(): string[] {
  const folder = join(REPO, 'docker', 'distributed_locust')
  const text = readdirSync(folder)
    .filter((name) => name.endsWith('.py'))
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('\n')
  const calls = [
    ...text.matchAll(/\b(s3|secretsmanager|ssm)\.(\w+)\(/g),
    ...[...text.matchAll(/get_paginator\('(\w+)'\)/g)].map(([whole, call]) => [whole, 's3', call])
  ].map(([, service, call]) => `${service}:${call}`)
  return calls.filter((call) => call !== 's3:get_paginator')
}

let neededFromSources: Record<Role, Set<string>> | undefined

/** Read from the sources once per run of this file (every case compares against it). */
function neededPermissions(): Record<Role, Set<string>> {
  neededFromSources ??= {
    GitHubRole: new Set(actionCalls().map(iamAction)),
    StateMachineRole: new Set(stateMachineCalls().map(iamAction)),
    TaskRole: new Set(containerCalls().map(iamAction))
  }
  return neededFromSources
}

/** The template, parsed once: each case changes a copy of it. */
const parsedTemplate: Json = parseTemplate(templateText)

/** The role's policies: its own and those of RolePolicy resources attached to it. */
function policiesOf(template: Json, role: Role): Json[] {
  const attached = Object.values<Json>(template.Resources).filter(
    (resource) =>
      resource.Type === 'AWS::IAM::RolePolicy' && resource.Properties.RoleName?.Ref === role
  )
  return [
    ...template.Resources[role].Properties.Policies,
    ...attached.map((resource) => resource.Properties)
  ]
}

/** The actions a role's Allow statements grant (its optional image-push policy left out). */
function granted(template: Json, role: Role): Set<string> {
  const policies = policiesOf(template, role).filter((policy: Json) => !policy['Fn::If'])
  return new Set(
    policies.flatMap((policy: Json) =>
      policy.PolicyDocument.Statement.filter((s: Json) => s.Effect === 'Allow').flatMap((s: Json) =>
        [s.Action].flat()
      )
    )
  )
}

function missingPermissions(template: Json): string[] {
  return Object.entries(neededPermissions()).flatMap(([role, actions]) => {
    const allowed = granted(template, role as Role)
    return [...actions].filter((action) => !allowed.has(action)).map((a) => `${role}: ${a}`)
  })
}

test('the calls are found in the sources', () => {
  const needed = neededPermissions()
  expect(needed.GitHubRole).toContain('states:StartExecution')
  expect(needed.GitHubRole).toContain('s3:ListBucket')
  expect(needed.StateMachineRole).toContain('ecs:RunTask')
  expect(needed.StateMachineRole).toContain('states:StartExecution')
  expect(needed.TaskRole).toEqual(
    new Set([
      's3:ListBucket',
      's3:GetObject',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'ssm:GetParameters'
    ])
  )
})

test('every call the action, the state machine and the container make is allowed', () => {
  expect(missingPermissions(parsedTemplate)).toEqual([])
})

test.each(
  Object.entries(neededPermissions()).flatMap(([role, actions]) =>
    [...actions].map((action) => [role, action])
  )
)('without %s %s the check fails', (role, action) => {
  const template = structuredClone(parsedTemplate)
  for (const policy of policiesOf(template, role as Role)) {
    for (const statement of policy.PolicyDocument?.Statement ?? []) {
      const actions = [statement.Action].flat().filter((a: string) => a !== action)
      statement.Action = actions.length > 0 ? actions : ['none:Removed']
    }
  }
  expect(missingPermissions(template)).toEqual([`${role}: ${action}`])
})

test('the GitHub role grants only what the action uses', () => {
  expect([...granted(parsedTemplate, 'GitHubRole')].sort()).toEqual(
    [...neededPermissions().GitHubRole].sort()
  )
})

test("the doctor's permission simulation covers every call the action makes", () => {
  const simulated = runCallGroups({
    partition: 'aws',
    region: 'eu-west-1',
    account: '123456789012',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/dl/1',
    stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:dl',
    bucket: 'dl-runs',
    clusterName: 'dl'
  })
  expect(new Set(simulated.flatMap((group) => group.actions))).toEqual(
    neededPermissions().GitHubRole
  )
  // Baselines are read, written and trimmed under baselines/, listed by that prefix.
  const baselines = simulated.filter((group) => /baselines\//.test(JSON.stringify(group)))
  expect(baselines.flatMap((group) => group.actions).sort()).toEqual(
    ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'].sort()
  )
})
