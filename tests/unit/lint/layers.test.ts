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
    expect(await ruleIds("lib/server/probe.ts", 'import type { X } from "@/components/practice/pages/types";\nexport type Y = X;\n')).toContain(
      "boundaries/lib-no-components",
    );
    expect(await ruleIds("lib/schemas/probe.ts", 'export { thing } from "../../components/quiz/thing";\n')).toContain("boundaries/lib-no-components");
    expect(await ruleIds("lib/server/probe.ts", 'import { z } from "zod";\nexport const s = z.string();\n')).toEqual([]);
  });

  it('"use client" files never import lib/server, not even a type', async () => {
    const client = '"use client";\nimport type { Dashboard } from "@/lib/server/quiz/dashboard";\nexport type D = Dashboard;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", client)).toContain("boundaries/client-no-server");
    const relative = '"use client";\nimport { x } from "../../lib/server/health/database";\nexport const y = x;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", relative)).toContain("boundaries/client-no-server");
    // The same import in a server component is the normal path.
    const server = 'import type { Dashboard } from "@/lib/server/quiz/dashboard";\nexport type D = Dashboard;\n';
    expect(await ruleIds("components/dashboard/probe.tsx", server)).toEqual([]);
  });

  it("lib/core is pure: no next, react, prisma, db or node APIs", async () => {
    const planted = {
      next: 'import { redirect } from "next/navigation";\nexport const r = redirect;\n',
      react: 'import { useState } from "react";\nexport const u = useState;\n',
      prisma: 'import { Prisma } from "@/lib/generated/prisma/client";\nexport const p = Prisma;\n',
      db: 'import { db } from "@/lib/db";\nexport const d = db;\n',
      node: 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
    };
    for (const source of Object.values(planted)) {
      expect(await ruleIds("lib/core/util/probe.ts", source)).toContain("no-restricted-imports");
    }
    expect(await ruleIds("lib/core/util/probe.ts", 'import { z } from "zod";\nexport const s = z.number();\n')).toEqual([]);
    // React Flow's types describe the canvas document; its runtime is React and stays out.
    expect(await ruleIds("lib/core/canvas/probe.ts", 'import type { Node } from "@xyflow/react";\nexport type N = Node;\n')).toEqual([]);
    expect(await ruleIds("lib/core/canvas/probe.ts", 'import { ReactFlow } from "@xyflow/react";\nexport const F = ReactFlow;\n')).toContain("no-restricted-imports");
  });
});
