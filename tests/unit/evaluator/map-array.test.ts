import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mapArray } from "@/lib/core/util/arrays";

// mapArray exists for one property of V8 (util/arrays.ts): the array it returns has the same elements kind whether
// its caller runs in the interpreter or optimised, which Array.prototype.map's does not. Checked in a child node
// with V8's natives syntax, on this very function's source.
function elementsKinds(): { map: boolean[]; mapArray: boolean[] } {
  const script = `
    const mapArray = ${mapArray.toString()};
    const xs = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const viaMap = (ys) => ys.map((y) => y.id);
    const viaMapArray = (ys) => mapArray(ys, (y) => y.id);
    // Holey or not, from the interpreter and then with the producer and its caller optimised.
    const kinds = (f, producer) => {
      const out = [%HasHoleyElements(f(xs))];
      for (const g of [producer, f]) {
        %PrepareFunctionForOptimization(g);
        f(xs);
        f(xs);
        %OptimizeFunctionOnNextCall(g);
        f(xs);
      }
      out.push(%HasHoleyElements(f(xs)));
      return out;
    };
    console.log(JSON.stringify({ map: kinds(viaMap, viaMap), mapArray: kinds(viaMapArray, mapArray) }));
  `;
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { map: boolean[]; mapArray: boolean[] };
}

describe("mapArray", () => {
  it("maps like Array.prototype.map: each element with its index, in order", () => {
    const xs = ["a", "b", "c"];
    expect(mapArray(xs, (x, i) => `${x}${i}`)).toEqual(xs.map((x, i) => `${x}${i}`));
    expect(mapArray([], (x) => x)).toEqual([]);
  });

  it("returns a packed array in the interpreter and in optimised code, where map's turns holey", () => {
    const kinds = elementsKinds();
    expect(kinds.mapArray).toEqual([false, false]);
    // Why the helper exists. Should a V8 release make map's result packed in optimised code too, this fails and
    // mapArray can go back to being map.
    expect(kinds.map).toEqual([false, true]);
  });
});
