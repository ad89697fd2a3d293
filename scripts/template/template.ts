/**
 * The CloudFormation template, from its sources to what the stack deploys and back:
 * `buildTemplate` joins cloudformation/src/template.yaml (YAML with CloudFormation's short tags) and
 * cloudformation/src/state-machine.asl.yaml into the compact deployable cloudformation/template.yaml;
 * `loadStateMachineDefinition` extracts the state machine definition from a template with its
 * DefinitionSubstitutions filled in, so the ASL interpreter used by the tests and the local AWS
 * emulator runs exactly what the stack deploys. Pure: text in, data out.
 */
import { parse, type CollectionTag, type ScalarTag } from 'yaml'

/**
 * Largest template we ship: CloudFormation takes at most 51,200 bytes inline, so the plain
 * `aws cloudformation deploy` (no S3 bucket) keeps working below it, with room for a fix;
 * `distributed-locust deploy` uploads the template and has no such limit.
 */
export const TEMPLATE_BYTES_LIMIT = 50_000

/** Short tag → long form, e.g. `!Ref X` → `{ Ref: X }`, `!Sub [...]` → `{ 'Fn::Sub': [...] }`. */
const shortTags: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length'
}

/** `!GetAtt Resource.Attribute` is the one short form whose scalar CloudFormation splits. */
function longForm(fn: string, value: unknown): Record<string, unknown> {
  if (fn === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.')
    return { [fn]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] }
  }
  return { [fn]: value }
}

const customTags = Object.entries(shortTags).flatMap(([tag, fn]) => {
  const scalar: ScalarTag = { tag, resolve: (text) => longForm(fn, text) }
  const collections = (['seq', 'map'] as const).map((collection): CollectionTag => ({
    tag,
    collection,
    resolve: (node) => longForm(fn, node.toJSON())
  }))
  return [scalar, ...collections]
})

/** Parses a CloudFormation YAML template into plain data, short tags turned into their long form. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template is free-form data
export function parseTemplate(text: string): any {
  return parse(text, { customTags, uniqueKeys: true, prettyErrors: true })
}

/**
 * The deployable template: the source template with the ASL source as its state machine's
 * Definition, in compact JSON (valid YAML, so the file keeps its name) with one line per resource
 * and per state so that changes read well in a diff. `Comment` fields of the ASL stay in the
 * source: they would cost a tenth of the size limit.
 */
export function buildTemplate(templateSource: string, aslSource: string): string {
  const template = parseTemplate(templateSource) as Template
  const { name, resource } = stateMachineResource(template)
  if (resource.Properties.Definition !== undefined) {
    throw new Error(
      `The source template's state machine ${name} must not hold a Definition: it comes from the ASL file.`
    )
  }
  resource.Properties.Definition = withoutComments(parse(aslSource, { uniqueKeys: true }))
  const lineBreaks = new Set([
    '',
    'Resources',
    `Resources/${name}`,
    `Resources/${name}/Properties`,
    `Resources/${name}/Properties/Definition`,
    `Resources/${name}/Properties/Definition/States`
  ])
  return `${compactJson(template, '', lineBreaks)}\n`
}

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'Comment')
        .map(([key, item]) => [key, withoutComments(item)])
    )
  }
  return value
}

/** JSON without spaces; the objects at `lineBreaks` (paths joined by '/') put each entry on a line. */
function compactJson(value: unknown, path: string, lineBreaks: Set<string>): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return JSON.stringify(value)
  }
  const entries = Object.entries(value).map(
    ([key, item]) =>
      `${JSON.stringify(key)}:${compactJson(item, path ? `${path}/${key}` : key, lineBreaks)}`
  )
  const separator = lineBreaks.has(path) ? '\n' : ''
  return `{${separator}${entries.join(`,${separator}`)}${separator}}`
}

/** Names of the `${Name}` placeholders used in the definition (its DefinitionSubstitutions keys). */
export function definitionSubstitutionNames(templateText: string): string[] {
  const { resource } = stateMachineResource(parseTemplate(templateText) as Template)
  const substitutions = resource.Properties.DefinitionSubstitutions as object | undefined
  return Object.keys(substitutions ?? {}).sort()
}

/**
 * The state machine's ASL definition with every `${Name}` placeholder replaced by
 * `substitutions[Name]`, as Step Functions does with DefinitionSubstitutions at deploy time.
 * Throws, naming them, when placeholders have no value.
 */
export function loadStateMachineDefinition(
  templateText: string,
  substitutions: Record<string, string>
): object {
  const { name, resource } = stateMachineResource(parseTemplate(templateText) as Template)
  const definition = resource.Properties.Definition
  if (definition === null || typeof definition !== 'object') {
    throw new Error(
      `The state machine ${name} in the template has no inline Definition object; ` +
        'put the ASL under Properties.Definition.'
    )
  }
  const missing = new Set<string>()
  const resolved = substitute(definition, substitutions, missing)
  if (missing.size > 0) {
    throw new Error(
      `No value given for the definition placeholder(s) ${[...missing].sort().join(', ')} ` +
        `of state machine ${name}; pass them in the substitutions.`
    )
  }
  return resolved as object
}

interface TemplateResource {
  Type: string
  /** Free-form CloudFormation properties. */
  Properties: Record<string, unknown>
}

interface Template {
  Resources?: Record<string, TemplateResource>
}

function stateMachineResource(template: Template): {
  name: string
  resource: TemplateResource
} {
  const found = Object.entries(template?.Resources ?? {}).filter(
    ([, resource]) => resource?.Type === 'AWS::StepFunctions::StateMachine'
  )
  if (found.length !== 1) {
    throw new Error(
      `The template must declare exactly one AWS::StepFunctions::StateMachine resource; found ${found.length}.`
    )
  }
  const [name, resource] = found[0]
  return { name, resource }
}

const placeholder = /\$\{([A-Za-z0-9_]+)\}/g

function substitute(
  value: unknown,
  substitutions: Record<string, string>,
  missing: Set<string>
): unknown {
  if (typeof value === 'string') {
    return value.replace(placeholder, (text, key: string) => {
      if (Object.hasOwn(substitutions, key)) return substitutions[key]
      missing.add(key)
      return text
    })
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions, missing))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, substitutions, missing)])
    )
  }
  return value
}

/** A Task state of the definition and the service integration it calls. */
export interface TaskStateRef {
  name: string
  resource: string
}

/**
 * Every Task state of a definition, nested Map and Parallel states included, so a caller can give
 * each one a local handler (the tests' ECS simulator, the AWS emulator) by the service it calls.
 */
export function listTaskStates(definition: object): TaskStateRef[] {
  const found: TaskStateRef[] = []
  const visit = (machine: unknown): void => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {}
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') found.push({ name, resource: String(state.Resource) })
      visit(state.ItemProcessor ?? state.Iterator)
      for (const branch of (state.Branches as unknown[] | undefined) ?? []) visit(branch)
    }
  }
  visit(definition)
  return found
}
