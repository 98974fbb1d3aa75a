import { describe, expect, it } from "vitest";
import { evalOk, finding, loadExample } from "./helpers";

// Findings are read by candidates: they name nodes by their labels and edges by what they join, never by the
// edge ids the canvas generates ("e0 (visitors-us → app)" read as noise on the result screen).
describe("finding text names what the candidate drew", () => {
  const doc = loadExample("three-tier");
  for (const n of doc.nodes) n.label = { browser: "Shoppers", lb: "Front door", api: "Catalogue API", db: "Orders DB" }[n.id as string];
  for (const e of doc.edges) delete e.props?.timeoutMs;
  const r = evalOk(doc);

  it("an edge reads as 'label → label', without its id", () => {
    const f = finding(r, "timeout-missing");
    expect(f?.detail).toContain("Front door → Catalogue API");
    for (const e of doc.edges) expect(f?.detail).not.toContain(`${e.id} (`);
  });

  it("a node reads as its label, and a setting as words, not its field name", () => {
    const open = loadExample("three-tier");
    const db = open.nodes.find((n: { id: string }) => n.id === "db");
    db.label = "Orders DB";
    db.props.publicAccess = true;
    const detail = finding(evalOk(open), "db-exposed")?.detail ?? "";
    expect(detail).toContain("Orders DB is open to the internet");
    expect(detail).not.toContain("publicAccess");
  });

  it("a balancing algorithm reads in words, and computed figures name the node by its label", () => {
    const lb = loadExample("three-tier");
    for (const n of lb.nodes) n.label = { lb: "Front door", api: "Catalogue API" }[n.id as string];
    const front = lb.nodes.find((n: { id: string }) => n.id === "lb");
    front.props.algorithm = "round_robin";
    const api = lb.nodes.find((n: { id: string }) => n.id === "api");
    api.props.serviceTimeP99Ms = api.props.serviceTimeMs * 20;
    const detail = finding(evalOk(lb), "lb-algorithm-mismatch")?.detail ?? "";
    expect(detail).toContain("Front door uses round robin while Catalogue API's requests vary");
    expect(detail).not.toContain("round_robin");
  });
});
