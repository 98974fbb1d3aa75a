import { describe, expect, it } from "vitest";
import { addServer, initialFlowServers, killOrRevive, routeRequest } from "@/lib/core/widgets/load-balancer/flow";

describe("W14 load-balancer flow", () => {
  it("spreads requests over every backend in turn", () => {
    const s = initialFlowServers();
    expect([0, 1, 2, 3, 4, 5].map((n) => routeRequest(s, n))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("reroutes to the healthy backends when one dies, and answers nothing when all are down", () => {
    const s = killOrRevive(initialFlowServers(), 1);
    const picks = Array.from({ length: 6 }, (_, n) => routeRequest(s, n));
    expect(picks).not.toContain(1);
    expect(new Set(picks)).toEqual(new Set([0, 2]));
    const none = [0, 1, 2].reduce((acc, i) => killOrRevive(acc, i), initialFlowServers());
    expect(routeRequest(none, 0)).toBeNull();
  });

  it("scales out by adding a backend", () => {
    const s = addServer(initialFlowServers());
    expect(s).toHaveLength(4);
    expect(routeRequest(s, 3)).toBe(3);
  });
});
