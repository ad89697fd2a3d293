import type { StartedResource } from '../engine.js'

/**
 * The runner's state store (core.saveState / core.getState). Values saved in the main step are
 * readable only in the post step, so the main step keeps its own running copy.
 */
export interface StateStore {
  save(key: string, value: string): void
  get(key: string): string
}

const RESOURCES_KEY = 'started-resources'
const FINISHED_KEY = 'finished'

/** What the main step leaves for the post step: what it started, and whether it cleaned up itself. */
export interface CleanupState {
  resources: StartedResource[]
  finished: boolean
}

/** Records, as they happen, the resources the main step starts and whether it ended cleanly. */
export class CleanupRecorder {
  private resources: StartedResource[] = []

  constructor(private readonly store: StateStore) {}

  started(resource: StartedResource): void {
    this.resources.push(resource)
    this.store.save(RESOURCES_KEY, JSON.stringify(this.resources))
  }

  finished(): void {
    this.store.save(FINISHED_KEY, 'true')
  }
}

export function readCleanupState(store: StateStore): CleanupState {
  const raw = store.get(RESOURCES_KEY)
  return {
    resources: raw === '' ? [] : (JSON.parse(raw) as StartedResource[]),
    finished: store.get(FINISHED_KEY) === 'true'
  }
}
