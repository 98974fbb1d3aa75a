import { describe, expect, it } from "vitest";
import { sectionTitle } from "@/lib/server/quiz/chapter-titles";
import { readNextFor } from "@/lib/server/quiz/read-next";

describe("readNextFor", () => {
  it("lists the sections behind missed questions, most missed first, without duplicates", () => {
    const next = readNextFor([
      { chapter: "dns", section: "ttl", score: 1 },
      { chapter: "dns", section: "record-types", score: 0 },
      { chapter: "tls", section: "handshake", score: 0.5 },
      { chapter: "tls", section: "handshake", score: 0 },
    ]);
    expect(next.map((n) => `${n.chapter}#${n.section}:${n.missed}`)).toEqual(["tls#handshake:2", "dns#record-types:1"]);
    expect(next[0]?.href).toBe("/learn/tls#handshake");
  });

  it("is empty when everything was right", () => {
    expect(readNextFor([{ chapter: "dns", section: "ttl", score: 1 }])).toEqual([]);
  });

  it("takes section titles from the chapter headings", () => {
    expect(sectionTitle("dns", "what-dns-is")).toBe("What DNS is");
    expect(sectionTitle("dns", "ttl")).toBe("TTL: the failover dial");
  });
});
