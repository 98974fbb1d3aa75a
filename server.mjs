// The production server: Next's request handler behind a plain Node HTTP server, so the app can learn the
// TCP peer's address. `next start` keeps a client-sent X-Forwarded-For as it is, which would let a client
// choose its own rate-limit bucket; here every request carries the socket address in x-roundtrip-peer,
// overwriting anything the client sent under that name (lib/server/kernel/request.ts decides what to trust).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { createLoadShedder, sheddingSettings } from "./lib/server/kernel/load-shedding.mjs";
import { createDirectRoutes } from "./server-direct-routes.mjs";
import { createStaticPages } from "./server-static-pages.mjs";
import { databaseCanWrite, databaseFailedRecently, guardDocumentResponse, isDocumentRequest } from "./server-unavailable.mjs";

const PEER_HEADER = "x-roundtrip-peer";

function parsePort(argv) {
  const i = argv.findIndex((a) => a === "-p" || a === "--port");
  return Number(i >= 0 ? argv[i + 1] : process.env.PORT ?? 3000);
}

// Bad knobs stop the start with one line per variable, before Next loads.
let shedding;
try {
  shedding = createLoadShedder(sheddingSettings(process.env));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const port = parsePort(process.argv.slice(2));
const dev = process.argv.includes("--dev");
const app = next({ dev, hostname: "localhost", port });
const handle = app.getRequestHandler();

await app.prepare();
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
// Prerendered pages from memory, compressed once (server-static-pages.mjs); not in development, where pages change.
const serveStaticPage = dev ? () => false : createStaticPages({ distDir, origin: `http://127.0.0.1:${port}` });
// Hot API routes straight into their own handler, past Next's router (server-direct-routes.mjs); not in development,
// where Next compiles routes on demand.
const serveDirect = dev
  ? () => false
  : await createDirectRoutes({ distDir, log: (m) => console.log(`> ${m}`), enabled: process.env.DIRECT_ROUTES !== "off" });
const server = createServer((req, res) => {
  if (serveStaticPage(req, res)) return;
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
  const run = () => {
    // A page that failed because the database is down, read-only or full answers with the designed 503 page. The
    // probe comes first: by the time it answers, the page's own error has been recorded (onRequestError).
    if (isDocumentRequest(req))
      guardDocumentResponse(res, async () => (await databaseCanWrite(process.env.DATABASE_URL)) && !databaseFailedRecently());
    return serveDirect(req, res) || handle(req, res);
  };
  // At most SHED_MAX_IN_FLIGHT at once, SHED_MAX_QUEUE waiting; the rest get 503 + Retry-After at once.
  shedding.admit(req, res, run);
});
server.listen(port, () => {
  console.log(`> Roundtrip listening on http://localhost:${port} (${dev ? "development" : "production"})`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
