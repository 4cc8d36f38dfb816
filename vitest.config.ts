import { defineConfig } from "vitest/config";

// Two projects: "unit" runs on small fixtures; "site" drives the built site in Chromium and
// builds it once per run in its global set-up (never once per test).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 1_200_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] },
      },
      {
        extends: true,
        test: {
          name: "site",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          fileParallelism: false,
        },
      },
    ],
  },
});
