import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      // process.env is read in lib/env.ts only (validated there).
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  {
    files: ["lib/env.ts", "prisma.config.ts", "scripts/start.ts", "scripts/prisma-generate.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The layers point one way (docs/architecture.md): app → components → lib/server → lib/domain →
    // lib/schemas, with lib/api (the HTTP edge) beside app, above lib/server. No circles anywhere.
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib/server", from: ["./lib/api", "./app", "./components", "./lib/client"], message: "lib/server sits below the HTTP edge and the UI." },
            { target: "./lib/api", from: ["./app", "./components"], message: "lib/api is the HTTP edge; app/ calls it, not the reverse." },
            { target: "./components", from: ["./app", "./lib/api"], message: "Shared components don't reach into routes." },
            {
              target: "./lib/domain",
              from: ["./lib/server", "./lib/api", "./lib/client", "./lib/generated", "./lib/db", "./app", "./components"],
              message: "lib/domain is pure rules: no Prisma, no Next, no data access.",
            },
            {
              target: "./lib/schemas",
              from: ["./lib/domain", "./lib/server", "./lib/api", "./lib/client", "./lib/generated", "./lib/db", "./app", "./components"],
              message: "lib/schemas is the bottom layer: zod shapes and vocabularies only.",
            },
            { target: "./lib/client", from: ["./lib/server", "./lib/api", "./app"], message: "lib/client runs in the browser too." },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures use a `use` callback that the React hooks rule mistakes for a hook.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
