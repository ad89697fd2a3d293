import * as core from '@actions/core'
import type { StateStore } from './state.js'

/** The runner's own state store, shared by the main and post steps. */
export const actionState: StateStore = { save: core.saveState, get: core.getState }
