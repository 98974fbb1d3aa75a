import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Timestamps on screen go through one formatter (formatDateTime in lib/core/util/format.ts, or LocalTime and
// useDateTime in components/ui/local-time.tsx, which name the zone and switch to the reader's own after
// hydration). Pages that built their own Intl.DateTimeFormat printed "Dec 6, 2026, 9:49 AM" with no zone on one
// page and "6 Dec 2026, 09:49 UTC" on the next, and a browser-zone format in server HTML breaks hydration.

const root = path.resolve(import.meta.dirname, "../../..");
const ALLOWED = new Set(["lib/core/util/format.ts"]);
const OWN_FORMATTERS = [
  /new Intl\.DateTimeFormat\(/,
  /\.toLocale(Date|Time)String\(/,
  /new Date\([^)]*\)\.toLocaleString\(/,
  /\.toISOString\(\)\.slice\(/,
];

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(entry)) yield path.relative(root, full);
  }
}

function ownDateFormatters(files: Iterable<string>, read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (ALLOWED.has(file)) continue;
    read(file)
      .split("\n")
      .forEach((line, i) => {
        if (OWN_FORMATTERS.some((re) => re.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe("date formatting on screen", () => {
  it("pages and components use the one formatter, not their own", () => {
    const files = ["app", "components"].flatMap((d) => [...sources(path.join(root, d))]);
    expect(files.length).toBeGreaterThan(100);
    expect(ownDateFormatters(files, (f) => readFileSync(path.join(root, f), "utf8"))).toEqual([]);
  });

  it("catches each kind of home-made formatter", () => {
    const lines = [
      'const when = new Intl.DateTimeFormat("en", { dateStyle: "medium" });',
      "<span>{new Date(draft.savedAt).toLocaleString()}</span>",
      "{u.createdAt.toISOString().slice(0, 10)}",
      "at.toLocaleDateString()",
    ];
    expect(ownDateFormatters(["x.tsx"], () => lines.join("\n"))).toHaveLength(4);
    expect(ownDateFormatters(["y.tsx"], () => 'n.toLocaleString("en")')).toEqual([]);
  });
});
