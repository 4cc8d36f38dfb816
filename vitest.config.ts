import { defineConfig } from "vitest/config";

// The site tests that run builds or a preview of their own over the project's Framework cache
// and src/ (a preview writes its files into src/): one at a time, after the others, so that no
// two of them overlap. The review edition's test (meeting-review) builds once, into a folder of
// its own: it runs among the web files, which only read dist/.
const OWN_BUILDS = [
  "test/e2e/dev-preview.test.ts",
  "test/e2e/failing-build.test.ts",
  "test/e2e/other-communes.test.ts",
];
const site = { globalSetup: ["test/e2e/global-setup.ts"], setupFiles: ["test/e2e/site-ready.ts"] };

// Three projects. "unit" runs on small fixtures. "web" reads the site built once per run (the
// global set-up starts the build, which runs while the unit tests do) and drives it in
// Chromium, two files at a time: Vitest hands out the projects of a group by name, so the web
// files follow the unit files and overlap their tail. "builds" holds the files with a build of
// their own, run alone at the end.
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
        test: { name: "web", include: ["test/e2e/**/*.test.ts"], exclude: OWN_BUILDS, ...site },
      },
      {
        extends: true,
        test: { name: "builds", include: OWN_BUILDS, fileParallelism: false, ...site },
      },
    ],
  },
});
