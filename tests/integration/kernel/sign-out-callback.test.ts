import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";

// next-auth answered a sign-out (or sign-in) whose callbackUrl is not a URL with a 500; the route now refuses it
// first, naming the field.

const context = (path: string) => ({ params: Promise.resolve({ nextauth: path.split("/") }) });

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost:3000/api/auth/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", host: "localhost:3000", origin: "http://localhost:3000", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("next-auth POST guard", () => {
  it("answers a malformed callbackUrl with 400 naming it", async () => {
    for (const callbackUrl of ["http://[::1", "//evil.example/x", "javascript:alert(1)", "ht!tp://x"]) {
      const res = await POST(form("signout", { csrfToken: "t", callbackUrl, json: "true" }), context("signout"));
      expect([callbackUrl, res.status]).toEqual([callbackUrl, 400]);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe("callbackUrl");
    }
  });

  it("answers a malformed callback-url cookie the same way", async () => {
    const res = await POST(form("signout", { csrfToken: "t" }, { cookie: "next-auth.callback-url=http%3A%2F%2F%5B%3A%3A1" }), context("signout"));
    expect(res.status).toBe(400);
  });

  it("answers a NUL byte in a field with 400 and a foreign origin with 403", async () => {
    const nul = await POST(form("callback/credentials", { email: "a\u0000@example.test", password: "x" }), context("callback/credentials"));
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { field: string } }).error.field).toBe("email");
    const foreign = await POST(form("signout", { csrfToken: "t" }, { origin: "https://evil.example" }), context("signout"));
    expect(foreign.status).toBe(403);
  });
});
