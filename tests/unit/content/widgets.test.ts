import { describe, expect, it } from "vitest";
import { coreEntries } from "@/components/widgets/entries-core";
import { extraEntries } from "@/components/widgets/entries-extra";
import { coreLoaders } from "@/components/widgets/loaders-core";
import { extraLoaders } from "@/components/widgets/loaders-extra";
import { WIDGET_CATALOGUE, widgetEntries } from "@/components/widgets/registry";

describe("widget registry", () => {
  it("merges both entry files, each entry filed under its own id", () => {
    expect(Object.keys(widgetEntries).sort()).toEqual([...Object.keys(coreEntries), ...Object.keys(extraEntries)].sort());
    for (const [key, entry] of Object.entries(widgetEntries)) {
      expect(entry.id).toBe(key);
      expect(entry.title.length).toBeGreaterThan(3);
      expect(typeof entry.Static).toBe("function");
    }
  });

  it("core holds W1–W15 (W13–W14 are modes of core widgets) and extra W16–W28, entries and loaders alike, all in the catalogue", () => {
    const n = (id: string) => Number(id.slice(1));
    for (const id of [...Object.keys(coreEntries), ...Object.keys(coreLoaders)]) expect(n(id) >= 1 && n(id) <= 15, id).toBe(true);
    for (const id of [...Object.keys(extraEntries), ...Object.keys(extraLoaders)]) expect(n(id) >= 16 && n(id) <= 28, id).toBe(true);
    for (const id of [...Object.keys(widgetEntries), ...Object.keys(coreLoaders), ...Object.keys(extraLoaders)]) expect(WIDGET_CATALOGUE[id], id).toBeDefined();
  });

  it("names the 27 widgets of the brief and W28 (issue 16), numbered without gaps", () => {
    expect(Object.keys(WIDGET_CATALOGUE)).toEqual(Array.from({ length: 28 }, (_, i) => `W${i + 1}`));
  });
});
