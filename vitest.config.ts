import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The site is built once per run and shared by the e2e tests.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
