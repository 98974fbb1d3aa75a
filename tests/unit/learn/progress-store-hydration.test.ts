// @vitest-environment jsdom
import { act, createElement } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useProgress } from "@/components/learn/progress-store";

// A chapter hydrates ten or so islands that read the progress store (the progress bar, each section's toggle, both
// tables of contents, the read tracker). Hydrating them must not cost a second, synchronous render of each.

describe("progress store at hydration", () => {
  it("hydrates each reader once: the browser's first state is the server's snapshot", async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const modes: string[] = [];
    const Reader = () => {
      const { mode, done } = useProgress();
      modes.push(mode);
      return createElement("p", null, `${mode}: ${done.size}`);
    };
    const container = document.createElement("div");
    container.innerHTML = renderToString(createElement(Reader));
    document.body.append(container);
    modes.length = 0;

    const root = await act(async () => hydrateRoot(container, createElement(Reader)));
    // Before: 2 renders (the hydrating one, then a forced re-render once the store was found to differ).
    expect(modes).toEqual(["loading"]);
    expect(container.textContent).toBe("loading: 0");
    await act(async () => root.unmount());
  });
});
