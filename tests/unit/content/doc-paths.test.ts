import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md walks features file by file and README.md's Layout maps the folders; a rename that forgets
// them leaves the next reader lost (the Layout named lib/db.ts long after it became lib/server/kernel/db.ts).
// Every repository path either names must exist, in backticks or inside a code block:
// - a path from a top-level folder is checked as written; a glob or a <placeholder> names its fixed prefix
//   (lib/core/** is the folder lib/core, prisma/migrations/<timestamp>_… is prisma/migrations);
// - a bare file name ("ops.ts") or folder ("auth/"), or a path below one ("kernel/db.ts"), is read relative to a
//   folder named earlier in the same paragraph (in a code block: the same line, else earlier lines of the block),
//   the way the prose and the pictures use them. In a code block tagged with a language (```bash) only full paths
//   count: "my-design.json" in a command is the reader's file, not ours.

const root = path.resolve(import.meta.dirname, "../../..");
const TOP = /^(app|components|lib|tests|scripts|eslint-rules|prisma|content|docs|bench|public|deploy)\//;
const ROOT_FILES = /^[\w.-]+\.(mjs|ts|json|md)$/;
// A name relative to an earlier folder: file.ext, folder/, or a/b/file.ext.
const RELATIVE = /^[\w-]+(\/[\w-]+)*(\/|\.(ts|tsx|mjs|json|md|prisma|sql))$/;

type Named = { token: string; resolved: string | null };

const exists = (relative: string) => existsSync(path.join(root, relative));

/** The fixed part of a path: up to a glob or placeholder, without a trailing slash. */
const fixedPrefix = (token: string) => token.split(/\/[^/]*[*<[]/)[0]!.replace(/\/$/, "");

/** Reads the tokens of one scope (a paragraph, or a code block's line) against the folders named so far. */
function readScope(tokens: string[], dirs: string[], out: Named[]): void {
  for (const raw of tokens) {
    const token = raw.replace(/[.,;:)]+$/, "");
    if (TOP.test(token)) {
      const fixed = fixedPrefix(token);
      out.push({ token, resolved: fixed });
      dirs.unshift(/\.\w+$/.test(fixed) ? path.posix.dirname(fixed) : fixed);
    } else if (RELATIVE.test(token)) {
      const found = dirs.map((d) => `${d}/${token.replace(/\/$/, "")}`).find(exists);
      const atRoot = ROOT_FILES.test(token) && exists(token) ? token : null;
      out.push({ token, resolved: found ?? atRoot });
    }
  }
}

/** Each repository path the markdown names, with the file or folder it resolves to (null where none does). */
function namedPaths(markdown: string): Named[] {
  const out: Named[] = [];
  // split with a capture group: text, fence language, block, fence language, text, …
  const parts = markdown.split(/^```(.*)$/m);
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!;
    if ((i / 2) % 2 === 1) {
      // A code block: a line's names resolve against that line's folders first, then the block's earlier ones.
      const tagged = parts[i - 1]!.trim() !== "";
      const blockDirs: string[] = [];
      for (const line of part.split("\n")) {
        const tokens = (line.match(/[^\s`'"(),·=]+/g) ?? []).filter((t) => !tagged || TOP.test(t));
        const lineDirs = [...blockDirs];
        readScope(tokens, lineDirs, out);
        blockDirs.unshift(...lineDirs.slice(0, lineDirs.length - blockDirs.length));
      }
      continue;
    }
    for (const paragraph of part.split(/\n\s*\n|\n(?=\d+\. )/)) {
      readScope([...paragraph.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!), [], out);
    }
  }
  return out;
}

const missing = (named: Named[]) =>
  named.filter((n) => n.resolved === null || !exists(n.resolved)).map((n) => n.token);

describe.each(["docs/architecture.md", "README.md"])("%s", (doc) => {
  const named = namedPaths(readFileSync(path.join(root, doc), "utf8"));

  it("names files to check", () => {
    expect(named.length).toBeGreaterThan(20);
  });

  it("names only paths that exist in the repository", () => {
    expect(missing(named)).toEqual([]);
  });
});

describe("the path reader", () => {
  it("notices a renamed file, a bare name with no folder, and accepts a glob's folder", () => {
    const probe = namedPaths(
      "1. `lib/core/canvas/convert.ts` with `ops.ts` and `nowhere.ts`; `lib/core/**`.\n\n`lib/core/quiz/gone.ts`, `stray.ts`\n",
    );
    expect(missing(probe)).toEqual(["nowhere.ts", "lib/core/quiz/gone.ts", "stray.ts"]);
  });

  it("reads a code block line by line, names relative to the line's folder or an earlier line's", () => {
    const probe = namedPaths(
      [
        "```",
        "lib/            server code: db.ts (the Prisma client), auth/, server/, actions/",
        "prisma/         schema.prisma and SQL migrations, prisma/migrations/<timestamp>_<name>/",
        "lib/server/<noun>/   services",
        "kernel/db.ts (one pool)   kernel/gone.ts   lib/core/evaluator/**/*.ts",
        "```",
        "```bash",
        "npm run -s evaluate -- lib/core/evaluator/examples/three-tier.json my-design.json lib/core/none.json",
        "```",
      ].join("\n"),
    );
    expect(missing(probe)).toEqual(["db.ts", "kernel/gone.ts", "lib/core/none.json"]);
    expect(probe.map((n) => n.token)).toEqual(
      expect.arrayContaining(["auth/", "server/", "actions/", "schema.prisma", "kernel/db.ts", "lib/core/evaluator/**/*.ts"]),
    );
  });
});
