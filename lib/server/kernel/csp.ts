import { createHash, randomBytes } from "node:crypto";
import { THEME_SCRIPT } from "@/lib/security/theme-script";

// Content-Security-Policy, built per request in proxy.ts. See docs/security.md ("Content Security Policy").

/** The one inline script we ship ourselves (theme before first paint), allowed by hash on every page. */
const THEME_HASH = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;

/**
 * Pages prerendered at build time: no request exists when their HTML is written, so Next cannot put a nonce on
 * their inline bootstrap scripts. They show only our own content (chapters, glossary, checklist, the sign-in
 * and sign-up forms, the landing page and the signed-out sandbox) and keep a static policy. Everything else
 * renders per request and gets a nonce.
 */
export const STATIC_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/learn(\/(checklist|glossary|search-index\.json|[a-z0-9-]+))?\/?$/,
  /^\/sign-in\/?$/,
  /^\/sign-up\/?$/,
  /^\/practice\/sandbox\/?$/,
];

export function isStaticPage(pathname: string): boolean {
  return STATIC_PAGES.some((re) => re.test(pathname));
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

function policy(scriptSrc: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // React Flow, recharts and Tailwind's runtime set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** For pages rendered per request: only scripts carrying this request's nonce (and what they load) run. */
export function noncePolicy(nonce: string, dev: boolean): string {
  return policy(`'self' 'nonce-${nonce}' 'strict-dynamic' ${THEME_HASH}${dev ? " 'unsafe-eval'" : ""}`);
}

/** For prerendered pages of our own content: Next's inline bootstrap scripts have no nonce, so inline is allowed. */
export function staticPolicy(dev: boolean): string {
  return policy(`'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`);
}
