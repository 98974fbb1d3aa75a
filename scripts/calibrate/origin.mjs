// The lab's origin: an HTTP server with a known service time, run behind nginx inside the server namespace.
// GET /app?bytes=N&ms=S waits S milliseconds, then answers N bytes. Usage: node origin.mjs <port>
import { createServer } from "node:http";

const MAX_BYTES = 4_000_000;
const MAX_MS = 10_000;
const port = Number(process.argv[2] ?? 8081);
const body = Buffer.alloc(MAX_BYTES, 0x61);

function bounded(value, max) {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://origin");
  const bytes = bounded(url.searchParams.get("bytes"), MAX_BYTES);
  const ms = bounded(url.searchParams.get("ms"), MAX_MS);
  if (url.pathname !== "/app" || bytes === undefined || ms === undefined) {
    res.writeHead(400, { "content-type": "text/plain" }).end("bytes (0..4000000) and ms (0..10000) are required\n");
    return;
  }
  setTimeout(() => {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes) });
    res.end(body.subarray(0, bytes));
  }, ms);
}).listen(port, "127.0.0.1", () => process.stdout.write(`origin listening on ${port}\n`));
