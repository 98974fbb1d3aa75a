import { describe, expect, it } from "vitest";
import { canRedo, canUndo, createHistory, pushHistory, redo, replacePresent, undo } from "@/lib/core/canvas/history";

describe("undo/redo history", () => {
  it("undoes and redoes in order", () => {
    let h = createHistory("a");
    h = pushHistory(h, "b");
    h = pushHistory(h, "c");
    expect(h.present).toBe("c");
    h = undo(h);
    expect(h.present).toBe("b");
    h = undo(h);
    expect(h.present).toBe("a");
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe("b");
    h = redo(h);
    expect(h.present).toBe("c");
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it("drops the redo branch when a new step is recorded", () => {
    let h = pushHistory(pushHistory(createHistory(1), 2), 3);
    h = undo(undo(h));
    h = pushHistory(h, 10);
    expect(h.present).toBe(10);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(1);
  });

  it("replacing the present adds no undo step", () => {
    let h = pushHistory(createHistory("a"), "b");
    h = replacePresent(h, "b*");
    expect(h.present).toBe("b*");
    expect(undo(h).present).toBe("a");
    expect(redo(undo(h)).present).toBe("b*");
  });

  it("keeps at most `limit` past entries and ignores pushing the same state", () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
    expect(pushHistory(h, h.present)).toBe(h);
  });
});
