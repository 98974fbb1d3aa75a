import { afterEach, describe, expect, it, vi } from "vitest";

// next.config.mjs fixes the response headers when the build runs; each case loads it afresh with its own
// NEXTAUTH_URL, as a build with that setting would.
type Header = { key: string; value: string };
async function headersFor(url: string | undefined): Promise<Header[]> {
  vi.resetModules();
  if (url === undefined) vi.stubEnv("NEXTAUTH_URL", undefined);
  else vi.stubEnv("NEXTAUTH_URL", url);
  // @ts-expect-error next.config.mjs is plain JavaScript without declarations
  const config = (await import("../../../next.config.mjs")).default as { headers: () => Promise<{ source: string; headers: Header[] }[]> };
  const rules = await config.headers();
  expect(rules.map((r) => r.source)).toEqual(["/:path*"]);
  return rules[0]!.headers;
}

const hsts = (headers: Header[]) => headers.find((h) => h.key.toLowerCase() === "strict-transport-security")?.value;

afterEach(() => vi.unstubAllEnvs());

describe("HSTS (issue #14, finding 6)", () => {
  it("is sent, for two years with subdomains, when the public URL is https", async () => {
    expect(hsts(await headersFor("https://roundtrip.example"))).toBe("max-age=63072000; includeSubDomains");
  });

  it("is not sent over plain http, nor when no public URL is configured", async () => {
    const plain = await headersFor("http://localhost:3000");
    expect(plain.some((h) => h.key === "X-Content-Type-Options")).toBe(true); // the other headers are still there
    expect(hsts(plain)).toBeUndefined();
    expect(hsts(await headersFor(undefined))).toBeUndefined();
  });
});
