import { DEFAULT_ROUTES, parseCidr, routeFor, type CidrResult, type RouteDecision } from "@/lib/core/widgets/cidr-router";
import { ScrollBox, StaticNote, WidgetPanel } from "./ui";

export function CidrDetails({ result }: { result: CidrResult }) {
  if (!result.ok) return <p className="text-red-700 dark:text-red-400">{result.error}</p>;
  const i = result.info;
  const rows: [string, string][] = [
    ["Block", i.cidr],
    ["Subnet mask", i.mask],
    ["Addresses", i.addresses.toLocaleString("en-US")],
    ["Usable hosts", i.usableHosts.toLocaleString("en-US")],
    ["Network address", i.network],
    ["Broadcast address", i.prefix >= 31 ? "none" : i.broadcast],
    ["Usable range", `${i.firstUsable} – ${i.lastUsable}`],
  ];
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="font-mono break-all">{v}</dd>
          </div>
        ))}
      </dl>
      {i.privateRange ? (
        <p className="rounded bg-amber-100 px-2 py-1 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
          Private range: inside {i.privateRange} (RFC 1918), not routable on the public internet.
        </p>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">Not inside a private (RFC 1918) range.</p>
      )}
      {i.hostBitsSet ? <p className="text-slate-600 dark:text-slate-400">The address had host bits set, so the block is {i.cidr}.</p> : null}
      {i.note ? <p className="text-slate-600 dark:text-slate-400">{i.note}</p> : null}
    </div>
  );
}

export function RouteTable({ decision, onRemove }: { decision: RouteDecision; onRemove?: (cidr: string) => void }) {
  if (!decision.ok) return <p className="text-red-700 dark:text-red-400">{decision.error}</p>;
  const sorted = [...decision.rows].sort((a, b) => b.prefix - a.prefix);
  return (
    <div className="space-y-2">
      <ScrollBox label="Routing table" className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Routing table, most specific route first, checked against {decision.destination}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-600 dark:text-slate-400">
              <th scope="col" className="py-1 pr-2 font-medium">Destination block</th>
              <th scope="col" className="py-1 pr-2 font-medium">Target</th>
              <th scope="col" className="py-1 pr-2 font-medium">Match</th>
              {onRemove ? <th scope="col" className="py-1 font-medium"><span className="sr-only">Remove</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => {
              const win = decision.winner?.cidr === r.cidr;
              return (
                <tr
                  key={r.cidr}
                  className={`border-b border-slate-200 last:border-0 dark:border-slate-700 ${win ? "bg-emerald-100 font-semibold dark:bg-emerald-900/50" : ""}`}
                >
                  <th scope="row" className="py-1.5 pr-2 font-mono font-normal">{r.cidr}</th>
                  <td className="py-1.5 pr-2">{r.target}</td>
                  <td className="py-1.5 pr-2">{win ? `wins (/${r.prefix})` : r.matches ? `matches (/${r.prefix})` : "no"}</td>
                  {onRemove ? (
                    <td className="py-1.5">
                      <button
                        type="button"
                        className="rounded px-2 py-1 text-xs underline hover:bg-slate-200 dark:hover:bg-slate-700"
                        onClick={() => onRemove(r.cidr)}
                        aria-label={`Remove the route for ${r.cidr}`}
                      >
                        Remove
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <p>
        {decision.winner
          ? `${decision.destination} goes to ${decision.winner.target} via ${decision.winner.cidr}: the longest matching prefix.`
          : `No route matches ${decision.destination}, so the packet is dropped (there is no default route).`}
      </p>
    </div>
  );
}

export function CidrRouterStatic() {
  return (
    <WidgetPanel label="CIDR calculator and longest-prefix router">
      <h4 className="font-semibold">10.0.0.0/16</h4>
      <CidrDetails result={parseCidr("10.0.0.0/16")} />
      <h4 className="font-semibold">Where does 10.0.3.20 go?</h4>
      <RouteTable decision={routeFor("10.0.3.20", DEFAULT_ROUTES)} />
      <StaticNote>The block, destination and route inputs appear once the page&apos;s scripts have loaded.</StaticNote>
    </WidgetPanel>
  );
}
