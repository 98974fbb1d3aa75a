import { MAX_INPUT_DEPTH } from "@/lib/schemas/boundary";
import { MAX_ACTION_BYTES } from "@/lib/server/kernel/action-limits";
import { checkOrigin } from "@/lib/server/kernel/request";

// React encodes server-action arguments as JSON in which strings starting with "$" are references (to other
// parts, promises, FormData, server functions…). Our actions take plain data, for which the client only
// ever writes these: an escaped "$$…" string, undefined, NaN, ±Infinity, -0 and dates.
const PLAIN_TOKENS = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D)/;

const refuse = (status: number, message: string, field?: string) =>
  Response.json({ error: { message, ...(field ? { field } : {}) } }, { status, headers: { "Cache-Control": "no-store" } });

/** The first reference-like string, or excess depth, in a parsed reply; iterative so depth cannot hurt it. */
function firstUnsafe(value: unknown): string | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (v.startsWith("$") && !PLAIN_TOKENS.test(v)) return "a reference React would resolve; actions take plain data only";
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_INPUT_DEPTH) return `nested more than ${MAX_INPUT_DEPTH} levels deep`;
    for (const [key, item] of Object.entries(v)) {
      if (key.startsWith("$")) return "a key starting with $";
      stack.push({ v: item, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Runs in proxy.ts before Next decodes a server-action request: Next would answer a foreign Origin, a body over
 * its limit, malformed JSON or a dangling reference with a 500 (or wait for ever), and would accept a request
 * with no Origin at all. Returns the refusal, or null to let the request through.
 */
export async function gateServerAction(request: Request): Promise<Response | null> {
  const origin = checkOrigin(request.headers, request.url, true);
  if (!origin.ok) return refuse(403, origin.reason);
  if (Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BYTES) {
    return refuse(413, `Server-action bodies are limited to ${MAX_ACTION_BYTES} bytes.`, "body");
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "text/plain") return refuse(415, "Server actions take a text/plain (JSON) body.", "content-type");
  const text = await request.clone().text();
  if (Buffer.byteLength(text) > MAX_ACTION_BYTES) return refuse(413, `Server-action bodies are limited to ${MAX_ACTION_BYTES} bytes.`, "body");
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    return refuse(400, "The body is not valid JSON.", "body");
  }
  if (!Array.isArray(args)) return refuse(400, "The body must be the array of the action's arguments.", "body");
  const unsafe = firstUnsafe(args);
  return unsafe ? refuse(400, `The body holds ${unsafe}.`, "body") : null;
}
