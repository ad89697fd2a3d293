/**
 * Jest runs the TypeScript sources as ESM through ts-jest, in two projects that run side by side:
 * - unit: pure code and in-process fakes, fast (`npm run test:unit`);
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
  '<rootDir>/__tests__/local/failures.test.ts',
  '<rootDir>/__tests__/local/histograms.test.ts',
  '<rootDir>/__tests__/local/locust-runtime.test.ts',
  '<rootDir>/__tests__/local/reachability.test.ts',
  '<rootDir>/__tests__/local/target-server.test.ts',
  '<rootDir>/__tests__/results/real-world.test.ts',
  '<rootDir>/__tests__/setup/',
  '<rootDir>/__tests__/stack/cfn-lint.test.ts',
  '<rootDir>/__tests__/stack/state-machine-timing.test.ts',
  '<rootDir>/__tests__/thresholds/dead-target.test.ts'
]

const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] }
}

export default {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION]
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: INTEGRATION.map((path) => (path.endsWith('/') ? `${path}**/*.test.ts` : path))
    }
  ]
}
