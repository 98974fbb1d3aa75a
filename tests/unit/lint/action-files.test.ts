import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/actions holds one thin file per server action: schema, grant, the pages to revalidate and one service call.
// Anything longer is logic that belongs in a service under lib/server, where it can be tested without Next.

const MAX_LINES = 15;
const dir = path.resolve(import.meta.dirname, "../../../lib/actions");

/** Lines as an editor counts them: a trailing newline does not start another line. */
function lineCount(text: string): number {
  return text.replace(/\n$/, "").split("\n").length;
}

describe("lib/actions files", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it("are there to check", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it(`are at most ${MAX_LINES} lines each`, () => {
    const long = files
      .map((f) => ({ file: f, lines: lineCount(readFileSync(path.join(dir, f), "utf8")) }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it("count lines so a 16-line file is caught and a 15-line one is not", () => {
    expect(lineCount("x\n".repeat(16))).toBe(16);
    expect(lineCount("x\n".repeat(15))).toBe(15);
  });
});
