import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/kernel/db";
import { markSectionSchema, mergeProgressSchema, sectionRefSchema } from "@/lib/schemas/progress";
import { AppError } from "@/lib/server/kernel/errors";
import { listProgress, markSection, mergeProgress, unmarkSection } from "@/lib/server/progress/sections";

async function newUser(tag: string) {
  return db.user.create({
    data: { email: `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`, name: tag, passwordHash: "x" },
  });
}

describe("section progress", () => {
  it("marks a section once, keeps the first source, and unmarks it", async () => {
    const user = await newUser("mark");
    const first = await markSection(user.id, { chapter: "tcp-connections", section: "three-way-handshake", source: "scroll" });
    expect(first).toMatchObject({ chapter: "tcp-connections", section: "three-way-handshake", source: "scroll" });
    const again = await markSection(user.id, { chapter: "tcp-connections", section: "three-way-handshake", source: "manual" });
    expect(again.source).toBe("scroll");
    expect(again.completedAt).toBe(first.completedAt);
    expect(await db.sectionProgress.count({ where: { userId: user.id } })).toBe(1);

    expect(await unmarkSection(user.id, { chapter: "tcp-connections", section: "three-way-handshake" })).toEqual({ removed: true });
    expect(await unmarkSection(user.id, { chapter: "tcp-connections", section: "three-way-handshake" })).toEqual({ removed: false });
    expect(await listProgress(user.id)).toEqual([]);
  });

  it("refuses unknown chapters and sections with a 400 naming the field, and stores nothing", async () => {
    const user = await newUser("bad");
    const attempt = (chapter: string, section: string) => markSection(user.id, { chapter, section, source: "manual" });
    await expect(attempt("no-such-chapter", "summary")).rejects.toThrow(/^chapter: there is no chapter "no-such-chapter"/);
    await expect(attempt("dns", "no-such-section")).rejects.toThrow(/^section: /);
    // Summary and further reading are not lessons and do not count.
    await expect(attempt("dns", "summary")).rejects.toBeInstanceOf(AppError);
    await expect(attempt("dns", "summary")).rejects.toMatchObject({ status: 400 });
    expect(await db.sectionProgress.count({ where: { userId: user.id } })).toBe(0);
  });

  it("merges a browser's progress idempotently, skipping unknown ids and keeping existing records", async () => {
    const user = await newUser("merge");
    await markSection(user.id, { chapter: "dns", section: "ttl", source: "manual" });
    const local = [
      { chapter: "dns", section: "ttl" },
      { chapter: "dns", section: "record-types" },
      { chapter: "caching", section: "cdn" },
      { chapter: "caching", section: "cdn" },
      { chapter: "caching", section: "made-up" },
      { chapter: "nope", section: "cdn" },
      { chapter: "dns", section: "summary" },
    ];
    const first = await mergeProgress(user.id, local);
    expect(first.added).toBe(2);
    expect(first.ignored).toBe(3);
    expect(first.progress.map((p) => `${p.chapter}#${p.section}:${p.source}`).sort()).toEqual([
      "caching#cdn:merged",
      "dns#record-types:merged",
      "dns#ttl:manual",
    ]);
    const second = await mergeProgress(user.id, local);
    expect(second.added).toBe(0);
    expect(second.progress).toEqual(first.progress);
    expect(await db.sectionProgress.count({ where: { userId: user.id } })).toBe(3);
  });

  it("each user sees only their own progress", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    await markSection(alice.id, { chapter: "latency", section: "tail-latency", source: "manual" });
    await mergeProgress(bob.id, [{ chapter: "tls", section: "handshake" }]);
    expect((await listProgress(alice.id)).map((p) => p.section)).toEqual(["tail-latency"]);
    expect((await listProgress(bob.id)).map((p) => p.section)).toEqual(["handshake"]);
    await unmarkSection(bob.id, { chapter: "latency", section: "tail-latency" });
    expect(await listProgress(alice.id)).toHaveLength(1);
  });

  it("leaves out records whose section no longer exists", async () => {
    const user = await newUser("stale");
    await db.sectionProgress.create({ data: { userId: user.id, chapter: "dns", section: "renamed-long-ago" } });
    await markSection(user.id, { chapter: "dns", section: "ttl", source: "manual" });
    expect((await listProgress(user.id)).map((p) => p.section)).toEqual(["ttl"]);
  });
});

describe("progress input schemas", () => {
  it("name the bad field", () => {
    const bad = markSectionSchema.safeParse({ chapter: "DNS!", section: "ttl", source: "telepathy" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["chapter", "source"]);
    expect(sectionRefSchema.safeParse({ chapter: "dns" }).error?.issues[0]?.path).toEqual(["section"]);
    expect(mergeProgressSchema.safeParse({ sections: Array.from({ length: 501 }, () => ({ chapter: "a", section: "b" })) }).success).toBe(false);
    expect(markSectionSchema.parse({ chapter: "dns", section: "ttl" }).source).toBe("manual");
  });
});
