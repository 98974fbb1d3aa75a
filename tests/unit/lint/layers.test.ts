import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules in eslint.config.mjs (eslint-rules/boundaries.mjs and the pure-core ban), each proved by
// linting a planted violation under the path it would have, with the project's own configuration.

const root = path.resolve(import.meta.dirname, "../../..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(relative: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, relative) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe("layer lint rules", () => {
  it("lib never imports components, by alias or relative path", async () => {
    expect(
      await ruleIds(
        "lib/server/probe.ts",
        'import type { X } from "@/components/practice/pages/types";\nexport type Y = X;\n',
      ),
    ).toContain("boundaries/lib-no-components");
    expect(await ruleIds("lib/schemas/probe.ts", 'export { thing } from "../../components/quiz/thing";\n')).toContain(
      "boundaries/lib-no-components",
    );
    expect(await ruleIds("lib/server/probe.ts", 'import { z } from "zod";\nexport const s = z.string();\n')).toEqual(
      [],
    );
  });

  it('"use client" files never import lib/server, not even a type', async () => {
    const client =
      '"use client";\nimport type { Dashboard } from "@/lib/server/quiz/dashboard";\nexport type D = Dashboard;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", client)).toContain("boundaries/client-no-server");
    const relative = '"use client";\nimport { x } from "../../lib/server/health/database";\nexport const y = x;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", relative)).toContain("boundaries/client-no-server");
    // The same import in a server component is the normal path.
    const server = 'import type { Dashboard } from "@/lib/server/quiz/dashboard";\nexport type D = Dashboard;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", server)).toEqual([]);
  });

  it('"use client" files call server actions only through callAction or useAction', async () => {
    const bare =
      '"use client";\nimport { setUserRole } from "@/lib/actions/set-user-role";\nexport const go = () => setUserRole({ userId: "u", role: "ADMIN" });\n';
    expect(await ruleIds("components/admin/probe.tsx", bare)).toContain("boundaries/client-actions-through-use-action");
    // The way the last one was written: awaited inside a transition, so a thrown action went nowhere.
    const inTransition =
      '"use client";\nimport { startTransition } from "react";\nimport { setUserRole } from "@/lib/actions/set-user-role";\n' +
      'export const go = () => startTransition(async () => {\n  const r = await setUserRole({ userId: "u", role: "ADMIN" });\n  console.log(r);\n});\n';
    expect(await ruleIds("components/admin/probe.tsx", inTransition)).toContain(
      "boundaries/client-actions-through-use-action",
    );
    const wrapped =
      '"use client";\nimport { callAction, useAction } from "@/components/use-action";\nimport { setUserRole } from "@/lib/actions/set-user-role";\n' +
      'export const go = () => callAction(() => setUserRole({ userId: "u", role: "ADMIN" }));\nexport const useIt = () => useAction(setUserRole);\n';
    expect(await ruleIds("components/admin/probe.tsx", wrapped)).not.toContain(
      "boundaries/client-actions-through-use-action",
    );
    // Server components and server code call actions as plain functions.
    const server =
      'import { setUserRole } from "@/lib/actions/set-user-role";\nexport const go = () => setUserRole({ userId: "u", role: "ADMIN" });\n';
    expect(await ruleIds("components/admin/probe.tsx", server)).not.toContain(
      "boundaries/client-actions-through-use-action",
    );
  });

  it("lib/core is pure: no next, react, prisma, db or node APIs", async () => {
    const planted = {
      next: 'import { redirect } from "next/navigation";\nexport const r = redirect;\n',
      react: 'import { useState } from "react";\nexport const u = useState;\n',
      prisma: 'import { Prisma } from "@/lib/generated/prisma/client";\nexport const p = Prisma;\n',
      db: 'import { db } from "@/lib/server/kernel/db";\nexport const d = db;\n',
      node: 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
    };
    for (const source of Object.values(planted)) {
      expect(await ruleIds("lib/core/util/probe.ts", source)).toContain("no-restricted-imports");
    }
    expect(await ruleIds("lib/core/util/probe.ts", 'import { z } from "zod";\nexport const s = z.number();\n')).toEqual(
      [],
    );
    // Nothing from the impure side of lib, by alias or relative path: the specifier bans above missed both.
    for (const source of [
      'import { env } from "@/lib/server/kernel/env";\nexport const e = env;\n',
      'import { submit } from "../../server/quiz/submit";\nexport const s = submit;\n',
      'export const a = () => import("@/lib/actions/evaluate-design");\n',
    ]) {
      expect(await ruleIds("lib/core/util/probe.ts", source)).toContain("boundaries/core-no-server");
    }
    expect(
      await ruleIds("lib/core/util/probe.ts", 'import { questionSchema } from "@/lib/schemas/question";\nexport const q = questionSchema;\n'),
    ).toEqual([]);
    // no-restricted-imports does not see import(); the same bans hold for a dynamic import.
    for (const specifier of ["node:fs", "react", "@prisma/client", "next/headers"]) {
      expect(await ruleIds("lib/core/util/probe.ts", `export const m = () => import("${specifier}");\n`)).toContain(
        "boundaries/core-no-dynamic-impure",
      );
    }
    expect(await ruleIds("lib/core/util/probe.ts", 'export const m = () => import("zod");\n')).toEqual([]);
    // React Flow's types describe the canvas document; its runtime is React and stays out.
    expect(
      await ruleIds("lib/core/canvas/probe.ts", 'import type { Node } from "@xyflow/react";\nexport type N = Node;\n'),
    ).toEqual([]);
    expect(
      await ruleIds(
        "lib/core/canvas/probe.ts",
        'import { ReactFlow } from "@xyflow/react";\nexport const F = ReactFlow;\n',
      ),
    ).toContain("no-restricted-imports");
  });
});
