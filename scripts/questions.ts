// `npm run -s questions -- …`: the question bank from the command line, for instructors who keep questions in git.
//
//   questions import FILE [--dry-run] [--format json] [--from gift|xml|json] [--as EMAIL] [--publish]
//                         [--chapter C] [--section S] [--difficulty D] [--tags a,b] [--unit U]
//   questions export [--chapter C] [--status DRAFT|PUBLISHED|RETIRED] --to gift|xml|json [--out FILE]
//
// Import checks the file exactly as the instructor import page does (same readers, same report) and, without
// --dry-run, creates every question or none, attributed to the instructor named by --as (drafts unless
// --publish). `--dry-run --format json` prints {ok, questions:[{line,id,type}], errors:[{line,message}],
// warnings:[{line,message}]}. Exit codes: 0 done or importable, 2 bad input or not importable, 1 the database
// could not be reached. Uses DATABASE_URL like the other scripts; locally it falls back to the embedded
// database `npm start` runs.
import { readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { exportQuerySchema, importDefaultsSchema, importFormats, importQuestionsSchema, MAX_IMPORT_CHARS, type ImportReport } from "../lib/schemas/instructor.ts";
import { resolveAuthSecret } from "./lib/runtime.ts";

class UsageError extends Error {}

/** Where the CLI writes: the process's own streams when run, a capture in tests that call it in-process. */
type Io = { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };

const USAGE = "usage: questions import FILE [--dry-run] [--format json] [--from gift|xml|json] [--as EMAIL] | questions export --to gift|xml|json [--chapter C]";

const EXTENSIONS: Record<string, (typeof importFormats)[number]> = { ".gift": "gift", ".txt": "gift", ".xml": "xml", ".json": "json" };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join(".") || "input"}: ${issue.message}` : "invalid input";
}

function readSource(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  // Bytes ≥ characters, so a file under the limit in bytes is under it in characters; a bigger one is refused before it is read.
  if (size > MAX_IMPORT_CHARS * 4) throw new UsageError(`${file} is larger than ${MAX_IMPORT_CHARS} characters`);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

/** The report in the CLI's JSON shape: the same fields for success and failure. */
function cliJson(report: ImportReport) {
  return {
    ok: report.ok,
    questions: report.ok ? report.questions.map(({ line, id, type }) => ({ line, id, type })) : [],
    errors: report.ok ? [] : report.errors.map(({ line, message }) => ({ line, message })),
    warnings: report.warnings.map(({ line, message }) => ({ line, message })),
  };
}

function human(report: ImportReport, file: string, verb: string): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(`${file}: ${report.questions.length} question${report.questions.length === 1 ? "" : "s"} ${verb}`);
    for (const q of report.questions) lines.push(`  line ${q.line}: ${q.id} (${q.type})`);
  } else {
    lines.push(`${file}: nothing imported, ${report.errors.length} problem${report.errors.length === 1 ? "" : "s"} to fix`);
    for (const e of report.errors) lines.push(`  line ${e.line}: error: ${e.message}`);
  }
  for (const w of report.warnings) lines.push(`  line ${w.line}: warning: ${w.message}`);
  return lines.join("\n");
}

async function runImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      format: { type: "string", default: "human" },
      from: { type: "string" },
      as: { type: "string" },
      publish: { type: "boolean", default: false },
      chapter: { type: "string", default: "big-picture" },
      section: { type: "string" },
      difficulty: { type: "string", default: "medium" },
      tags: { type: "string", default: "imported" },
      unit: { type: "string", default: "units" },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  if (values.format !== "json" && values.format !== "human") throw new UsageError(`--format is json or human, not "${values.format}"`);
  const format = values.from ?? EXTENSIONS[extname(file).toLowerCase()];
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its extension (.gift, .txt, .xml, .json): pass --from gift|xml|json`);
  if (!values["dry-run"] && !values.as) throw new UsageError("--as EMAIL is required to import: the instructor account the questions are attributed to");

  const { chapterSections } = await import("../lib/schemas/question.ts");
  const sections = (chapterSections as Record<string, readonly string[]>)[values.chapter];
  const defaults = importDefaultsSchema.safeParse({
    chapter: values.chapter,
    section: values.section ?? sections?.[0] ?? "",
    difficulty: values.difficulty,
    tags: values.tags.split(",").map((t) => t.trim()).filter(Boolean),
    unit: values.unit,
  });
  if (!defaults.success) throw new UsageError(firstIssue(defaults.error));
  const input = importQuestionsSchema.safeParse({ format, text: readSource(file), defaults: defaults.data, publish: values.publish });
  if (!input.success) throw new UsageError(firstIssue(input.error));

  const { db } = await import("../lib/server/kernel/db.ts");
  try {
    const { checkImport, commitImport } = await import("../lib/server/instructor/import.ts");
    let report: ImportReport;
    if (values["dry-run"]) report = await checkImport(input.data);
    else {
      const user = await db.user.findFirst({ where: { email: { equals: values.as!.trim(), mode: "insensitive" } }, select: { id: true, role: true } });
      const { hasGrant } = await import("../lib/server/kernel/grants.ts");
      if (!user || !hasGrant(user, "instructor")) throw new UsageError(`--as ${values.as}: no instructor account has that email`);
      report = await commitImport(user, input.data);
    }
    const verb = values["dry-run"] ? "importable" : values.publish ? "imported and published" : "imported as drafts";
    io.stdout.write(`${values.format === "json" ? JSON.stringify(cliJson(report)) : human(report, file, verb)}\n`);
    return report.ok ? 0 : 2;
  } finally {
    await db.$disconnect();
  }
}

async function runExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { to: { type: "string" }, chapter: { type: "string" }, status: { type: "string" }, out: { type: "string" } },
  });
  if (positionals.length > 0 || !values.to) throw new UsageError(USAGE);
  const query = exportQuerySchema.safeParse({ format: values.to, chapter: values.chapter, status: values.status });
  if (!query.success) throw new UsageError(firstIssue(query.error).replace(/^format:/, "--to:"));
  const { db } = await import("../lib/server/kernel/db.ts");
  try {
    const { loadCurrentQuestions } = await import("../lib/server/instructor/questions.ts");
    const { renderExport } = await import("../lib/server/instructor/export.ts");
    const file = renderExport(await loadCurrentQuestions(query.data), query.data);
    if (values.out) writeFileSync(values.out, file.body);
    else io.stdout.write(file.body);
    for (const w of file.warnings) io.stderr.write(`warning: ${w}\n`);
    for (const s of file.skipped) io.stderr.write(`skipped: ${s}\n`);
    io.stderr.write(`exported ${file.count} question${file.count === 1 ? "" : "s"}${file.skipped.length ? `, skipped ${file.skipped.length}` : ""}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "import") return runImport(rest, io);
  if (command === "export") return runExport(rest, io);
  throw new UsageError(USAGE);
}

/**
 * The whole CLI for one argument list: returns the exit code, and writes to `io` what the process prints. Bad input
 * is one clear line and exit 2; anything else (the database unreachable) one line and exit 1, never a stack trace.
 */
export async function questionsCli(argv: string[], io: Io = process): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const bad = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const e = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
    // Driver errors can come with an empty message and the reason in a code (ECONNREFUSED) or a cause.
    // Prisma puts the reason on the last line, after a code frame.
    const message = [e.message?.trim().split("\n").at(-1), e.code, e.cause?.code, e.cause?.message].find((m) => m) ?? String(error);
    io.stderr.write(`questions: ${bad ? message : `failed (is DATABASE_URL right and the database up?): ${message}`}\n`);
    return bad ? 2 : 1;
  }
}

// Run as a program (not imported by a test): the database and secret fall back to the embedded ones `npm start` uses.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.env.DATABASE_URL ??= `postgresql://postgres:roundtrip-embedded@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/roundtrip`;
  process.env.NEXTAUTH_SECRET ??= resolveAuthSecret();
  process.exitCode = await questionsCli(process.argv.slice(2));
  // The pool keeps idle connections for 10 s after the last query, and the command would wait for them.
  await (await import("../lib/server/kernel/db.ts")).pool.end();
}
