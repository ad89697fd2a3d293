import { BACKEND_KINDS, backendFor, isBackendKind } from '../../src/backend/registry.js'
import { INPUTS } from '../../src/inputs/spec.js'

describe('the backend registry', () => {
  test('knows local, aws and none, each under its own kind and with a label for reports', () => {
    expect(BACKEND_KINDS).toEqual(['local', 'aws', 'none'])
    expect(BACKEND_KINDS.map((kind) => [backendFor(kind).kind, backendFor(kind).label])).toEqual([
      ['local', 'local'],
      ['aws', 'AWS (Fargate, Step Functions)'],
      ['none', 'none (existing Locust results judged)']
    ])
  })

  test('an unknown kind is refused', () => {
    expect(isBackendKind('k8s')).toBe(false)
    expect(() => backendFor('k8s')).toThrow('No backend of kind "k8s"; known: local, aws, none')
  })

  test('every backend-specific input belongs to a registered backend', () => {
    const owners = INPUTS.flatMap((input) => ('backend' in input ? [input.backend] : []))
    expect(owners.filter((kind) => !isBackendKind(kind))).toEqual([])
  })
})
