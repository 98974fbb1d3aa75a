import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md walks features file by file; a rename that forgets the doc leaves the next reader lost.
// Every repository path it names (in backticks) must exist. A bare file name ("ops.ts") is read relative to a
// folder named by a full path earlier in the same paragraph, the way the prose uses it.

const root = path.resolve(import.meta.dirname, "../../..");
const TOP = /^(app|components|lib|tests|scripts|eslint-rules|prisma|content|docs|bench|public|deploy)\//;
const ROOT_FILES = /^[\w.-]+\.(mjs|ts|json)$/;

type Named = { token: string; resolved: string | null };

/** Each backticked path in the text, with the file or folder it names (null where nothing can be resolved). */
function namedPaths(markdown: string): Named[] {
  const out: Named[] = [];
  for (const paragraph of markdown.split(/\n\s*\n|\n(?=\d+\. )/)) {
    const dirs: string[] = [];
    for (const [, raw] of paragraph.matchAll(/`([^`\s]+)`/g)) {
      const token = raw!.replace(/[.,;:]$/, "");
      if (TOP.test(token)) {
        // A glob names its fixed prefix: lib/core/** is the folder lib/core.
        const fixed = token.split(/\/\*\*|\/\[?\*/)[0]!.replace(/\/$/, "");
        out.push({ token, resolved: fixed });
        dirs.push(/\.\w+$/.test(fixed) ? path.posix.dirname(fixed) : fixed);
      } else if (/^[\w-]+\.(ts|tsx|mjs|json)$/.test(token)) {
        const found = dirs.map((d) => `${d}/${token}`).find((p) => existsSync(path.join(root, p)));
        const atRoot = ROOT_FILES.test(token) && existsSync(path.join(root, token)) ? token : null;
        out.push({ token, resolved: found ?? atRoot });
      }
    }
  }
  return out;
}

describe("docs/architecture.md", () => {
  const named = namedPaths(readFileSync(path.join(root, "docs/architecture.md"), "utf8"));

  it("names files to check", () => {
    expect(named.length).toBeGreaterThan(40);
  });

  it("names only paths that exist in the repository", () => {
    const missing = named.filter((n) => n.resolved === null || !existsSync(path.join(root, n.resolved)));
    expect(missing.map((n) => n.token)).toEqual([]);
  });

  it("notices a renamed file, a bare name with no folder, and accepts a glob's folder", () => {
    const probe = namedPaths(
      "1. `lib/core/canvas/convert.ts` with `ops.ts` and `nowhere.ts`; `lib/core/**`.\n\n`lib/core/quiz/gone.ts`, `stray.ts`\n",
    );
    const bad = probe.filter((n) => n.resolved === null || !existsSync(path.join(root, n.resolved))).map((n) => n.token);
    expect(bad).toEqual(["nowhere.ts", "lib/core/quiz/gone.ts", "stray.ts"]);
  });
});
