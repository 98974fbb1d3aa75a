import "server-only";
import { env } from "@/lib/server/kernel/env";

/**
 * Set by server.mjs from the TCP socket on every request, overwriting anything the client sent under that
 * name, so it is the one address a client cannot choose.
 */
export const PEER_HEADER = "x-roundtrip-peer";

/** What the checks read of a request's headers: a web `Headers`, or server.mjs's direct path over node:http's. */
export type HeaderReader = Pick<Headers, "get">;

/**
 * The address rate limits count against. With `TRUST_PROXY=0` (the default) that is the socket's peer and
 * X-Forwarded-For / X-Real-IP are ignored. With `TRUST_PROXY=n`, the n proxies nearest to us each appended the
 * address they saw, so the client is the n-th entry from the right of [X-Forwarded-For…, socket peer]; entries
 * further left were written by the client and are never used.
 */
export function clientAddress(headers: HeaderReader, trustedHops = env().TRUST_PROXY): string {
  const peer = headers.get(PEER_HEADER)?.trim() || "unknown";
  if (trustedHops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer entries than trusted hops means the proxies are not set up as declared; the left-most is the best we have.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
}

/** The origins a same-origin request may carry: the public URL, and the address this request was sent to. */
function allowedOrigins(headers: HeaderReader, requestUrl: string): Set<string> {
  const origins = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  try {
    const url = new URL(requestUrl);
    const host = headers.get("host") ?? url.host;
    origins.add(`${url.protocol}//${host}`);
  } catch {
    // An unparsable URL adds nothing; the configured origin still applies.
  }
  return origins;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Cross-site request forgery check. A browser always sends Origin on a POST and Sec-Fetch-Site on every
 * request, so a foreign value in either is refused. `requireOrigin` (server actions, which only browsers call)
 * also refuses a request with no Origin at all; JSON APIs allow that for non-browser clients such as curl,
 * which carry no ambient cookies an attacker could borrow.
 */
export function checkOrigin(headers: HeaderReader, requestUrl: string, requireOrigin: boolean): OriginVerdict {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return { ok: false, reason: `Cross-site requests are refused (Sec-Fetch-Site: ${site}).` };
  const origin = headers.get("origin");
  if (!origin) return requireOrigin ? { ok: false, reason: "The request has no Origin header." } : { ok: true };
  if (!allowedOrigins(headers, requestUrl).has(origin)) return { ok: false, reason: "Requests from other origins are refused." };
  return { ok: true };
}
