// `npm run diagrams`: renders every mermaid block under content/ to public/diagrams/<hash>.svg.
// Mermaid measures text with a real layout engine, so it runs in the system Chromium, offline, on a blank page.
// Pages then reference the files, so chapters stay static and readable without JavaScript.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { findMermaidBlocks, type MermaidBlock } from "../lib/content/diagrams.ts";
import { CHROMIUM_ARGS, findChromium } from "./lib/chromium.ts";

const ROOT = process.cwd();
const OUT_DIR = path.join(ROOT, "public", "diagrams");
const MERMAID = path.join(ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith(".md") ? [full] : [];
  });
}

async function main() {
  const force = process.argv.includes("--force");
  const blocks = new Map<string, MermaidBlock & { file: string }>();
  const problems: string[] = [];
  for (const file of markdownFiles(path.join(ROOT, "content"))) {
    for (const block of findMermaidBlocks(readFileSync(file, "utf8"))) {
      const where = `${path.relative(ROOT, file)}:${block.line}`;
      if (!block.alt) problems.push(`${where}: the diagram's first line must be "%% alt: <text alternative>"`);
      blocks.set(block.hash, { ...block, file: where });
    }
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
  mkdirSync(OUT_DIR, { recursive: true });

  const todo = [...blocks.values()].filter((b) => force || !existsSync(path.join(OUT_DIR, `${b.hash}.svg`)));
  console.log(`${blocks.size} diagrams in content/, ${todo.length} to render`);
  if (todo.length > 0) {
    const executablePath = findChromium();
    if (!executablePath) throw new Error("No Chromium found: install it or set CHROME_PATH (see scripts/lib/chromium.ts).");
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      // Nothing on the page may reach the network: mermaid and its fonts come from the local bundle.
      await page.route("**/*", (route) => route.abort());
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: readFileSync(MERMAID, "utf8") });
      await page.evaluate(() => {
        const m = (window as unknown as { mermaid: { initialize: (c: object) => void } }).mermaid;
        m.initialize({
          startOnLoad: false,
          securityLevel: "strict",
          theme: "default",
          fontFamily: "Arial, Helvetica, sans-serif",
          // Plain SVG text instead of HTML labels: the file is shown through <img>, where foreignObject is unreliable.
          htmlLabels: false,
          flowchart: { htmlLabels: false, useMaxWidth: false },
          sequence: { useMaxWidth: false },
        });
      });
      for (const block of todo) {
        const svg = await page.evaluate(
          async ({ id, source }) => {
            const m = (window as unknown as { mermaid: { render: (id: string, s: string) => Promise<{ svg: string }> } }).mermaid;
            return (await m.render(id, source)).svg;
          },
          { id: `d${block.hash}`, source: block.source },
        );
        writeFileSync(path.join(OUT_DIR, `${block.hash}.svg`), `${svg}\n`);
        console.log(`  rendered ${block.hash}.svg  (${block.file})`);
      }
    } finally {
      await browser.close();
    }
  }

  // Files no chapter refers to any more are stale copies of edited diagrams.
  for (const name of readdirSync(OUT_DIR)) {
    if (name.endsWith(".svg") && !blocks.has(name.slice(0, -4))) {
      rmSync(path.join(OUT_DIR, name));
      console.log(`  removed stale ${name}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
