import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src-shared/**/*.test.ts',
      'src-main/**/*.test.ts',
      'src-worker/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // The WASM kernels are generated from their WAT source before any test imports them.
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
