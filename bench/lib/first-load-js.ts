// First-load JS of a prerendered page, split into the framework's share and ours, from the page's own HTML and
// the build manifest: what a first visit downloads, counted as gzip -9 bytes (what a plain HTTP server sends).
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";

const buildManifestSchema = z.object({ rootMainFiles: z.array(z.string()), polyfillFiles: z.array(z.string()).default([]) });

export type FirstLoadJs = {
  /** gzipped bytes of Next's root main files (runtime, React, the router): every App Router page loads them. */
  framework: number;
  frameworkFiles: number;
  /** gzipped bytes of every other script the page loads: our components and what they import. */
  ours: number;
  oursFiles: number;
  oursList: { file: string; gzip: number }[];
};

/** Script files (under /_next/) the HTML loads at first paint, polyfills for old browsers (nomodule) excluded. */
export function scriptsOf(html: string): string[] {
  const files = new Set<string>();
  for (const tag of html.matchAll(/<script\b[^>]*>/g)) {
    if (/\bnomodule\b/i.test(tag[0])) continue;
    const src = /\bsrc="\/_next\/([^"?]+)/.exec(tag[0])?.[1];
    if (src) files.add(src);
  }
  return [...files];
}

export function firstLoadJs(distDir: string, html: string): FirstLoadJs {
  const manifest = buildManifestSchema.parse(JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")));
  const framework = new Set(manifest.rootMainFiles);
  const result: FirstLoadJs = { framework: 0, frameworkFiles: 0, ours: 0, oursFiles: 0, oursList: [] };
  for (const file of scriptsOf(html)) {
    const gzip = gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
    if (framework.has(file)) {
      result.framework += gzip;
      result.frameworkFiles++;
    } else {
      result.ours += gzip;
      result.oursFiles++;
      result.oursList.push({ file, gzip });
    }
  }
  result.oursList.sort((a, b) => b.gzip - a.gzip);
  return result;
}
