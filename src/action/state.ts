import type { StartedResources } from '../backend/types.js'

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
  resources: StartedResources
  finished: boolean
}

/** Records, as they happen, the resources the main step starts and whether it ended cleanly. */
export class CleanupRecorder {
  private resources: StartedResources = {}

  constructor(private readonly store: StateStore) {}

  started(resources: StartedResources): void {
    this.resources = {
      processGroups: [...(this.resources.processGroups ?? []), ...(resources.processGroups ?? [])],
      execution: resources.execution ?? this.resources.execution
    }
    this.store.save(RESOURCES_KEY, JSON.stringify(this.resources))
  }

  finished(): void {
    this.store.save(FINISHED_KEY, 'true')
  }
}

export function readCleanupState(store: StateStore): CleanupState {
  const raw = store.get(RESOURCES_KEY)
  return {
    resources: raw === '' ? {} : (JSON.parse(raw) as StartedResources),
    finished: store.get(FINISHED_KEY) === 'true'
  }
}
