/**
 * Step Functions' service integrations, as the emulated Step Functions runs them: a Task state whose
 * Resource is `arn:aws:states:::ecs:runTask` (optimised) or `arn:aws:states:::aws-sdk:<ecs|s3>:<action>`
 * calls the emulated service through the real AWS SDK. Like Step Functions, it takes PascalCase
 * parameters, returns PascalCase results, and names errors `<Service>.<Exception>` so that Retry and
 * Catch can match them. Like Step Functions, it refuses a parameter the integration does not accept:
 * the optimised runTask takes a documented subset of RunTask's, an SDK integration its API's members.
 */
import * as Ecs from '@aws-sdk/client-ecs'
import * as S3 from '@aws-sdk/client-s3'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface TaskResource {
  /** How history events name the integration: `ecs` (optimised) or `aws-sdk:ecs`. */
  resourceType: string
  /** The API action in camelCase, e.g. `runTask`. */
  action: string
  service: ServiceName
  /** What the names of errors start with, e.g. `ECS` for the optimised integration, `Ecs` for aws-sdk. */
  errorPrefix: string
}

type ServiceName = 'ecs' | 's3'

export interface IntegrationConfig {
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  endpoints: Record<ServiceName, string>
}

export type TaskHandler = (parameters: Json) => Promise<Json>

interface SendsCommands {
  send(command: unknown): Promise<Record<string, unknown>>
  destroy(): void
}

interface ServiceBinding {
  client: SendsCommands
  commands: Record<string, unknown>
  /** The SDK names input members in camelCase (JSON protocols) rather than PascalCase (S3). */
  camelCaseInput: boolean
}

/**
 * What the optimised `ecs:runTask` integration accepts (Step Functions' ECS integration page); it sets
 * StartedBy itself, and has no Count or Tags.
 */
const OPTIMISED_RUN_TASK_PARAMETERS = [
  'Cluster',
  'Group',
  'LaunchType',
  'NetworkConfiguration',
  'Overrides',
  'PlacementConstraints',
  'PlacementStrategy',
  'PlatformVersion',
  'TaskDefinition',
  'PropagateTags',
  'EnableExecuteCommand'
]

const SDK_MODELS: Record<ServiceName, Record<string, unknown>> = { ecs: Ecs, s3: S3 }

/** The top-level parameter names a Task state may pass to this integration. */
export function acceptedParameters(resource: TaskResource): string[] {
  if (resource.resourceType === 'ecs') return OPTIMISED_RUN_TASK_PARAMETERS
  // The SDK's request schema `[type, namespace, name, traits, memberNames, memberSchemas]`.
  const schema = SDK_MODELS[resource.service][`${upperFirst(resource.action)}Request$`] as
    [unknown, unknown, unknown, unknown, string[]] | undefined
  if (!schema) {
    throw new Error(
      `The AWS SDK for ${resource.service} has no action ${resource.action}: check the Task Resource.`
    )
  }
  return schema[4].map(upperFirst)
}

/**
 * Throws, naming them, when a Task state passes parameters its integration does not accept, as
 * Step Functions refuses such a definition (`.$` suffixes of dynamic fields are ignored).
 */
export function checkTaskParameters(
  stateName: string,
  resource: string,
  parameters: unknown
): void {
  const accepted = new Set(acceptedParameters(parseTaskResource(resource)))
  const given = Object.keys((parameters as Record<string, unknown> | undefined) ?? {}).map((key) =>
    key.replace(/\.\$$/, '')
  )
  const refused = given.filter((name) => !accepted.has(name))
  if (refused.length > 0) {
    throw new Error(
      `State ${stateName}: the integration ${resource} does not accept the parameter(s) ${refused.join(', ')}.`
    )
  }
}

const SUPPORTED_RESOURCES =
  'arn:aws:states:::ecs:runTask and arn:aws:states:::aws-sdk:{ecs,s3}:<action>'

/** Reads a Task state's Resource; throws for the integrations the emulator does not offer. */
export function parseTaskResource(resource: string): TaskResource {
  const path = /^arn:aws[a-z-]*:states:[a-z0-9-]*:\d*:(.+)$/.exec(resource)?.[1] ?? ''
  if (path === 'ecs:runTask') {
    return { resourceType: 'ecs', action: 'runTask', service: 'ecs', errorPrefix: 'ECS' }
  }
  const sdkCall = /^aws-sdk:(ecs|s3):([a-z][A-Za-z0-9]*)$/.exec(path)
  if (sdkCall) {
    const service = sdkCall[1] as ServiceName
    return {
      resourceType: `aws-sdk:${service}`,
      action: sdkCall[2],
      service,
      errorPrefix: upperFirst(service)
    }
  }
  throw new Error(
    `The emulated Step Functions cannot run Task resource ${resource}: it supports ${SUPPORTED_RESOURCES}.`
  )
}

/** Builds the function that runs one integration: SDK call in, Step Functions result or error out. */
export function integrationHandlers(config: IntegrationConfig) {
  const shared = { region: config.region, credentials: config.credentials }
  const bindings: Record<ServiceName, ServiceBinding> = {
    ecs: {
      // One attempt: throttling must reach the state's Retry, as it does in Step Functions.
      client: new Ecs.ECSClient({ ...shared, endpoint: config.endpoints.ecs, maxAttempts: 1 }),
      commands: Ecs,
      camelCaseInput: true
    },
    s3: {
      client: new S3.S3Client({
        ...shared,
        endpoint: config.endpoints.s3,
        forcePathStyle: true,
        maxAttempts: 1,
        // s3rver predates the SDK's default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED'
      }),
      commands: S3,
      camelCaseInput: false
    }
  }
  return {
    handlerFor(resource: TaskResource): TaskHandler {
      const binding = bindings[resource.service]
      const Command = binding.commands[`${upperFirst(resource.action)}Command`] as
        (new (input: unknown) => unknown) | undefined
      if (!Command) {
        throw new Error(
          `The AWS SDK for ${resource.service} has no action ${resource.action}: check the Task Resource.`
        )
      }
      return async (parameters) => {
        const input = binding.camelCaseInput ? renameKeys(parameters, lowerFirst) : parameters
        let output: Record<string, unknown>
        try {
          output = await binding.client.send(new Command(input))
        } catch (error) {
          throw stepFunctionsError(resource.errorPrefix, error)
        }
        return toStepFunctionsResult(output)
      }
    },
    destroy(): void {
      for (const { client } of Object.values(bindings)) client.destroy()
    }
  }
}

/** An SDK error as Step Functions reports it: service errors named `<prefix>.<Exception>`. */
export function stepFunctionsError(errorPrefix: string, error: unknown): Error {
  const serviceError = error as { name?: string; message?: string; $fault?: string }
  const named = new Error(serviceError.message ?? String(error))
  named.name =
    serviceError.$fault !== undefined && serviceError.name
      ? `${errorPrefix}.${serviceError.name}`
      : 'States.TaskFailed'
  return named
}

/**
 * An SDK result as Step Functions returns it: keys in PascalCase, no `$metadata`, timestamps as
 * epoch milliseconds, streamed bodies read into strings.
 */
export async function toStepFunctionsResult(output: Record<string, unknown>): Promise<Json> {
  const result = { ...output }
  delete result.$metadata
  const body = result.Body as { transformToString?: () => Promise<string> } | undefined
  if (typeof body?.transformToString === 'function') result.Body = await body.transformToString()
  return renameKeys(toJson(result), upperFirst)
}

/** Renames every object key, at any depth. */
export function renameKeys(value: Json, rename: (key: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [rename(key), renameKeys(item, rename)])
    )
  }
  return value
}

function toJson(value: unknown): Json {
  if (value instanceof Date) return value.getTime()
  if (Array.isArray(value)) return value.map(toJson)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, toJson(item)])
    )
  }
  return value as Json
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
