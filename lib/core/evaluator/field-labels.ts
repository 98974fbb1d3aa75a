// The editor's label of a design field, from its JSON key. One rule for the properties panel
// (lib/core/canvas/fields.ts) and for the evaluator's own text (the result's assumptions), so a candidate reads the
// same words in both places and never a JSON key.

import { mapArray } from "@/lib/core/util/arrays";

const ACRONYMS: Record<string, string> = {
  tls: "TLS",
  http: "HTTP",
  rtt: "RTT",
  cors: "CORS",
  lb: "LB",
  ttl: "TTL",
  p99: "p99",
};

/** `serviceTimeP99Ms` → "Service time p99" (the unit is shown separately). */
export function labelFor(key: string): string {
  if (key === "rps") return "Request rate";
  if (key === "tlsRecordBytes") return "TLS record size";
  if (key === "idleBetweenRequestsMs") return "Idle time between requests";
  if (key === "priorResponses") return "Earlier responses on the connection";
  const words = mapArray(
    key
      .replace(/(Ms|Seconds|Bytes|Rps|Mbps)$/, "")
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .split(" ")
      .filter(Boolean),
    (w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase(),
  );
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
