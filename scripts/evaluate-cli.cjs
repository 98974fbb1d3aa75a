// The command-line evaluator's launcher: npm run -s evaluate -- <design.json> [--seed N] [--format json|text].
// tsx compiles TypeScript on every start, which made a one-design run cost ~7× a bare `node -e 0`. This plain
// CommonJS file instead runs scripts/evaluate.ts bundled by esbuild into one file, with V8's code cache beside it
// so the bundle is not parsed and compiled again on every run. The bundle is rebuilt whenever one of its inputs
// (every file esbuild read, node_modules included) is newer than it, so a clean clone, `npm install` and an
// edited evaluator all work without a separate build step. Everything lives under node_modules/.cache, which git
// ignores and a fresh install starts without. `node scripts/evaluate-cli.cjs --build` only (re)builds.
// CommonJS and synchronous on purpose: an ES module entry costs the start-up this file exists to save.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry on purpose (see above) */
"use strict";
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join, relative } = require("node:path");
const vm = require("node:vm");

const ROOT = join(__dirname, "..");
const ENTRY = join(ROOT, "scripts", "evaluate.ts");
const OUT_DIR = join(ROOT, "node_modules", ".cache", "roundtrip-cli");
const BUNDLE = join(OUT_DIR, "evaluate.cjs");
const MANIFEST = join(OUT_DIR, "evaluate.inputs.json");
const CODE_CACHE = join(OUT_DIR, "evaluate.cjs.v8");

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Writes a file under a temporary name and renames it, so a concurrent run never reads half of it. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** True when the bundle exists and no input it was built from has changed since (by modification time). */
function isFresh() {
  const built = mtime(BUNDLE);
  if (built === undefined) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(MANIFEST, "utf8")).inputs;
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const file of [relative(ROOT, ENTRY), ...inputs]) {
    const m = mtime(join(ROOT, file));
    if (m === undefined || m > built) return false;
  }
  return true;
}

/**
 * zod's namespace export carries every locale's error messages (~260 kB, half the bundle, all compiled at
 * start-up); the CLI prints English only, so the locale index is replaced by English alone.
 */
const englishOnlyZod = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: "zod-locales", namespace: "zod-en" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-en" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: ROOT,
    }));
  },
};

/** Bundles scripts/evaluate.ts into node_modules/.cache/roundtrip-cli/evaluate.cjs and records its inputs. */
async function buildCli() {
  const { build } = require("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    metafile: true,
    tsconfig: join(ROOT, "tsconfig.json"),
    logLevel: "error",
    plugins: [englishOnlyZod],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith("zod-en:"))
    .map((f) => relative(ROOT, join(ROOT, f)));
  const code = result.outputFiles[0];
  if (!code) throw new Error("esbuild produced no output");
  // The manifest goes first: a bundle never appears without the list of inputs that vouches for it.
  writeAtomic(MANIFEST, JSON.stringify({ inputs }));
  writeAtomic(BUNDLE, code.contents);
}

/** Runs the bundle as a CommonJS module, compiled from V8's code cache when it has one that fits. */
function runBundle() {
  const source = readFileSync(BUNDLE, "utf8");
  let cachedData;
  try {
    if ((mtime(CODE_CACHE) ?? 0) >= (mtime(BUNDLE) ?? Infinity)) cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, dirname(BUNDLE));
  // Made after the run, so the cache also holds the functions the run compiled lazily.
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      writeAtomic(CODE_CACHE, script.createCachedData());
    } catch {
      // A read-only checkout still runs, just without the cache.
    }
  }
}

if (process.argv[2] === "--build") {
  buildCli().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
} else if (isFresh()) {
  runBundle();
} else {
  buildCli().then(runBundle, (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
