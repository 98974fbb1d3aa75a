// W1: the OSI and TCP/IP layer models, the mapping between them and the encapsulation walk.

export type Model = "osi" | "tcpip";

export type OsiLayer = {
  number: number;
  name: string;
  protocols: string[];
  /** What this layer adds to a request on its way down. */
  adds: string;
  detail: string;
};

export type TcpIpLayer = {
  id: "application" | "transport" | "internet" | "access";
  name: string;
  /** OSI layer numbers merged into this layer. */
  osi: number[];
  protocols: string[];
  detail: string;
};

export const OSI_LAYERS: readonly OsiLayer[] = [
  {
    number: 7,
    name: "Application",
    protocols: ["HTTP", "DNS", "SSH", "FTP"],
    adds: "The HTTP request line and headers around your JSON body.",
    detail: "Where your code speaks: methods, paths, status codes, DNS queries. Most backend debugging happens here or at L4.",
  },
  {
    number: 6,
    name: "Presentation",
    protocols: ["SSL/TLS", "JPEG", "ASCII"],
    adds: "Encoding and, with TLS, encryption of the application bytes.",
    detail:
      "How bytes are represented: character sets, image formats, compression. TLS is usually drawn here or at L5; really it sits between transport and application.",
  },
  {
    number: 5,
    name: "Session",
    protocols: ["NetBIOS", "RPC", "PPTP"],
    adds: "Dialogue bookkeeping: which conversation these bytes belong to.",
    detail: "Opening, keeping and closing a conversation between two programs. On the modern web this job is mostly done by TLS sessions and HTTP itself.",
  },
  {
    number: 4,
    name: "Transport",
    protocols: ["TCP", "UDP"],
    adds: "A TCP header with source and destination ports, sequence and acknowledgement numbers.",
    detail: "Ports live here, so this layer decides which program gets the bytes. TCP adds ordering and retransmission; UDP adds almost nothing.",
  },
  {
    number: 3,
    name: "Network",
    protocols: ["IP", "ICMP", "OSPF"],
    adds: "An IP header with source and destination addresses and a hop limit.",
    detail: "Addressing and routing between networks. Routers work at this layer, reading only the IP header to pick the next hop.",
  },
  {
    number: 2,
    name: "Data link",
    protocols: ["Ethernet", "MAC", "ARP"],
    adds: "An Ethernet frame: MAC addresses in front, a checksum trailer behind.",
    detail:
      "Moving a frame across one local link between MAC addresses. ARP bridges this layer and the next: it finds the MAC address behind an IP address on the local network, so it is drawn at L2 here and in the Internet layer of TCP/IP.",
  },
  {
    number: 1,
    name: "Physical",
    protocols: ["Cables", "Wi-Fi", "Fibre"],
    adds: "Nothing new: the frame becomes voltages, light pulses or radio waves.",
    detail: "Bits on a medium. Backend engineers rarely touch L1 or L2 directly; a cloud provider looks after them.",
  },
];

export const TCPIP_LAYERS: readonly TcpIpLayer[] = [
  {
    id: "application",
    name: "Application",
    osi: [7, 6, 5],
    protocols: ["HTTP/HTTPS", "SMTP", "FTP", "DNS"],
    detail: "OSI layers 5, 6 and 7 folded into one: the protocols your program speaks, including TLS.",
  },
  { id: "transport", name: "Transport", osi: [4], protocols: ["TCP", "UDP"], detail: "Same job as OSI layer 4: ports, and for TCP reliable ordered delivery." },
  {
    id: "internet",
    name: "Internet",
    osi: [3],
    protocols: ["IP", "ARP", "ICMP"],
    detail: "OSI layer 3: addressing and routing. ARP is listed here because it serves IP, although its messages travel in L2 frames.",
  },
  {
    id: "access",
    name: "Network access",
    osi: [2, 1],
    protocols: ["Ethernet", "Wi-Fi", "PPP"],
    detail: "OSI layers 1 and 2 merged: getting frames onto a physical link.",
  },
];

/** The TCP/IP layer an OSI layer belongs to (7/6/5 → Application, 2/1 → Network access). */
export function tcpIpLayerFor(osiNumber: number): TcpIpLayer {
  const found = TCPIP_LAYERS.find((l) => l.osi.includes(osiNumber));
  if (!found) throw new RangeError(`OSI layer ${osiNumber} does not exist`);
  return found;
}

/** The OSI layer a selection maps back to when switching models: the topmost layer the TCP/IP one covers. */
export function osiLayerFor(tcpIpId: TcpIpLayer["id"]): number {
  const layer = TCPIP_LAYERS.find((l) => l.id === tcpIpId);
  return layer?.osi[0] ?? 7;
}

/** The OSI layer a protocol is drawn at (case-insensitive; "TLS" finds SSL/TLS). */
export function osiLayerOfProtocol(protocol: string): number | undefined {
  const p = protocol.toLowerCase();
  const hit = OSI_LAYERS.find((l) => l.protocols.some((q) => q.toLowerCase() === p || q.toLowerCase().split("/").includes(p)));
  return hit?.number;
}

/** Symptoms that point at one layer, shown as debugging hints. */
export const DEBUG_HINTS: readonly { symptom: string; osi: number; why: string }[] = [
  { symptom: "Connection refused", osi: 4, why: "The host answered, but nothing listens on that port: a transport-layer problem." },
  { symptom: "No route to host", osi: 3, why: "No path to the address: routing, a firewall or a wrong IP (network layer)." },
  { symptom: "TLS handshake failed", osi: 6, why: "TCP connected, then certificates or versions disagreed (the TLS layer, drawn at L5/L6)." },
  { symptom: "404 Not Found", osi: 7, why: "Everything below worked; the application has no such path." },
];

export type EncapsulationFrame = {
  /** Step index 0…(2×7): going down 0–6, then up 7–13. */
  step: number;
  direction: "down" | "up";
  /** OSI layer acting at this step. */
  layer: number;
  /** Headers around the payload, outermost first. */
  wrappers: string[];
  caption: string;
};

const WRAPPER_BY_LAYER: Record<number, string | null> = {
  7: "HTTP headers",
  6: "TLS record",
  5: null,
  4: "TCP header",
  3: "IP header",
  2: "Ethernet frame",
  1: null,
};

/** Every step of sending a request down the sender's stack and up the receiver's. */
export function encapsulationFrames(): EncapsulationFrame[] {
  const frames: EncapsulationFrame[] = [];
  const wrappers: string[] = [];
  for (let layer = 7; layer >= 1; layer--) {
    const w = WRAPPER_BY_LAYER[layer];
    if (w) wrappers.unshift(w);
    const osi = OSI_LAYERS.find((l) => l.number === layer) as OsiLayer;
    frames.push({ step: frames.length, direction: "down", layer, wrappers: [...wrappers], caption: `Sender L${layer} ${osi.name}: ${osi.adds}` });
  }
  for (let layer = 1; layer <= 7; layer++) {
    const w = WRAPPER_BY_LAYER[layer];
    if (w) wrappers.shift();
    const osi = OSI_LAYERS.find((l) => l.number === layer) as OsiLayer;
    const caption = w ? `Receiver L${layer} ${osi.name}: reads and removes the ${w}.` : `Receiver L${layer} ${osi.name}: nothing to remove here.`;
    frames.push({ step: frames.length, direction: "up", layer, wrappers: [...wrappers], caption });
  }
  return frames;
}
