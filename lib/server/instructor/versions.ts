import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/kernel/db";
import { AppError } from "@/lib/server/kernel/errors";

// One versioning rule for everything instructors author (questions, practice problems): a save appends an
// immutable version only when the content changed (attempts and designs point at the version they used), and a
// save on top of someone else's newer save loses with a 409 instead of skipping or overwriting a number.

type Parsed<T> = { success: true; data: T } | { success: false };

export type AppendVersion<T> = {
  /** "question" or "problem": the word in the conflict message. */
  noun: string;
  /** The version the author started from; null when any current version will do (an import). */
  baseVersion: number | null;
  currentVersion: number;
  /** The content of the current version, parsed (a version that no longer parses counts as all changed). */
  current: () => Promise<Parsed<T>>;
  next: T;
  changedFields: (before: T, after: T) => string[];
  /** Writes version `version` and moves the row from `from` to it (compare-and-set): returns the rows moved. */
  write: (version: number, from: number) => Promise<number>;
  audit: (version: number, changed: string[]) => Promise<void>;
};

export const savedMeanwhile = (noun: string) => new AppError(409, `This ${noun} was saved by someone else; reload it and redo your change.`);

/** Inside a transaction: appends a version if the content changed. Returns the version now current. */
export async function appendVersion<T>(a: AppendVersion<T>): Promise<{ version: number; changed: string[] }> {
  if (a.baseVersion !== null && a.currentVersion !== a.baseVersion) {
    throw new AppError(409, `This ${a.noun} was saved by someone else (now version ${a.currentVersion}); reload it and redo your change.`);
  }
  const before = await a.current();
  const changed = before.success ? a.changedFields(before.data, a.next) : ["all"];
  if (changed.length === 0) return { version: a.currentVersion, changed };
  const version = a.currentVersion + 1;
  if ((await a.write(version, a.currentVersion)) !== 1) throw savedMeanwhile(a.noun);
  await a.audit(version, changed);
  return { version, changed };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Runs a save; a unique-key race (two saves of one new id or version at once) becomes the given 409, never a 500. */
export async function orConflict<T>(run: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** The current version of each row, parsed, in the rows' order; a version that no longer parses is left out. */
export async function parsedCurrentVersions<T>(
  rows: readonly { id: string; currentVersion: number }[],
  load: (wanted: { id: string; version: number }[]) => Promise<{ id: string; data: unknown }[]>,
  schema: { safeParse: (data: unknown) => Parsed<T> },
): Promise<T[]> {
  if (rows.length === 0) return [];
  const byId = new Map((await load(rows.map((r) => ({ id: r.id, version: r.currentVersion })))).map((v) => [v.id, v.data]));
  return rows.flatMap((r) => {
    const parsed = schema.safeParse(byId.get(r.id));
    return parsed.success ? [parsed.data] : [];
  });
}

export type AuditEntry = { id: string; action: string; actor: string | null; createdAt: Date; detail: unknown };

/** The latest 100 audit entries of one authored thing, newest first, each with who did it in words. */
export async function auditTrail(entity: string, entityId: string): Promise<AuditEntry[]> {
  const logs = await db.auditLog.findMany({
    where: { entity, entityId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { actor: { select: { name: true, email: true } } },
  });
  return logs.map((l) => ({ id: l.id, action: l.action, actor: l.actor ? `${l.actor.name} (${l.actor.email})` : null, createdAt: l.createdAt, detail: l.detail }));
}
