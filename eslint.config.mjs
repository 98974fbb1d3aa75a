import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { boundaries } from "./eslint-rules/boundaries.mjs";

// The pure cores must run anywhere (CLI, tests, widgets, a worker): no framework, no database, no Node APIs.
const PURE_CORE_BANS = {
  patterns: [
    { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Pure core: no Next.js imports." },
    // Anchored, so "@xyflow/react" is not mistaken for React; React Flow itself is allowed for its types only.
    { regex: "^react(-dom)?(/.*)?$", message: "Pure core: no React imports." },
    { group: ["@xyflow/*"], allowTypeImports: true, message: "Pure core: React Flow's types only, never its runtime." },
    { group: ["@prisma/*", "prisma", "**/generated/prisma/**", "@/lib/server/kernel/db", "**/kernel/db"], message: "Pure core: no database access." },
    { group: ["node:*", "fs", "path", "child_process", "pg", "server-only"], message: "Pure core: no Node or server APIs." },
  ],
};

// Configuration is read once, validated, in lib/server/kernel/env.ts; everything else asks it.
const ENV_ONLY_IN_KERNEL = {
  "no-restricted-properties": [
    "error",
    { object: "process", property: "env", message: "Only lib/server/kernel/env.ts reads process.env: import { env } from \"@/lib/server/kernel/env\"." },
  ],
  "no-restricted-syntax": [
    "error",
    { selector: "MemberExpression[object.name='process'][computed=true]", message: "Only lib/server/kernel/env.ts reads process.env." },
    // globalThis.process.env (or global.process.env) is the same read by a longer name.
    { selector: "MemberExpression[object.type='MemberExpression'][object.property.name='process'][property.name='env']", message: "Only lib/server/kernel/env.ts reads process.env." },
  ],
};

// Routes reach data through lib/server services, never the Prisma client.
const APP_DB_BANS = {
  patterns: [
    { group: ["@/lib/server/kernel/db", "**/kernel/db", "@/lib/generated/prisma/*", "**/generated/prisma/**", "@prisma/*", "pg"], message: "app/ never imports the database: call a service in lib/server." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "public/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-default-export": "off",
    },
  },
  {
    files: [
      "lib/core/**",
      "lib/markdown/**/*.ts",
      "lib/schemas/question.ts",
      "lib/schemas/chapters.ts",
      "lib/schemas/design.ts",
      "lib/schemas/reference-figures.ts",
      "lib/content/reference-figures.ts",
    ],
    rules: { "no-restricted-imports": ["error", PURE_CORE_BANS] },
  },
  { files: ["**/*.{ts,tsx,mjs,js}"], rules: ENV_ONLY_IN_KERNEL },
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    plugins: { boundaries },
    rules: {
      "boundaries/lib-no-components": "error",
      "boundaries/client-no-server": "error",
      "boundaries/client-actions-through-use-action": "error",
      "boundaries/core-no-server": "error",
      "boundaries/core-no-dynamic-impure": "error",
      "boundaries/app-no-dynamic-db": "error",
    },
  },
  { files: ["app/**"], rules: { "no-restricted-imports": ["error", APP_DB_BANS] } },
  {
    // Scripts, benches and tests run under Node; they may use anything. server.mjs and the configs run
    // before the app's modules exist.
    files: ["scripts/**", "bench/**", "tests/**", "*.config.*", "server.mjs", "lib/server/kernel/**"],
    rules: { "no-restricted-imports": "off", "no-restricted-properties": "off", "no-restricted-syntax": "off" },
  },
];

export default config;
