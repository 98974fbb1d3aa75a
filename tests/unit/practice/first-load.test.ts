import { readFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

// What the practice page's client components import before anything is asked for lazily: the modules its first
// script is built from. zod (28 KiB compressed) and dagre were there only for work that the page does on demand
// (checking an imported file or a stored draft, laying out a design that has no positions) or that a table does
// (the properties forms), so neither may come back through a static import.

const ROOT = path.resolve(import.meta.dirname, "../../..");
// The client components app/practice/[problem]/page.tsx and its layout render.
const ENTRIES = [
  "components/practice/pages/design-workspace.tsx",
  "components/practice/interview/interview-panel.tsx",
  "components/practice/pages/mock-start.tsx",
  "components/practice/result/link-titles.tsx",
];

// Server actions reach the browser as references, not code: each "use server" module stands for its exports.
const serverActionsAsReferences: esbuild.Plugin = {
  name: "server-actions-as-references",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes("node_modules")) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!/^\s*["']use server["']/.test(source)) return undefined;
      const names = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)].map((m) => m[1]);
      return { contents: names.map((n) => `export const ${n} = () => {};`).join("\n") || "export {};", loader: "ts" };
    });
  },
};

/** Each module reached from the entries by static imports, with the chain that reached it. */
async function staticGraph(): Promise<Map<string, string[]>> {
  const result = await esbuild.build({
    entryPoints: ENTRIES.map((e) => path.join(ROOT, e)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    splitting: true,
    outdir: "out",
    platform: "browser",
    jsx: "automatic",
    loader: { ".css": "empty" },
    external: ["react", "react/*", "react-dom", "react-dom/*", "next", "next/*", "next-auth", "next-auth/*"],
    alias: { "@": ROOT },
    plugins: [serverActionsAsReferences],
    logLevel: "silent",
  });
  const inputs = result.metafile.inputs;
  const chains = new Map<string, string[]>(ENTRIES.map((e) => [e, [e]]));
  const queue = [...ENTRIES];
  while (queue.length) {
    const file = queue.shift()!;
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind === "dynamic-import" || chains.has(imp.path)) continue;
      chains.set(imp.path, [...chains.get(file)!, imp.path]);
      queue.push(imp.path);
    }
  }
  return chains;
}

describe("the practice page's first script", () => {
  it("is built without zod and without dagre", async () => {
    const graph = await staticGraph();
    // The walk itself must work: the editor and the field table are in it.
    expect(graph.has("components/practice/editor/design-editor.tsx")).toBe(true);
    expect(graph.has("lib/core/canvas/field-table.ts")).toBe(true);
    const offenders = [...graph].filter(([file]) => /node_modules\/(zod|@dagrejs)\//.test(file)).map(([, chain]) => chain.join(" → "));
    expect(offenders.slice(0, 3)).toEqual([]);
  }, 60_000);
});
