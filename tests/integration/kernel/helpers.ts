import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import type { Actor } from "@/lib/server/kernel/auth";

export async function makeActor(role: "CANDIDATE" | "INSTRUCTOR" | "ADMIN" = "CANDIDATE"): Promise<Actor> {
  const email = `kernel-${randomBytes(5).toString("hex")}@example.test`;
  const user = await db.user.create({ data: { email, name: "Kernel Tester", passwordHash: "unused", role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Headers a browser sends with a same-origin server-action call to http://localhost:3000. */
export function browserHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", origin: "http://localhost:3000", "sec-fetch-site": "same-origin", ...extra });
}

/** An object nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** The JSON text of `{"a":{"a":…"leaf"…}}`, `depth` levels deep (JSON.stringify itself would overflow the stack). */
export function deeplyNestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"leaf"${"}".repeat(depth)}`;
}
