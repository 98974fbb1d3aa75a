import { describe, expect, it } from "vitest";
import { DEBUG_HINTS, OSI_LAYERS, TCPIP_LAYERS, encapsulationFrames, osiLayerFor, osiLayerOfProtocol, tcpIpLayerFor } from "@/lib/core/widgets/osi/model";

describe("W1 OSI explorer", () => {
  it("lists the seven OSI layers top-down with the brief's protocols", () => {
    expect(OSI_LAYERS.map((l) => l.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const byNumber = Object.fromEntries(OSI_LAYERS.map((l) => [l.number, l.protocols]));
    expect(byNumber[7]).toEqual(["HTTP", "DNS", "SSH", "FTP"]);
    expect(byNumber[6]).toEqual(["SSL/TLS", "JPEG", "ASCII"]);
    expect(byNumber[5]).toEqual(["NetBIOS", "RPC", "PPTP"]);
    expect(byNumber[4]).toEqual(["TCP", "UDP"]);
    expect(byNumber[3]).toEqual(["IP", "ICMP", "OSPF"]);
    expect(byNumber[2]).toEqual(["Ethernet", "MAC", "ARP"]);
    expect(byNumber[1]).toEqual(["Cables", "Wi-Fi", "Fibre"]);
  });

  it("merges 7/6/5 into Application and 2/1 into Network access", () => {
    expect(TCPIP_LAYERS.map((l) => l.osi)).toEqual([[7, 6, 5], [4], [3], [2, 1]]);
    for (const n of [7, 6, 5]) expect(tcpIpLayerFor(n).id).toBe("application");
    for (const n of [2, 1]) expect(tcpIpLayerFor(n).name).toBe("Network access");
    expect(tcpIpLayerFor(3).protocols).toEqual(["IP", "ARP", "ICMP"]);
    expect(() => tcpIpLayerFor(8)).toThrow();
  });

  it("never loses the mapping: TLS selected in OSI highlights Application in TCP/IP", () => {
    const osi = osiLayerOfProtocol("TLS");
    expect(osi).toBe(6);
    expect(tcpIpLayerFor(osi as number).id).toBe("application");
    expect(osiLayerFor("transport")).toBe(4);
  });

  it("explains ARP consistently in both models", () => {
    const l2 = OSI_LAYERS.find((l) => l.number === 2);
    expect(l2?.detail).toMatch(/ARP bridges/);
    expect(TCPIP_LAYERS.find((l) => l.id === "internet")?.detail).toMatch(/ARP/);
  });

  it("maps debugging symptoms to layers", () => {
    expect(DEBUG_HINTS.find((h) => h.symptom === "Connection refused")?.osi).toBe(4);
    expect(DEBUG_HINTS.find((h) => h.symptom === "No route to host")?.osi).toBe(3);
  });

  it("wraps headers on the way down and removes them on the way up", () => {
    const frames = encapsulationFrames();
    expect(frames).toHaveLength(14);
    expect(frames[6]?.wrappers).toEqual(["Ethernet frame", "IP header", "TCP header", "TLS record", "HTTP headers"]);
    expect(frames[13]?.wrappers).toEqual([]);
    expect(frames[8]?.wrappers[0]).toBe("IP header");
  });
});
