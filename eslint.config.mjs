import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The pure cores must run anywhere (CLI, tests, widgets, a worker): no framework, no database, no Node APIs.
const PURE_CORE_BANS = {
  patterns: [
    { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "Pure core: no Next.js imports." },
    { group: ["react", "react/*", "react-dom", "react-dom/*"], message: "Pure core: no React imports." },
    { group: ["@prisma/*", "prisma", "**/generated/prisma/**", "@/lib/db", "**/lib/db"], message: "Pure core: no database access." },
    { group: ["node:*", "fs", "path", "child_process", "pg", "server-only"], message: "Pure core: no Node or server APIs." },
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
      "lib/evaluator/**/*.ts",
      "lib/quiz/**/*.ts",
      "lib/widgets/**/*.ts",
      "lib/gift/**/*.ts",
      "lib/markdown/**/*.ts",
      "lib/server/instructor/stats-core.ts",
      "lib/schemas/question.ts",
      "lib/schemas/chapters.ts",
      "lib/schemas/design.ts",
    ],
    rules: { "no-restricted-imports": ["error", PURE_CORE_BANS] },
  },
  {
    // Scripts, benches and tests run under Node; they may use anything.
    files: ["scripts/**", "bench/**", "tests/**", "*.config.*"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
