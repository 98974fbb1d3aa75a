import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";

export const MAX_JSON_BYTES = 1_000_000;

export type FieldError = { path: string; message: string };

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return NextResponse.json({ error: message, ...extra }, { status, headers });
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join(""),
    message: issue.message,
  }));
}

/**
 * The address rate limits count against. Only the right-most X-Forwarded-For entry is trusted: it was added by
 * the proxy in front of us (or by Next from the socket when no proxy set one); entries further left come from
 * the client and can be forged. Run Roundtrip behind a proxy or load balancer that appends this header.
 */
export function clientIp(headers: Headers): string {
  const hops = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return hops.at(-1) || headers.get("x-real-ip") || "unknown";
}

export class BodyTooLargeError extends Error {}
export class BadJsonError extends Error {}

/** Reads a JSON body, refusing more than `limit` bytes without buffering past it. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new BodyTooLargeError();
  if (!request.body) throw new BadJsonError("The request has no body");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new BadJsonError("The body is not valid JSON");
  }
}

/** Parses a JSON body with a schema, or returns the 4xx response that explains what is wrong. */
export async function parseJsonRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = MAX_JSON_BYTES,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: NextResponse }> {
  let raw: unknown;
  try {
    raw = await readJsonBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return { ok: false, response: jsonError(413, `The request body is larger than ${limit} bytes`) };
    }
    return { ok: false, response: jsonError(400, (error as Error).message) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    return { ok: false, response: jsonError(400, errors[0]?.message ?? "Invalid request", { errors }) };
  }
  return { ok: true, data: parsed.data };
}
