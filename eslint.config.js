// ESLint for the repository: typescript-eslint's recommended rules on the pipeline, tests and
// benchmarks; the browser components are plain ES modules checked with the JS rules.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "src/.observablehq/", "**/*.md"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["src/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
