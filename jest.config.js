/**
 * Jest runs the TypeScript sources as ESM, transpiled file by file with SWC (types are checked by
 * `tsc` in `npm run typecheck` and the build, not again in every test run), in three projects that
 * run side by side:
 * - unit: pure code and in-process fakes, fast (`npm run test:unit`);
 * - simulation: statistical simulations (`*.simulation.test.ts`), property checks of a method
 *   that draw millions of seeded values (in a worker thread: __tests__/support/in-worker.ts);
 * - integration: tests that start processes or servers (Locust, the target server, s3rver, the
 *   AWS emulator, the container entrypoint). They mostly wait on those processes, so `npm test`
 *   runs more workers than there are cores.
 */
const INTEGRATION = [
  '<rootDir>/__tests__/aws/baseline-store.test.ts',
  '<rootDir>/__tests__/cli/cli.test.ts',
  '<rootDir>/__tests__/container/',
  '<rootDir>/__tests__/e2e-aws/',
  '<rootDir>/__tests__/emulator/',
  '<rootDir>/__tests__/github/action-gate.test.ts',
  '<rootDir>/__tests__/hardening/',
  '<rootDir>/__tests__/local/action.test.ts',
  '<rootDir>/__tests__/local/backend.test.ts',
  '<rootDir>/__tests__/local/calibrate.test.ts',
  '<rootDir>/__tests__/local/failures.test.ts',
  '<rootDir>/__tests__/local/heartbeats.test.ts',
  '<rootDir>/__tests__/local/histograms.test.ts',
  '<rootDir>/__tests__/local/live.test.ts',
  '<rootDir>/__tests__/local/locust-runtime.test.ts',
  '<rootDir>/__tests__/local/reachability.test.ts',
  '<rootDir>/__tests__/local/rounds.test.ts',
  '<rootDir>/__tests__/local/target-server.test.ts',
  '<rootDir>/__tests__/results/real-world.test.ts',
  '<rootDir>/__tests__/setup/',
  '<rootDir>/__tests__/stack/cfn-lint.test.ts',
  '<rootDir>/__tests__/stack/history-limit.test.ts',
  '<rootDir>/__tests__/stack/state-machine-timing.test.ts',
  '<rootDir>/__tests__/thresholds/dead-target.test.ts'
]

const SIMULATION = '\\.simulation\\.test\\.ts$'

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', importAttributes: true },
          target: 'es2023',
          // Keeps `with { type: 'json' }`, which Node's ESM loader requires for JSON imports.
          experimental: { keepImportAttributes: true }
        },
        module: { type: 'es6' }
      }
    ]
  }
}

export default {
  testTimeout: 30000,
  testSequencer: '<rootDir>/jest.sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', SIMULATION, ...INTEGRATION]
    },
    {
      ...common,
      displayName: 'simulation',
      testMatch: ['**/*.simulation.test.ts']
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: INTEGRATION.map((path) => (path.endsWith('/') ? `${path}**/*.test.ts` : path))
    }
  ]
}
