import type { Metadata } from "next";
import { SandboxClient } from "./page-client";

export const metadata: Metadata = {
  title: "Sandbox",
  description: "A free architecture canvas: sketch any design and score it with the latency and reliability model.",
};

export default function SandboxPage() {
  return (
    <div className="mx-auto max-w-[96rem] px-4 py-6">
      <h1 className="text-2xl font-bold tracking-tight">Sandbox: sketch anything and evaluate it</h1>
      <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-400">
        A canvas that is not tied to a problem. Add nodes from the palette, connect them, tune their settings and press
        Evaluate to score the design. Your sketch is kept in this browser until you discard it; export it as JSON to keep
        it elsewhere.
      </p>
      <div className="mt-4">
        <SandboxClient />
      </div>
    </div>
  );
}
