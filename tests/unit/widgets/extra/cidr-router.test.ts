import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTES, normaliseRoute, parseCidr, routeFor } from "@/lib/core/widgets/cidr-router";

function info(text: string) {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error);
  return r.info;
}

describe("W19 CIDR calculator", () => {
  it("matches the chapter's CIDR table for /8, /16, /24, /28 and /32", () => {
    const rows = ["10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "10.0.0.0/28", "10.0.0.1/32"].map(info);
    expect(rows.map((r) => [r.mask, r.addresses, r.usableHosts])).toEqual([
      ["255.0.0.0", 16_777_216, 16_777_214],
      ["255.255.0.0", 65_536, 65_534],
      ["255.255.255.0", 256, 254],
      ["255.255.255.240", 16, 14],
      ["255.255.255.255", 1, 1],
    ]);
  });
  it("a /24 has 256 addresses and 254 usable hosts between network and broadcast", () => {
    const r = info("192.168.1.0/24");
    expect([r.network, r.broadcast, r.firstUsable, r.lastUsable]).toEqual(["192.168.1.0", "192.168.1.255", "192.168.1.1", "192.168.1.254"]);
    expect(r.privateRange).toBe("192.168.0.0/16");
  });
  it("normalises host bits and flags them", () => {
    const r = info("10.0.1.77/24");
    expect(r.cidr).toBe("10.0.1.0/24");
    expect(r.hostBitsSet).toBe(true);
  });
  it("highlights private ranges only when the whole block is private", () => {
    expect(info("172.20.0.0/16").privateRange).toBe("172.16.0.0/12");
    expect(info("172.0.0.0/8").privateRange).toBeUndefined();
    expect(info("203.0.113.0/24").privateRange).toBeUndefined();
  });
  it("explains /0 and /31", () => {
    expect(info("0.0.0.0/0").note).toMatch(/default route/);
    expect(info("10.0.0.0/31").usableHosts).toBe(2);
  });
  it("rejects malformed input with a message naming the problem", () => {
    for (const bad of ["10.0.0.0", "10.0.0/8", "10.0.0.300/8", "10.0.0.0/33", "abc"]) {
      const r = parseCidr(bad);
      expect(r.ok, bad).toBe(false);
    }
    const r = parseCidr("10.0.0.0/33");
    expect(r.ok === false && r.error).toMatch(/0 and 32/);
  });
});

describe("W19 longest-prefix router", () => {
  const pick = (ip: string) => {
    const d = routeFor(ip, DEFAULT_ROUTES);
    if (!d.ok) throw new Error(d.error);
    return d;
  };
  it("the most specific matching route wins", () => {
    expect(pick("10.0.3.20").winner?.cidr).toBe("10.0.3.20/32");
    expect(pick("10.0.3.21").winner?.cidr).toBe("10.0.3.0/24");
    expect(pick("10.0.9.9").winner?.cidr).toBe("10.0.0.0/16");
    expect(pick("10.0.3.20").rows.filter((r) => r.matches).map((r) => r.cidr)).toEqual(["0.0.0.0/0", "10.0.0.0/16", "10.0.3.0/24", "10.0.3.20/32"]);
  });
  it("the default route catches everything else", () => {
    expect(pick("198.51.100.7").winner?.cidr).toBe("0.0.0.0/0");
    expect(pick("192.0.2.44").winner?.cidr).toBe("192.0.2.0/24");
  });
  it("without a default route, an unmatched destination has no route", () => {
    const d = routeFor("198.51.100.7", DEFAULT_ROUTES.filter((r) => r.cidr !== "0.0.0.0/0"));
    expect(d.ok && d.winner).toBeUndefined();
  });
  it("rejects a bad destination and validates new routes", () => {
    expect(routeFor("10.0.0", DEFAULT_ROUTES).ok).toBe(false);
    expect(normaliseRoute("10.0.4.9/24", "Peering", DEFAULT_ROUTES)).toEqual({ ok: true, route: { cidr: "10.0.4.0/24", target: "Peering" } });
    expect(normaliseRoute("10.0.3.0/24", "Dup", DEFAULT_ROUTES)).toMatchObject({ ok: false, field: "cidr" });
    expect(normaliseRoute("10.0.4.0/24", "  ", DEFAULT_ROUTES)).toMatchObject({ ok: false, field: "target" });
    expect(normaliseRoute("nope", "x", DEFAULT_ROUTES)).toMatchObject({ ok: false, field: "cidr" });
  });
});
