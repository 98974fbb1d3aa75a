// The questions CLI as instructors run it, against the test database, reading real files. Most cases call its
// entry point in-process (the same argument parsing, exit code and output the program has); two run the real
// program as a child process, proving the wiring around it: `tsx scripts/questions.ts`, its exit code, stdout and a
// one-line stderr. Each child starts tsx afresh (about 5 s of CPU, over 30 s of wall on a loaded machine), which
// is why only those two spawn, with a longer timeout.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { questionSchema } from "@/lib/schemas/question";
import { questionsCli } from "../../../scripts/questions";
import { makeUser, uid } from "./helpers";

const root = path.resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "questions-cli-"));

type Run = { code: number | null; stdout: string; stderr: string };

/** The program itself, as `npm run questions --` starts it. */
function spawnCli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/questions.ts", ...args], {
      cwd: root,
      env: { ...process.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same entry point in this process, with what it prints captured. */
async function cli(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await questionsCli(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Moodle's own export shape (tests/unit/gift/fixtures), with question names made unique to this run. */
function moodleFile(stem: string): string {
  const xml = readFileSync(path.join(root, "tests/unit/gift/fixtures/moodle-sample.xml"), "utf8");
  return file(`${stem}.xml`, xml.replace(/(<name>\s*<text>)/g, `$1${stem} `));
}

const noStackTrace = (stderr: string) => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe("npm run questions -- import --dry-run --format json", () => {
  it("prints exactly {ok, questions, errors, warnings} and exits 0 for an importable Moodle XML file", async () => {
    const stem = `cli${uid()}`;
    const run = await spawnCli("import", moodleFile(stem), "--dry-run", "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["errors", "ok", "questions", "warnings"]);
    expect(out.ok).toBe(true);
    expect(out.errors).toEqual([]);
    expect(out.questions).toEqual([
      { line: 14, id: `caching/${stem}-edge-cache-hit`, type: "single" },
      { line: 65, id: `caching/${stem}-cacheable-headers`, type: "multiple" },
      { line: 95, id: `caching/${stem}-purge-is-instant`, type: "true_false" },
      { line: 120, id: `caching/${stem}-hit-ratio`, type: "numeric" },
      { line: 161, id: `caching/${stem}-header-meanings`, type: "matching" },
      { line: 199, id: `caching/${stem}-miss-path`, type: "ordering" },
      { line: 227, id: `caching/${stem}-header-name`, type: "short_answer" },
    ]);
    expect(out.warnings).toContainEqual({ line: 250, message: "skipped: essay questions are not supported" });
    for (const w of out.warnings as object[]) expect(Object.keys(w).sort()).toEqual(["line", "message"]);
    expect(await db.question.count({ where: { id: { startsWith: `caching/${stem}` } } })).toBe(0);
  }, 180_000);

  it("exits 2 with every problem and its line when the file is not importable", async () => {
    const gift = file(`bad${uid()}.gift`, "::a::Pick one {~x ~y ~z}\n\n::b::How many? {#3:-1}\n");
    const run = await cli("import", gift, "--dry-run", "--format", "json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      questions: [],
      errors: [
        { line: 1, message: "choices: single-choice needs exactly one correct choice, found 0" },
        { line: 3, message: "numeric tolerance -1 is below zero" },
      ],
      warnings: [],
    });
  });

  it("refuses XXE with exit 2, and reads .txt as GIFT unless --from says otherwise", async () => {
    const xxe = file(`xxe${uid()}.xml`, '<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz/>');
    const refused = await cli("import", xxe, "--dry-run", "--format", "json");
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).errors).toEqual([{ line: 2, message: "DOCTYPE and ENTITY declarations are not accepted in Moodle XML" }]);

    const json = JSON.stringify([]);
    const asText = file(`json${uid()}.txt`, json);
    const overridden = await cli("import", asText, "--dry-run", "--format", "json", "--from", "json");
    expect(JSON.parse(overridden.stdout).errors).toEqual([{ line: 1, message: "the file contains no question Roundtrip can import" }]);
  }, 120_000);
});

describe("bad input is one clear line and exit 2, never a stack trace", () => {
  it.each([
    ["a missing file", ["import", "/nonexistent/questions.gift", "--dry-run"], /no such file/],
    ["an unknown extension", ["import", "/etc/hostname", "--dry-run"], /--from gift\|xml\|json/],
    ["an unknown option", ["import", "x.gift", "--bogus"], /bogus/],
    ["an import without --as", ["import", "x.gift"], /--as EMAIL is required/],
    ["an unknown export format", ["export", "--to", "pdf"], /--to/],
    ["an unknown chapter", ["export", "--to", "xml", "--chapter", "nope"], /chapter/],
    ["no command", [], /usage/],
  ])("%s", async (_what, args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    noStackTrace(run.stderr);
  });

  it("the program itself: no command is the usage line on stderr and exit 2", async () => {
    const run = await spawnCli();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^questions: usage: questions import FILE/);
    noStackTrace(run.stderr);
  }, 180_000);
});

describe("import then export", () => {
  it("imports as drafts attributed to --as, then exports them in every format", async () => {
    const stem = `cli${uid()}`;
    const author = await makeUser("INSTRUCTOR");
    const candidate = await makeUser("CANDIDATE");
    const source = moodleFile(stem);

    const refused = await cli("import", source, "--as", candidate.email);
    expect(refused.code).toBe(2);
    noStackTrace(refused.stderr);

    const run = await cli("import", source, "--as", author.email.toUpperCase());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("7 questions imported as drafts");
    const rows = await db.question.findMany({ where: { id: { startsWith: `caching/${stem}` } }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["DRAFT"]));
    expect(await db.auditLog.count({ where: { entityId: { startsWith: `caching/${stem}` }, action: "import", actorId: author.id } })).toBe(7);

    const json = await cli("export", "--chapter", "caching", "--to", "json");
    expect(json.code).toBe(0);
    const exported = questionSchema.array().parse(JSON.parse(json.stdout)).filter((q) => q.id.startsWith(`caching/${stem}`));
    expect(exported.map((q) => q.id).sort()).toEqual(rows.map((r) => r.id));

    // The XML export reads back as the same questions (dry run: the ids now exist, so it is refused by line).
    const out = path.join(dir, `${stem}-export.xml`);
    const xml = await cli("export", "--chapter", "caching", "--to", "xml", "--out", out);
    expect(xml.code).toBe(0);
    // The bank's generated estimate questions have no Moodle XML form: each is named as skipped, then the count.
    const lines = xml.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^exported \d+ questions(, skipped \d+)?$/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^skipped: [a-z0-9-]+\/[a-z0-9-]+: generated estimate questions have no faithful Moodle XML form/);
    const again = await cli("import", out, "--dry-run", "--format", "json");
    expect(again.code).toBe(2);
    const errors = (JSON.parse(again.stdout) as { errors: { message: string }[] }).errors.map((e) => e.message);
    for (const q of exported) expect(errors).toContain(`question id "${q.id}" already exists in the bank`);

    const gift = await cli("export", "--chapter", "caching", "--to", "gift");
    expect(gift.code).toBe(0);
    for (const q of exported) expect(gift.stdout).toContain(`"id":"${q.id}"`);
  }, 300_000);
});
