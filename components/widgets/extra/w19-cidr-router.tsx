"use client";

import { useId, useState, type FormEvent } from "react";
import { CIDR_EXAMPLES, DEFAULT_ROUTES, normaliseRoute, parseCidr, routeFor, type Route } from "@/lib/core/widgets/cidr-router";
import { CidrDetails, RouteTable } from "./w19-cidr-router-view";
import { inputClass } from "@/components/ui/field";
import { Status } from "@/components/ui/alert";
import { WidgetPanel } from "./ui";
import { buttonClass } from "@/components/ui/button";

export function CidrRouter() {
  const id = useId();
  const [block, setBlock] = useState("10.0.0.0/16");
  const [dest, setDest] = useState("10.0.3.20");
  const [routes, setRoutes] = useState<Route[]>(DEFAULT_ROUTES);
  const [newCidr, setNewCidr] = useState("");
  const [newTarget, setNewTarget] = useState("");
  const [formError, setFormError] = useState<{ field: "cidr" | "target"; error: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const cidr = parseCidr(block);
  const decision = routeFor(dest, routes);
  const blockSummary = cidr.ok
    ? `${cidr.info.cidr}: ${cidr.info.addresses.toLocaleString("en-US")} addresses, ${cidr.info.usableHosts.toLocaleString("en-US")} usable hosts${cidr.info.privateRange ? ", private range" : ""}.`
    : cidr.error;
  const routeSummary = decision.ok
    ? decision.winner
      ? `${decision.destination} → ${decision.winner.target} (${decision.winner.cidr}).`
      : `No route for ${decision.destination}.`
    : decision.error;

  function addRoute(e: FormEvent) {
    e.preventDefault();
    const r = normaliseRoute(newCidr, newTarget, routes);
    if (!r.ok) {
      setFormError({ field: r.field, error: r.error });
      return;
    }
    setRoutes((prev) => [...prev, r.route]);
    setNewCidr("");
    setNewTarget("");
    setFormError(null);
    setAnnouncement(`Added a route for ${r.route.cidr} to ${r.route.target}. `);
  }

  function removeRoute(c: string) {
    setRoutes((prev) => prev.filter((r) => r.cidr !== c));
    setAnnouncement(`Removed the route for ${c}. `);
  }

  return (
    <WidgetPanel label="CIDR calculator and longest-prefix router">
      <section className="space-y-2" aria-labelledby={`${id}-calc`}>
        <h4 id={`${id}-calc`} className="font-semibold">Calculator</h4>
        <div>
          <label htmlFor={`${id}-block`} className="font-medium">CIDR block</label>
          <input
            id={`${id}-block`}
            className={`${inputClass} font-mono`}
            value={block}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!cidr.ok}
            onChange={(e) => setBlock(e.target.value)}
          />
        </div>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Example blocks">
          {CIDR_EXAMPLES.map((ex) => (
            <button key={ex} type="button" className={`${buttonClass("secondary")} font-mono`} onClick={() => setBlock(ex)}>
              {ex}
            </button>
          ))}
        </div>
        <CidrDetails result={cidr} />
      </section>
      <section className="space-y-2" aria-labelledby={`${id}-router`}>
        <h4 id={`${id}-router`} className="font-semibold">Router</h4>
        <div>
          <label htmlFor={`${id}-dest`} className="font-medium">Destination IP</label>
          <input
            id={`${id}-dest`}
            className={`${inputClass} font-mono`}
            value={dest}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!decision.ok}
            onChange={(e) => setDest(e.target.value)}
          />
        </div>
        <RouteTable decision={decision} onRemove={removeRoute} />
        <form className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end" onSubmit={addRoute} aria-label="Add a route">
          <div>
            <label htmlFor={`${id}-new-cidr`} className="font-medium">New route: block</label>
            <input
              id={`${id}-new-cidr`}
              className={`${inputClass} font-mono`}
              value={newCidr}
              placeholder="10.0.4.0/24"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={formError?.field === "cidr"}
              aria-describedby={formError?.field === "cidr" ? `${id}-form-error` : undefined}
              onChange={(e) => setNewCidr(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-new-target`} className="font-medium">Target</label>
            <input
              id={`${id}-new-target`}
              className={inputClass}
              value={newTarget}
              placeholder="NAT gateway"
              autoComplete="off"
              aria-invalid={formError?.field === "target"}
              aria-describedby={formError?.field === "target" ? `${id}-form-error` : undefined}
              onChange={(e) => setNewTarget(e.target.value)}
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>Add route</button>
        </form>
        {formError ? (
          <p id={`${id}-form-error`} className="text-red-700 dark:text-red-400">
            {formError.error}
          </p>
        ) : null}
      </section>
      <Status>
        {announcement}
        {blockSummary} {routeSummary}
      </Status>
    </WidgetPanel>
  );
}
