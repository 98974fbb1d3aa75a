import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/signup/route";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/server/kernel/db";

function request(body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request("http://localhost/api/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json", "x-roundtrip-peer": `198.51.100.${Math.floor(Math.random() * 250)}`, ...headers },
    body: text,
  });
}

const email = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

describe("POST /api/auth/signup", () => {
  it("creates a candidate with an argon2id hash, never the plain password", async () => {
    const address = email("ok");
    const res = await POST(request({ name: "Ola", email: address.toUpperCase(), password: "a-long-password" }));
    expect(res.status).toBe(202);
    const user = await db.user.findUniqueOrThrow({ where: { email: address } });
    expect(user.role).toBe("CANDIDATE");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword(user.passwordHash, "a-long-password")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "wrong-password")).toBe(false);
  });

  it("names each bad field with 400 and stores nothing", async () => {
    const address = email("bad");
    const res = await POST(request({ name: "", email: address, password: "short" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(["name", "password"]);
    expect(await db.user.count({ where: { email: address } })).toBe(0);
    const invalidEmail = await POST(request({ name: "X", email: "not-an-email", password: "long-enough-1" }));
    expect(invalidEmail.status).toBe(400);
    expect(((await invalidEmail.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("email");
  });

  it("answers a taken email exactly as a new one (no enumeration) and changes nothing", async () => {
    const address = email("dup");
    const fresh = await POST(request({ name: "A", email: address, password: "long-enough-1" }));
    const before = await db.user.findUniqueOrThrow({ where: { email: address } });
    const taken = await POST(request({ name: "B", email: address.toUpperCase(), password: "long-enough-2" }));
    expect(taken.status).toBe(fresh.status);
    expect(await taken.text()).toBe(await fresh.text());
    expect(await db.user.count({ where: { email: address } })).toBe(1);
    const after = await db.user.findUniqueOrThrow({ where: { email: address } });
    expect([after.name, after.passwordHash]).toEqual([before.name, before.passwordHash]);
  });

  it("refuses passwords that are long enough but easy to guess, naming the field", async () => {
    for (const password of ["password1234", "qwertyuiop12", "iloveyou1234"]) {
      const address = email("weak");
      const res = await POST(request({ name: "Wes", email: address, password }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(body.errors[0]?.path).toBe("password");
      expect(await db.user.count({ where: { email: address } })).toBe(0);
    }
    // The user's own name and email count as guessable words.
    const mine = email("ownname");
    const own = await POST(request({ name: "Bartholomew", email: mine, password: "bartholomew1" }));
    expect(own.status).toBe(400);
  });

  it("answers 413 for an oversized body and 400 for malformed JSON", async () => {
    const huge = JSON.stringify({ name: "x".repeat(20_000), email: email("big"), password: "long-enough-1" });
    expect((await POST(request(huge))).status).toBe(413);
    expect((await POST(request("{not json"))).status).toBe(400);
  });

  it("limits sign-ups per email with 429 and Retry-After", async () => {
    const address = email("limit");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await POST(request({ name: "L", email: address, password: "long-enough-1" }, { "x-roundtrip-peer": `203.0.113.${i}` }));
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
