import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

// Each boundary rule in eslint.config.mjs, proved by planting a violation in the tree and linting it with
// the project's own configuration.

const root = path.resolve(import.meta.dirname, "../../..");
const planted: string[] = [];

function plant(relative: string, source: string): string {
  const file = path.join(root, relative.replace("PROBE", `lint-probe-${randomBytes(4).toString("hex")}`));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
  planted.push(file);
  return file;
}

async function ruleIds(file: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintFiles([file]);
  return (result?.messages ?? []).map((m) => m.ruleId ?? "fatal");
}

afterAll(() => {
  for (const file of planted) rmSync(file, { force: true });
});

describe("boundary lint rules", () => {
  it("only the kernel reads process.env", async () => {
    const outside = plant("lib/server/PROBE.ts", "export const secret = process.env.NEXTAUTH_SECRET;\n");
    const computed = plant("components/PROBE.ts", 'export const secret = process["env"];\n');
    const destructured = plant("app/PROBE.ts", "const { env } = process;\nexport const secret = env.NEXTAUTH_SECRET;\n");
    const viaGlobal = plant("lib/core/PROBE.ts", "export const secret = globalThis.process.env.NEXTAUTH_SECRET;\n");
    const inKernel = plant("lib/server/kernel/PROBE.ts", "export const secret = process.env.NEXTAUTH_SECRET;\n");
    expect(await ruleIds(outside)).toContain("no-restricted-properties");
    expect(await ruleIds(computed)).toContain("no-restricted-syntax");
    expect(await ruleIds(destructured)).toContain("no-restricted-properties");
    expect(await ruleIds(viaGlobal)).toContain("no-restricted-syntax");
    expect(await ruleIds(inKernel)).toEqual([]);
  });

  it("app/ never imports the database", async () => {
    const viaClient = plant("app/PROBE.ts", 'import { db } from "@/lib/server/kernel/db";\nexport const users = db.user;\n');
    const viaGenerated = plant("app/PROBE.ts", 'import { Prisma } from "@/lib/generated/prisma/client";\nexport const p = Prisma;\n');
    const viaService = plant("app/PROBE.ts", 'import { databaseReachable } from "@/lib/server/health/database";\nexport const ok = databaseReachable;\n');
    expect(await ruleIds(viaClient)).toContain("no-restricted-imports");
    expect(await ruleIds(viaGenerated)).toContain("no-restricted-imports");
    // no-restricted-imports does not see import(); boundaries/app-no-dynamic-db does.
    const dynamic = plant("app/PROBE.ts", 'export const load = () => import("@/lib/server/kernel/db");\n');
    const dynamicPg = plant("app/PROBE.ts", 'export const load = () => import("pg");\n');
    const dynamicService = plant("app/PROBE.ts", 'export const load = () => import("@/lib/server/health/database");\n');
    expect(await ruleIds(dynamic)).toContain("boundaries/app-no-dynamic-db");
    expect(await ruleIds(dynamicPg)).toContain("boundaries/app-no-dynamic-db");
    expect(await ruleIds(viaService)).toEqual([]);
    expect(await ruleIds(dynamicService)).toEqual([]);
  });
});
