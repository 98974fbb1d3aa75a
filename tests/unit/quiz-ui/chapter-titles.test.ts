import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chapterInfo } from "@/lib/server/quiz/chapter-titles";

describe("chapterInfo", () => {
  it("numbers every chapter as its front matter does, even where the numbering has gaps", () => {
    const dir = path.join(process.cwd(), "content", "chapters");
    const files = readdirSync(dir).filter((f) => f.endsWith(".md"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), "utf8");
      const slug = /^slug:\s*([a-z0-9-]+)\s*$/m.exec(text)?.[1] as string;
      const number = Number(/^number:\s*(\d+)\s*$/m.exec(text)?.[1]);
      expect(chapterInfo().get(slug)?.number, slug).toBe(number);
    }
    expect(chapterInfo().get("rate-limiting")?.number).toBe(18);
  });
});
