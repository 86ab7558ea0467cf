import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // expect.poll waits for pages and processes on two shared cores: 1 s (the default) is too tight there.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 30_000,
    // Suites start real servers and processes; two cores, so keep parallelism modest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
