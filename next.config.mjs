import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// Build-time check of whatever configuration is present; the full check runs when the server starts (lib/env.ts).
const buildEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
});
const checked = buildEnv.safeParse(process.env);
if (!checked.success) {
  throw new Error(`Invalid environment: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
}

// Content-Security-Policy is set per request in proxy.ts (a nonce for dynamic pages): lib/server/kernel/csp.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // HSTS only when the public URL is https (read when the build runs: headers are fixed at build time). Over plain
  // http the header is meaningless to browsers and, on a host later moved to https, would pin the wrong promise.
  ...(process.env.NEXTAUTH_URL?.startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

// V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): a file that starts with this comment
// has all its functions compiled on the background thread that parses the script while it downloads. Without it
// V8 compiles each function on the main thread the first time it runs, and the framework's files (React DOM, the
// router: every page runs them at start-up) are nearly all called then: that compiling was half of each page's
// longest task (Chromium trace: 85 of 150 ms in V8.CompileCode). Browsers without the feature read a comment.
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Prepends the compile hint to the framework's own chunks (every page's rootMainFiles), once, after compiling. */
async function hintFrameworkChunks({ distDir }) {
  const manifest = JSON.parse(await readFile(path.join(distDir, "build-manifest.json"), "utf8"));
  const files = z.object({ rootMainFiles: z.array(z.string()).min(1) }).parse(manifest).rootMainFiles;
  for (const file of files) {
    const full = path.join(distDir, file);
    const code = await readFile(full, "utf8");
    if (!code.startsWith(COMPILE_HINT)) await writeFile(full, COMPILE_HINT + code);
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own directory so they never replace the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // The evaluator pool starts worker threads from its own files; bundling piscina would break those paths.
  serverExternalPackages: ["piscina", "esbuild"],
  // `npm test` type-checks the whole project with tsc (and fails on any error); checking again inside every
  // `next build` would only double the build time of `npm start`.
  typescript: { ignoreBuildErrors: true },
  compress: true,
  compiler: { runAfterProductionCompile: hintFrameworkChunks },
  reactStrictMode: true,
  experimental: {
    authInterrupts: true,
    // Not inlineCss: measured, it copies the 67 kB stylesheet into each page three times (the <style> and twice in
    // the RSC payload, which every client navigation also fetches): the home page's HTML went from 25 kB to 229 kB.
    // Above the 1 MB proxy.ts and defineAction enforce, so ours answers first (with a 413, not Next's 500).
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
