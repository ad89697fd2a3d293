import { CleanupRecorder, readCleanupState, type StateStore } from '../../src/action/state.js'

/** The runner's state store as the post step sees it: what the main step saved. */
function memoryStore(): StateStore {
  const saved = new Map<string, string>()
  return { save: (key, value) => saved.set(key, value), get: (key) => saved.get(key) ?? '' }
}

describe('the state the main step leaves for the post step', () => {
  test('nothing started: nothing to clean up', () => {
    expect(readCleanupState(memoryStore())).toEqual({ resources: [], finished: false })
  })

  test('every resource started, by backend and handle, in order, until the run finished', () => {
    const store = memoryStore()
    const recorder = new CleanupRecorder(store)
    recorder.started({ backend: 'local', handle: 4242 })
    recorder.started({ backend: 'local', handle: 4243 })
    recorder.started({
      backend: 'aws',
      handle: { arn: 'arn:aws:states:eu-west-1:1:execution:dl:run', runId: 'run' }
    })
    expect(readCleanupState(store)).toEqual({
      resources: [
        { backend: 'local', handle: 4242 },
        { backend: 'local', handle: 4243 },
        {
          backend: 'aws',
          handle: { arn: 'arn:aws:states:eu-west-1:1:execution:dl:run', runId: 'run' }
        }
      ],
      finished: false
    })

    recorder.finished()
    expect(readCleanupState(store).finished).toBe(true)
  })
})
