// Loads Prisma's schema engine compiled to WebAssembly. The CLI's native engine cannot be downloaded here,
// and the package's own entry uses an ESM wasm import Node 20 cannot load, so it is instantiated by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
let loaded: Promise<void> | undefined;

function load(): Promise<void> {
  loaded ??= (async () => {
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    (bg as unknown as { __wbg_set_wasm: (e: WebAssembly.Exports) => void }).__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return loaded;
}

export type SchemaEngineHandle = Awaited<ReturnType<typeof bg.SchemaEngine.new>>;

export async function openSchemaEngine(connectionString: string, schema: { path: string; content: string }) {
  await load();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }) as never);
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter);
  return engine;
}
