import { NextResponse, type NextRequest } from "next/server";
import { gateServerAction } from "@/lib/server/kernel/action-gate";
import { isStaticPage, newNonce, noncePolicy, staticPolicy } from "@/lib/server/kernel/csp";
import { env } from "@/lib/server/kernel/env";

/**
 * Runs before every page, route and server action (Next 16's proxy, formerly middleware).
 * 1. Server actions pass lib/server/kernel/action-gate.ts first (same-origin Origin, size, well-formed body),
 *    so Next never answers a hostile one with a 500.
 * 2. A per-request nonce Content-Security-Policy for dynamically rendered pages; prerendered pages of our
 *    own content get the static policy (lib/server/kernel/csp.ts lists them).
 */
export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refused = await gateServerAction(request);
    if (refused) return refused;
  }
  const dev = env().NODE_ENV === "development";
  if (isStaticPage(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", staticPolicy(dev));
    return response;
  }
  const nonce = newNonce();
  const csp = noncePolicy(nonce, dev);
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Route handlers under /api answer JSON, not pages: they need no nonce, and defineRoute does their origin and size
// checks itself. Keeping the proxy off them also spares the request thread a buffered copy of every body (a 1 MB
// design on POST /api/evaluate), which delayed /api/health during evaluation bursts.
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
