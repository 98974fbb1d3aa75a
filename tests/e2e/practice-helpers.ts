import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, type Route } from "@playwright/test";

export type Doc = {
  scenario?: unknown;
  nodes: { id: string; kind: string; region?: string; props?: Record<string, unknown> }[];
  edges: { id: string; from: string; to: string; props?: Record<string, unknown> }[];
};

export function problemFile(slug: string) {
  return JSON.parse(readFileSync(path.join(process.cwd(), "content/problems", `${slug}.json`), "utf8")) as {
    scenario: unknown;
    clients: { region: string; share: number; platform: string }[];
    reference: Doc;
    starter: Doc;
    requirements: { key: string; text: string; relevant: boolean }[];
    estimates: { answers: Record<string, { value: number }> };
    followUps: { key: string; title: string }[];
  };
}

/**
 * A document moved onto a problem's fixed scenario (the server refuses anything else): the problem's load and
 * targets, and its user groups as the document's client nodes (extra clients go, missing ones are added).
 */
export function forProblem<T extends Doc>(slug: string, doc: T): T {
  const problem = problemFile(slug);
  const copy = structuredClone(doc);
  copy.scenario = structuredClone(problem.scenario);
  const clients = copy.nodes.filter((n) => n.kind === "client");
  problem.clients.forEach((c, i) => {
    const node = clients[i];
    if (node) Object.assign(node, { region: c.region, props: { share: c.share, platform: c.platform } });
    else copy.nodes.push({ id: `users-${i}`, kind: "client", region: c.region, props: { share: c.share, platform: c.platform } });
  });
  const extra = new Set(clients.slice(problem.clients.length).map((n) => n.id));
  copy.nodes = copy.nodes.filter((n) => !extra.has(n.id));
  copy.edges = copy.edges.filter((e) => !extra.has(e.from) && !extra.has(e.to));
  return copy;
}

/** Interview stage 1 answered right: every relevant requirement ticked with a reason, then submitted. */
export async function answerRequirements(interview: Locator, requirements: readonly { text: string; relevant: boolean }[]) {
  for (const r of requirements.filter((x) => x.relevant)) {
    await interview.getByRole("checkbox", { name: r.text }).check();
    await interview.getByRole("textbox", { name: "Why does the brief need it?" }).last().fill("The brief asks for this directly.");
  }
  await interview.getByTestId("submit-requirements").click();
}

/** Holds every script chunk asked for from now on (an import's on-demand code) until `release`. */
export async function holdScripts(page: Page) {
  const held: Route[] = [];
  let holding = true;
  let asked!: () => void;
  const askedFor = new Promise<void>((resolve) => (asked = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    if (!holding) return route.continue();
    held.push(route);
    asked();
  });
  return {
    askedFor,
    release: async () => {
      holding = false;
      for (const route of held) await route.continue();
    },
  };
}

/** A node on the design canvas, by its id in the document. */
export const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/**
 * Gives a canvas node keyboard focus and checks that it took. `focus()` alone is silent when it fails (React Flow
 * keeps a node hidden, so unfocusable, until it has measured it), and the keys a test presses next would go to
 * whatever still has focus: Enter on the palette's "Add Cache" button adds a second cache, and the test edits that.
 */
export async function focusCanvasNode(page: Page, id: string) {
  const node = canvasNode(page, id);
  await expect(async () => {
    await node.focus();
    await expect(node).toBeFocused({ timeout: 1_000 });
  }).toPass();
}
