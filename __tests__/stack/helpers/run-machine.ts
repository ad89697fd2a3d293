/**
 * Runs the state machine of cloudformation/template.yaml in aws-local-stepfunctions against the
 * in-memory ECS simulator, with every Wait and Retry pause shortened to 0 ms.
 */
import { readFileSync } from 'node:fs'
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions'
import { listTaskStates, loadStateMachineDefinition } from '../../../src/stack/template.js'
import { CLUSTER_ARN, TASK_DEFINITION_ARN, type EcsSimulator } from './ecs-simulator.js'

export const templateText = readFileSync(
  new URL('../../../cloudformation/template.yaml', import.meta.url),
  'utf8'
)

/**
 * What the stack's DefinitionSubstitutions resolve to, for a deadline margin of 30 s and 20 s for the
 * workers to connect (so few watch polls).
 */
export const testSubstitutions: Record<string, string> = {
  BucketName: 'dl-runs',
  ClusterArn: CLUSTER_ARN,
  TaskDefinitionArn: TASK_DEFINITION_ARN,
  Subnets: 'subnet-a,subnet-b',
  SecurityGroup: 'sg-0123',
  AssignPublicIp: 'DISABLED',
  ContainerName: 'locust',
  ExpectWorkersTimeoutSeconds: '20',
  RunDeadlineMarginSeconds: '30',
  SeedRunTimeSeconds: '60'
}

export function loadDefinition(substitutions: Record<string, string> = testSubstitutions): object {
  return loadStateMachineDefinition(templateText, substitutions)
}

export interface RunOutcome {
  status: 'SUCCEEDED' | 'FAILED'
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- execution output is free-form JSON
  output?: any
  error?: string
  cause?: string
  /** Names of the states entered, in order (Map iterations included). */
  statesEntered: string[]
}

export interface RunOptions {
  substitutions?: Record<string, string>
  /** Wait states that keep their real duration instead of 0 ms (for the timing tests). */
  realWaits?: string[]
}

const waitStates = ['WaitForRunTime', 'WaitBeforeMasterPoll', 'WaitBeforeRelaunch']

type LocalHandlers = NonNullable<
  NonNullable<Parameters<StateMachine['run']>[1]>['overrides']
>['taskResourceLocalHandlers']

export async function runStateMachine(
  input: unknown,
  ecs: EcsSimulator,
  options: RunOptions = {}
): Promise<RunOutcome> {
  const definition = loadDefinition(options.substitutions)
  const handlers = ecs.handlersByResource()
  const taskStates = listTaskStates(definition)
  const machine = new StateMachine(definition as StateMachineDefinition)
  // Through JSON, as Step Functions receives it (fields set to undefined disappear).
  const execution = machine.run(JSON.parse(JSON.stringify(input)), {
    overrides: {
      taskResourceLocalHandlers: Object.fromEntries(
        taskStates.map(({ name, resource }) => [name, handlers[resource]])
      ) as LocalHandlers,
      waitTimeOverrides: Object.fromEntries(
        waitStates.filter((name) => !options.realWaits?.includes(name)).map((name) => [name, 0])
      ),
      retryIntervalOverrides: Object.fromEntries(taskStates.map(({ name }) => [name, 0]))
    }
  })
  const statesEntered: string[] = []
  const collecting = (async () => {
    for await (const event of execution.eventLogs) collectEntered(event, statesEntered)
  })()
  try {
    const output = await execution.result
    await collecting
    return { status: 'SUCCEEDED', output, statesEntered }
  } catch (failure) {
    await collecting
    const cause = (failure as Error).cause as Error | undefined
    return { status: 'FAILED', error: cause?.name, cause: cause?.message, statesEntered }
  }
}

type ExecutionEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never

function collectEntered(event: ExecutionEvent, names: string[]): void {
  if (event.type === 'StateEntered') names.push(event.state.name)
}
