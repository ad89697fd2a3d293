/**
 * cloudformation/template.yaml read statically: it is generated from its sources and small enough
 * to deploy inline, it parses with CloudFormation's short tags, every reference resolves, it holds
 * what the stack must provide, and its state machine definition is valid ASL that follows the rules
 * of docs/aws-contract.md.
 */
import aslValidator from 'asl-validator'
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions'
import { readFileSync } from 'node:fs'
import {
  buildTemplate,
  definitionSubstitutionNames,
  listTaskStates,
  loadStateMachineDefinition,
  parseTemplate,
  TEMPLATE_BYTES_LIMIT
} from '../../scripts/template/template.js'
import { checkTaskParameters } from '../emulator/service-integrations.js'
import { loadDefinition, templateText, testSubstitutions } from './helpers/run-machine.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- templates are free-form data
type Json = any

const template: Json = parseTemplate(templateText)
const resources: Record<string, Json> = template.Resources

const source = (name: string) =>
  readFileSync(new URL(`../../cloudformation/src/${name}`, import.meta.url), 'utf8')

describe('the deployed template', () => {
  test('is what its sources build (run `npm run build:template` and commit it)', () => {
    expect(templateText).toBe(
      buildTemplate(source('template.yaml'), source('state-machine.asl.yaml'))
    )
  })

  test(`fits CloudFormation's inline limit with room to grow: at most ${TEMPLATE_BYTES_LIMIT} bytes`, () => {
    expect(Buffer.byteLength(templateText)).toBeLessThanOrEqual(TEMPLATE_BYTES_LIMIT)
  })

  test('the state machine runs the ASL source, its Comment fields left in the source', () => {
    const fromSource = parseTemplate(source('state-machine.asl.yaml'))
    expect(JSON.stringify(fromSource)).toContain('"Comment"')
    const withoutComments = JSON.parse(
      JSON.stringify(fromSource, (key, value: unknown) => (key === 'Comment' ? undefined : value))
    )
    expect(resources.RunStateMachine.Properties.Definition).toEqual(withoutComments)
  })

  test('a source state machine that already holds a Definition is refused', () => {
    const doubled = source('template.yaml').replace(
      'StateMachineType: STANDARD',
      'StateMachineType: STANDARD\n      Definition: {}'
    )
    expect(() => buildTemplate(doubled, source('state-machine.asl.yaml'))).toThrow(
      /must not hold a Definition: it comes from the ASL file/
    )
  })
})

describe('parseTemplate', () => {
  test('turns short tags into their long form, nested ones included', () => {
    const parsed = parseTemplate(
      [
        'A: !Ref Bucket',
        'B: !GetAtt Cluster.Arn',
        'C: !Sub "${Bucket.Arn}/runs/*"',
        'D: !Sub ["${X}-y", { X: !Ref Name }]',
        'E: !If [Cond, !Join [",", !Ref Subnets], !Ref AWS::NoValue]',
        "F: !Not [!Equals [!Ref Repo, '']]",
        'G: !And [!Condition One, !Condition Two]',
        'H: !Select [0, !Split [",", !Ref List]]',
        'I: !GetAtt [Role, Arn]'
      ].join('\n')
    )
    expect(parsed).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::GetAtt': ['Cluster', 'Arn'] },
      C: { 'Fn::Sub': '${Bucket.Arn}/runs/*' },
      D: { 'Fn::Sub': ['${X}-y', { X: { Ref: 'Name' } }] },
      E: { 'Fn::If': ['Cond', { 'Fn::Join': [',', { Ref: 'Subnets' }] }, { Ref: 'AWS::NoValue' }] },
      F: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Repo' }, ''] }] },
      G: { 'Fn::And': [{ Condition: 'One' }, { Condition: 'Two' }] },
      H: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] },
      I: { 'Fn::GetAtt': ['Role', 'Arn'] }
    })
  })

  test('reports YAML errors with their position', () => {
    expect(() => parseTemplate('Resources:\n  A: [1, 2\n')).toThrow(/at line \d+, column \d+/)
  })
})

describe('loadStateMachineDefinition', () => {
  test('fills every placeholder with its substitution', () => {
    const text = JSON.stringify(loadDefinition())
    expect(text).not.toMatch(/\$\{/)
    expect(text).toContain("States.StringSplit('subnet-a,subnet-b', ',')")
    expect(text).toContain(`"cluster":"${testSubstitutions.ClusterArn}"`)
  })

  test('names the placeholders that were given no value', () => {
    const incomplete = Object.fromEntries(
      Object.entries(testSubstitutions).filter(
        ([name]) => name !== 'BucketName' && name !== 'Subnets'
      )
    )
    expect(() => loadStateMachineDefinition(templateText, incomplete)).toThrow(
      /No value given for the definition placeholder\(s\) BucketName, Subnets of state machine RunStateMachine/
    )
  })

  test('gives a fresh copy on every call', () => {
    const first = loadDefinition() as Json
    first.StartAt = 'Changed'
    expect((loadDefinition() as Json).StartAt).toBe('DetectInputForm')
  })

  test('refuses a template without exactly one state machine', () => {
    expect(() => loadStateMachineDefinition('Resources: {}', {})).toThrow(
      /exactly one AWS::StepFunctions::StateMachine resource; found 0/
    )
  })

  test('DefinitionSubstitutions and the placeholders of the definition match one to one', () => {
    const used = new Set(
      [
        ...JSON.stringify(resources.RunStateMachine.Properties.Definition).matchAll(/\$\{(\w+)\}/g)
      ].map((match) => match[1])
    )
    expect(definitionSubstitutionNames(templateText)).toEqual([...used].sort())
    expect(Object.keys(testSubstitutions).sort()).toEqual([...used].sort())
  })
})

describe('every reference of the template resolves', () => {
  const pseudo = new Set([
    'AWS::AccountId',
    'AWS::NoValue',
    'AWS::Partition',
    'AWS::Region',
    'AWS::StackId',
    'AWS::StackName',
    'AWS::URLSuffix'
  ])
  const names = new Set([...Object.keys(template.Parameters), ...Object.keys(resources), ...pseudo])
  const conditions = new Set(Object.keys(template.Conditions))

  function collect(value: Json, found: { refs: string[]; conditions: string[] }): void {
    if (Array.isArray(value)) return value.forEach((item) => collect(item, found))
    if (value === null || typeof value !== 'object') return
    for (const [key, item] of Object.entries<Json>(value)) {
      if (key === 'Ref') found.refs.push(item)
      if (key === 'Fn::GetAtt') found.refs.push(item[0])
      if (key === 'Condition' && typeof item === 'string') found.conditions.push(item)
      if (key === 'Fn::If') found.conditions.push(item[0])
      if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(item) ? item : [item, {}]
        for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const variable = match[1]
          if (!(variable in variables))
            found.refs.push(variable.startsWith('AWS::') ? variable : variable.split('.')[0])
        }
      }
      if (key !== 'Definition') collect(item, found)
    }
  }

  const found = { refs: [] as string[], conditions: [] as string[] }
  collect(
    { Conditions: template.Conditions, Resources: resources, Outputs: template.Outputs },
    found
  )

  test('Ref, GetAtt and Sub name parameters, resources or pseudo parameters', () => {
    expect(found.refs.length).toBeGreaterThan(20)
    expect(found.refs.filter((name) => !names.has(name))).toEqual([])
  })

  test('conditions used are declared', () => {
    expect(found.conditions.filter((name) => !conditions.has(name))).toEqual([])
  })

  test('every parameter is used', () => {
    const used = new Set(found.refs)
    expect(Object.keys(template.Parameters).filter((name) => !used.has(name))).toEqual([])
  })
})

describe('what the stack provides', () => {
  test('the outputs the action reads', () => {
    expect(Object.keys(template.Outputs).sort()).toEqual(
      [
        'BucketName',
        'ClusterArn',
        'ClusterName',
        'GitHubRoleArn',
        'LogGroupName',
        'RepositoryUri',
        'SecretsPrefix',
        'SecurityGroupId',
        'StateMachineArn',
        'StateMachineLogGroupName',
        'Subnets',
        'TaskDefinitionArn',
        'TaskExecutionRoleArn'
      ].sort()
    )
    expect(template.Outputs.GitHubRoleArn.Condition).toBe('CreateGitHubRole')
    expect(template.Outputs.Subnets.Value).toEqual({ 'Fn::Join': [',', { Ref: 'Subnets' }] })
  })

  test('deleting the stack cannot fail on stored data: the repository is emptied, the bucket kept', () => {
    expect(resources.Repository.Properties.EmptyOnDelete).toBe(true)
    expect(resources.RunBucket).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain'
    })
  })

  test('run data expires after RunRetentionDays', () => {
    const [rule] = resources.RunBucket.Properties.LifecycleConfiguration.Rules
    expect(rule).toMatchObject({
      Status: 'Enabled',
      Prefix: 'runs/',
      ExpirationInDays: { Ref: 'RunRetentionDays' }
    })
  })

  test('the Fargate task: parameters for size and image, container locust, stop timeout, ulimit, logs', () => {
    const task = resources.TaskDefinition.Properties
    expect(task).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: { Ref: 'TaskCpu' },
      Memory: { Ref: 'TaskMemory' },
      ExecutionRoleArn: { 'Fn::GetAtt': ['TaskExecutionRole', 'Arn'] },
      TaskRoleArn: { 'Fn::GetAtt': ['TaskRole', 'Arn'] }
    })
    const [container] = task.ContainerDefinitions
    expect(container).toMatchObject({
      Name: 'locust',
      StopTimeout: 120,
      Ulimits: [{ Name: 'nofile', SoftLimit: 65535, HardLimit: 65535 }],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: 'TaskLogGroup' } }
      }
    })
    expect(container.Image['Fn::If'][0]).toBe('UseStackRepositoryImage')
    expect(resources.TaskLogGroup.Properties.RetentionInDays).toEqual({ Ref: 'LogRetentionDays' })
  })

  test('the security group lets only the group itself reach the Locust port', () => {
    expect(resources.TaskSecurityGroup.Properties.SecurityGroupIngress).toBeUndefined()
    expect(resources.TaskSecurityGroupLocustIngress.Properties).toMatchObject({
      GroupId: { Ref: 'TaskSecurityGroup' },
      SourceSecurityGroupId: { Ref: 'TaskSecurityGroup' },
      IpProtocol: 'tcp',
      FromPort: 5557,
      ToPort: 5557
    })
  })

  test('the state machine logs to its own log group', () => {
    const machine = resources.RunStateMachine.Properties
    expect(machine.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn).toEqual(
      {
        'Fn::GetAtt': ['StateMachineLogGroup', 'Arn']
      }
    )
  })
})

describe('the state machine definition', () => {
  const definition = loadDefinition() as Json

  test('asl-validator accepts it, paths and ARNs checked', () => {
    const { isValid, errorsText } = aslValidator(structuredClone(definition), {
      checkPaths: true,
      checkArn: true
    })
    expect(errorsText('\n')).toBe('')
    expect(isValid).toBe(true)
  })

  test('aws-local-stepfunctions loads it with its own validation', () => {
    expect(
      () => new StateMachine(structuredClone(definition) as StateMachineDefinition)
    ).not.toThrow()
  })

  function allStates(machine: Json): [string, Json][] {
    return Object.entries<Json>(machine.States).flatMap(([name, state]) => [
      [name, state] as [string, Json],
      ...(state.ItemProcessor ? allStates(state.ItemProcessor) : [])
    ])
  }

  test('calls ECS, and S3 for the master address, through service integrations (no Lambda)', () => {
    expect([...new Set(listTaskStates(definition).map(({ resource }) => resource))].sort()).toEqual(
      [
        'arn:aws:states:::aws-sdk:ecs:describeTasks',
        'arn:aws:states:::aws-sdk:ecs:listTasks',
        'arn:aws:states:::aws-sdk:ecs:runTask',
        'arn:aws:states:::aws-sdk:ecs:stopTask',
        'arn:aws:states:::aws-sdk:s3:putObject'
      ]
    )
  })

  test('every Task state passes only parameters its integration accepts', () => {
    const tasks = allStates(definition).filter(([, state]) => state.Type === 'Task')
    expect(tasks.length).toBeGreaterThan(0)
    for (const [name, state] of tasks) {
      expect(() => checkTaskParameters(name, state.Resource, state.Parameters)).not.toThrow()
    }
  })

  test('ListTasks filters by startedBy alone, as ECS requires', () => {
    const listings = allStates(definition).filter(([, state]) =>
      /:listTasks$/.test(state.Resource ?? '')
    )
    expect(listings.map(([name]) => name).sort()).toEqual([
      'ListRunTasks',
      'ListRunWorkers',
      'ListRunningTasks'
    ])
    for (const [, listing] of listings) {
      const filters = Object.keys(listing.Parameters).filter((key) => key !== 'NextToken.$')
      expect(filters.sort()).toEqual(['Cluster.$', 'MaxResults', 'StartedBy.$'])
    }
  })

  test('every Task and Map state catches States.ALL (a distributed Map for the states of its items)', () => {
    const distributedItems = new Set(
      Object.values<Json>(definition.States)
        .filter((state) => state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED')
        .flatMap((state) => Object.keys(state.ItemProcessor.States))
    )
    expect(distributedItems).toContain('DescribeWatchedMaster')
    const uncaught = allStates(definition)
      .filter(([name]) => !distributedItems.has(name))
      .filter(([, state]) => state.Type === 'Task' || state.Type === 'Map')
      .filter(
        ([, state]) => !(state.Catch ?? []).some((c: Json) => c.ErrorEquals.includes('States.ALL'))
      )
    expect(uncaught.map(([name]) => name)).toEqual([])
  })

  test('every ECS call retries throttling under its SDK error names, with jitter', () => {
    const ecsCalls = allStates(definition).filter(
      ([, state]) => state.Type === 'Task' && /:ecs:/.test(state.Resource)
    )
    // The run watch's worker calls are not retried: a failed one is made again at the next poll
    // (a minute later), so RunTask's ClientToken is never reused for another set of tasks.
    const nextPoll = ['ListRunWorkers', 'ReplaceRunWorkers']
    for (const [name, state] of ecsCalls.filter(([name]) => nextPoll.includes(name))) {
      expect([name, state.Retry, state.Catch]).toEqual([
        name,
        undefined,
        [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'PickWatchWait' }]
      ])
    }
    const retried = ecsCalls.filter(([name]) => !nextPoll.includes(name))
    expect(retried).toHaveLength(6)
    for (const [name, state] of retried) {
      const [transient] = state.Retry
      // RunTask's throttling goes to its own longer loop, with EC2's (see the state-machine tests).
      const throttling = name === 'RunTaskBatch' ? [] : ['Ecs.ThrottlingException']
      expect([name, transient.ErrorEquals]).toEqual([
        name,
        expect.arrayContaining([...throttling, 'Ecs.EcsException'])
      ])
      expect(JSON.stringify(transient.ErrorEquals)).not.toContain('ECS.')
      expect(transient.BackoffRate ?? 2).toBe(2)
      expect(transient.JitterStrategy).toBe('FULL')
    }
  })

  test('fails only with the error names of the contract', () => {
    // MasterEnded ends a watch window, whose Map the parent catches: never an execution's error.
    const errors = new Set(
      [...JSON.stringify(definition).matchAll(/"(?:error|Error)":"([^"]+)"/g)]
        .map((m) => m[1])
        .filter((error) => error !== 'DistributedLocust.MasterEnded')
    )
    expect([...errors].sort()).toEqual([
      'DistributedLocust.DeadlineExceeded',
      'DistributedLocust.InvalidInput',
      'DistributedLocust.LaunchFailed',
      'DistributedLocust.MasterFailed'
    ])
  })

  test('RunTask asks for at most 10 tasks: worker batches come from ArrayPartition by 10', () => {
    for (const plan of ['PlanWorkerLaunch', 'PlanSeedWorkerLaunch']) {
      expect(definition.States[plan].Parameters['batches.$']).toBe(
        'States.ArrayPartition(States.ArrayRange(1, $.run.workers, 1), 10)'
      )
    }
    expect(
      definition.States.LaunchTasks.ItemProcessor.States.RunTaskBatch.Parameters['Count.$']
    ).toBe('$.left.count')
  })
})
