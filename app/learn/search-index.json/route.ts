import { buildSearchIndexJson } from "@/lib/content/search";

// Built once at build time and served as a static file.
export const dynamic = "force-static";

export function GET() {
  return new Response(buildSearchIndexJson(), {
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
