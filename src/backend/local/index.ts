export { createLocalBackend, type LocalBackend, type LocalBackendOptions } from './backend.js'
export type { LocustCommand } from './locust-runtime.js'
