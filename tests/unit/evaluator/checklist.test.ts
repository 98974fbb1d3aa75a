import { describe, expect, it } from "vitest";
import { CHAPTER_SECTIONS, CHECKLIST_IDS, CHECKLIST_LINKS, FINDING_LINKS } from "@/lib/core/evaluator/index";
import { checklist, edge, evalOk, good, node, type Doc } from "./helpers";

const status = (mutate: (d: Doc) => void, id: string) => {
  const d = good();
  mutate(d);
  return checklist(evalOk(d), id);
};

describe("network design checklist", () => {
  it("has the 10 ids in the material's order, and the good design passes all that apply", () => {
    const r = evalOk(good());
    expect(r.checklist.map((c) => c.id)).toEqual([...CHECKLIST_IDS]);
    // The material's order, written out independently of the constant so a reordering fails here.
    expect(CHECKLIST_IDS.join(" ")).toBe("private-services edge-tls edge-http2 bounded-pools keep-alive dns-ttl global-entry cors-origins tls-versions compression");
    expect(r.checklist.filter((c) => c.status === "fail")).toEqual([]);
  });
  it("private-services", () => {
    expect(status((d) => (node(d, "api").zone = "public"), "private-services")).toBe("fail");
    expect(status((d) => (edge(d, "e-edge").to = "api"), "private-services")).toBe("fail");
  });
  it("edge-tls: TLS at the edge with a managed certificate", () => {
    expect(status((d) => (node(d, "lb").props.certificate = "self_signed"), "edge-tls")).toBe("fail");
    expect(status((d) => (node(d, "lb").props.tlsTermination = false), "edge-tls")).toBe("fail");
  });
  it("edge-http2", () => {
    expect(status((d) => (node(d, "lb").props.http = "1.1"), "edge-http2")).toBe("fail");
    expect(status((d) => (edge(d, "e-edge").props.httpVersion = "1.1"), "edge-http2")).toBe("fail");
    expect(status((d) => (node(d, "lb").props.http = "3"), "edge-http2")).toBe("pass");
  });
  it("bounded-pools: n/a without databases", () => {
    expect(status((d) => delete edge(d, "e-db").props.poolSize, "bounded-pools")).toBe("fail");
    expect(status((d) => (edge(d, "e-db").props.poolSize = 500), "bounded-pools")).toBe("fail");
    expect(status((d) => (d.edges = d.edges.filter((e: Doc) => e.id !== "e-db")), "bounded-pools")).toBe("n/a");
  });
  it("keep-alive on internal HTTP", () => {
    expect(status((d) => (edge(d, "e-api").props.keepAlive = false), "keep-alive")).toBe("fail");
  });
  it("dns-ttl between 30 s and 1 h", () => {
    expect(status((d) => (node(d, "dns").props.ttlSeconds = 0), "dns-ttl")).toBe("fail");
    expect(status((d) => (node(d, "dns").props.ttlSeconds = 86400), "dns-ttl")).toBe("fail");
    expect(status((d) => (node(d, "dns").props.ttlSeconds = 300), "dns-ttl")).toBe("pass");
    expect(
      status(
        (d) =>
          (d.nodes = d.nodes.filter((n: Doc) => n.id !== "dns")) &&
          (d.edges = d.edges.filter((e: Doc) => e.id !== "e-dns")),
        "dns-ttl",
      ),
    ).toBe("n/a");
  });
  it("global-entry applies when users are far away: anycast/geo DNS or a CDN passes", () => {
    expect(status(() => {}, "global-entry")).toBe("n/a");
    expect(status((d) => (node(d, "browser").region = "ap-southeast"), "global-entry")).toBe("fail");
    expect(
      status((d) => {
        node(d, "browser").region = "ap-southeast";
        node(d, "dns").props.routing = "geo";
      }, "global-entry"),
    ).toBe("pass");
  });
  it("cors-origins: n/a without CORS settings", () => {
    expect(status((d) => (node(d, "api").props.corsOrigins = ["*"]), "cors-origins")).toBe("fail");
    expect(status((d) => delete node(d, "api").props.corsOrigins, "cors-origins")).toBe("n/a");
  });
  it("tls-versions", () => {
    expect(status((d) => (node(d, "lb").props.minTls = "1.1"), "tls-versions")).toBe("fail");
    expect(status((d) => delete node(d, "lb").props.minTls, "tls-versions")).toBe("pass");
  });
  it("compression needs brotli/gzip and Vary: Accept-Encoding", () => {
    expect(status((d) => (node(d, "lb").props.compression = "none"), "compression")).toBe("fail");
    expect(status((d) => (node(d, "lb").props.varyAcceptEncoding = false), "compression")).toBe("fail");
    expect(status((d) => (node(d, "lb").props.layer = 4), "compression")).toBe("n/a");
  });
});

describe("chapter links", () => {
  const valid = (link: string) => {
    const m = /^\/learn\/([a-z-]+)#([a-z0-9-]+)$/.exec(link);
    const sections = m ? (CHAPTER_SECTIONS as Record<string, readonly string[]>)[m[1] as string] : undefined;
    return !!m && !!sections && sections.includes(m[2] as string);
  };
  it("every finding and checklist link points at an existing chapter section", () => {
    for (const link of [...Object.values(FINDING_LINKS), ...Object.values(CHECKLIST_LINKS)])
      expect(valid(link), link).toBe(true);
  });
});
