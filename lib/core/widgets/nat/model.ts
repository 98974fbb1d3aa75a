// W7: a home router doing NAT (with port translation, PAT), the translation table, idle expiry and keep-alives.

export const DEVICE_IP = "192.168.1.42";
export const ROUTER_LAN_IP = "192.168.1.1";
export const PUBLIC_IP = "203.0.113.5";
export const ISP_IP = "203.0.113.1";
export const REMOTE = { ip: "198.51.100.20", port: 443 };
export const PHONE_IP = "198.51.100.77";

export type Mapping = { privateIp: string; privatePort: number; publicIp: string; publicPort: number; remote: string; lastSeen: number };
export type Forward = { publicPort: number; privateIp: string; privatePort: number };

export type NatState = { clock: number; table: Mapping[]; forwards: Forward[]; nextPort: number };

export type Hop = { at: "device" | "router" | "isp" | "internet" | "phone"; src: string; dst: string; note: string };

export function initialNat(): NatState {
  return { clock: 0, table: [], forwards: [], nextPort: 40_001 };
}

/** Drops mappings idle for longer than the timeout (seconds). */
export function expire(state: NatState, idleTimeout: number): NatState {
  return { ...state, table: state.table.filter((m) => state.clock - m.lastSeen < idleTimeout) };
}

/** The device sends a packet out: the router rewrites the private source to its public address and port. */
export function sendOutbound(state: NatState, idleTimeout: number, privatePort = 52_341): { state: NatState; hops: Hop[]; mapping: Mapping } {
  const s = expire(state, idleTimeout);
  const remote = `${REMOTE.ip}:${REMOTE.port}`;
  let mapping = s.table.find((m) => m.privateIp === DEVICE_IP && m.privatePort === privatePort && m.remote === remote);
  let nextPort = s.nextPort;
  let table = s.table;
  const fresh = !mapping;
  if (!mapping) {
    mapping = { privateIp: DEVICE_IP, privatePort, publicIp: PUBLIC_IP, publicPort: nextPort, remote, lastSeen: s.clock };
    nextPort += 1;
    table = [...table, mapping];
  } else {
    const m: Mapping = { ...mapping, lastSeen: s.clock };
    table = table.map((x) => (x === mapping ? m : x));
    mapping = m;
  }
  const hops: Hop[] = [
    { at: "device", src: `${DEVICE_IP}:${privatePort}`, dst: remote, note: "Leaves your device with its private source address." },
    {
      at: "router",
      src: `${PUBLIC_IP}:${mapping.publicPort}`,
      dst: remote,
      note: fresh
        ? `The router rewrites the source to its public address and records the mapping ${DEVICE_IP}:${privatePort} ↔ ${PUBLIC_IP}:${mapping.publicPort}.`
        : "Existing mapping reused; its idle timer restarts.",
    },
    { at: "isp", src: `${PUBLIC_IP}:${mapping.publicPort}`, dst: remote, note: `The ISP (${ISP_IP}) only ever sees the public address.` },
    { at: "internet", src: `${PUBLIC_IP}:${mapping.publicPort}`, dst: remote, note: "Delivered. Private addresses never appear on the internet: they are not routable there." },
  ];
  return { state: { ...s, table, nextPort }, hops, mapping };
}

/** The server replies to the public address; the router looks the port up and translates back. */
export function receiveReply(state: NatState, idleTimeout: number, publicPort: number): { state: NatState; hops: Hop[]; delivered: boolean } {
  const s = expire(state, idleTimeout);
  const remote = `${REMOTE.ip}:${REMOTE.port}`;
  const m = s.table.find((x) => x.publicPort === publicPort);
  const inbound: Hop = { at: "internet", src: remote, dst: `${PUBLIC_IP}:${publicPort}`, note: "The reply is addressed to the router's public address and port." };
  if (!m) {
    return { state: s, delivered: false, hops: [inbound, { at: "router", src: remote, dst: `${PUBLIC_IP}:${publicPort}`, note: "No mapping for this port (it expired): the router drops the packet. The connection is dead." }] };
  }
  const table = s.table.map((x) => (x === m ? { ...x, lastSeen: s.clock } : x));
  return {
    state: { ...s, table },
    delivered: true,
    hops: [inbound, { at: "router", src: remote, dst: `${m.privateIp}:${m.privatePort}`, note: "Mapping found: the destination is rewritten back to your device." }, { at: "device", src: remote, dst: `${m.privateIp}:${m.privatePort}`, note: "Your device receives the reply." }],
  };
}

/** A phone on another network tries to reach your dev server on port 3000. */
export function inboundFromPhone(state: NatState, port = 3000): { hops: Hop[]; delivered: boolean } {
  const first: Hop = { at: "phone", src: `${PHONE_IP}:51000`, dst: `${PUBLIC_IP}:${port}`, note: `The phone cannot use localhost or ${DEVICE_IP}: neither means anything outside your network. It tries your public address.` };
  const fwd = state.forwards.find((f) => f.publicPort === port);
  if (!fwd) {
    return { delivered: false, hops: [first, { at: "router", src: `${PHONE_IP}:51000`, dst: `${PUBLIC_IP}:${port}`, note: "Nobody inside asked for this: no mapping, no forwarding rule. Dropped." }] };
  }
  return {
    delivered: true,
    hops: [first, { at: "router", src: `${PHONE_IP}:51000`, dst: `${fwd.privateIp}:${fwd.privatePort}`, note: `Port-forwarding rule: public ${port} → ${fwd.privateIp}:${fwd.privatePort}.` }, { at: "device", src: `${PHONE_IP}:51000`, dst: `${fwd.privateIp}:${fwd.privatePort}`, note: "Your dev server answers (it must listen on 0.0.0.0, not only 127.0.0.1)." }],
  };
}

export function addForward(state: NatState, port = 3000): NatState {
  if (state.forwards.some((f) => f.publicPort === port)) return state;
  return { ...state, forwards: [...state.forwards, { publicPort: port, privateIp: DEVICE_IP, privatePort: port }] };
}

/**
 * Leaves an open connection idle for `idleSeconds`, with keep-alives every `keepAlive` seconds (null = off).
 * Each keep-alive refreshes the mapping; if the gap between packets ever reaches the timeout, the mapping
 * is gone and the next packet is dropped.
 */
export function idleConnection(opts: { idleTimeout: number; keepAlive: number | null; idleSeconds: number }): {
  survives: boolean;
  droppedAt: number | null;
  events: { t: number; what: string }[];
} {
  const events: { t: number; what: string }[] = [{ t: 0, what: "Last request; the mapping is fresh." }];
  let lastSeen = 0;
  const ka = opts.keepAlive !== null && opts.keepAlive > 0 ? opts.keepAlive : null;
  for (let t = ka ?? opts.idleSeconds + 1; t <= opts.idleSeconds; t += ka ?? opts.idleSeconds + 1) {
    if (t - lastSeen >= opts.idleTimeout) break;
    events.push({ t, what: "Keep-alive packet refreshes the mapping." });
    lastSeen = t;
  }
  const expiresAt = lastSeen + opts.idleTimeout;
  if (expiresAt <= opts.idleSeconds) {
    events.push({ t: expiresAt, what: `Idle for ${opts.idleTimeout} s: the router forgets the mapping.` });
    events.push({ t: opts.idleSeconds, what: "The next packet is dropped; the client sees a reset or a hang." });
    return { survives: false, droppedAt: expiresAt, events };
  }
  events.push({ t: opts.idleSeconds, what: "The next request goes through: the mapping is still there." });
  return { survives: true, droppedAt: null, events };
}

/** Advances the simulated clock (seconds). */
export function tick(state: NatState, seconds: number): NatState {
  return { ...state, clock: state.clock + Math.max(0, seconds) };
}
