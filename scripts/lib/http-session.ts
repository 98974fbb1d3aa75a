// A signed-in HTTP client for scripts and cluster tests: the next-auth credentials flow a browser goes
// through (CSRF token, then the form post), keeping cookies in a jar.
import { readFileSync } from "node:fs";
import path from "node:path";

export type CookieJar = Map<string, string>;

export function keepCookies(res: Response, jar: CookieJar): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

export const cookieHeader = (jar: CookieJar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in at `base` and returns the Cookie header that carries the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar: CookieJar = new Map();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keepCookies(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return cookieHeader(jar);
}

/**
 * The id Next gave a server action in a build (from its server-reference manifest), so a script can call the
 * action over HTTP the way the browser's form does.
 */
export function serverActionId(distDir: string, sourceFile: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === sourceFile && entry.exportedName === exportName) return id;
  }
  throw new Error(`no server action ${exportName} from ${sourceFile} in ${distDir}`);
}

/** Calls a server action as React's client does: POST to a page with Next-Action; returns the RSC payload text. */
export async function callServerAction(base: string, pagePath: string, actionId: string, args: unknown[], cookie: string): Promise<Response> {
  return fetch(`${base}${pagePath}`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": actionId,
      origin: base,
      cookie,
    },
    body: JSON.stringify(args),
  });
}
