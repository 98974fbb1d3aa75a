import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptFor, frameHeader, idle, keyFromSeed, keyProblem, newSession, RFC_EXAMPLE_KEY, sendFrame, sha1, toHex, upgradeRequest, upgradeResponse, WS_GUID } from "@/lib/core/widgets/websocket";

describe("W23 WebSocket upgrade inspector", () => {
  it("computes the RFC 6455 example Accept value", () => {
    expect(acceptFor(RFC_EXAMPLE_KEY)).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });
  it("SHA-1 matches Node's for assorted inputs and every padding boundary", () => {
    for (const len of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const text = "x".repeat(len);
      expect(toHex(sha1(new TextEncoder().encode(text))).replaceAll(" ", "")).toBe(createHash("sha1").update(text).digest("hex"));
    }
    for (let seed = 1; seed < 30; seed++) {
      const key = keyFromSeed(seed);
      expect(keyProblem(key)).toBeUndefined();
      expect(acceptFor(key)).toBe(createHash("sha1").update(key + WS_GUID).digest("base64"));
    }
  });
  it("shows the upgrade headers, version 13 and 101 Switching Protocols", () => {
    expect(upgradeRequest("k")).toEqual(expect.arrayContaining(["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: k"]));
    expect(upgradeResponse(RFC_EXAMPLE_KEY)[0]).toBe("HTTP/1.1 101 Switching Protocols");
    expect(keyProblem("too-short")).toMatch(/16 random bytes/);
  });
  it("frame headers: 2 bytes server→client, 6 client→server (mask key), longer lengths extend", () => {
    expect(frameHeader(0x1, 5, undefined)).toEqual([0x81, 0x05]);
    expect(frameHeader(0x1, 5, [1, 2, 3, 4])).toEqual([0x81, 0x85, 1, 2, 3, 4]);
    expect(frameHeader(0x2, 126, undefined)).toEqual([0x82, 126, 0, 126]);
    expect(frameHeader(0x2, 65_536, undefined)).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
  it("client frames are masked, pings are answered by pongs, close ends the session", () => {
    let s = sendFrame(newSession(1), "client", "text", "héllo");
    expect(s.frames[0]).toMatchObject({ masked: true, payloadBytes: 6, opcode: 1 });
    s = sendFrame(s, "server", "ping");
    expect(s.frames.map((f) => [f.from, f.kind])).toEqual([["client", "text"], ["server", "ping"], ["client", "pong"]]);
    s = sendFrame(s, "client", "close");
    expect(s.state).toBe("closed");
    expect(sendFrame(s, "server", "text", "late")).toBe(s);
  });
  it("without heartbeats the connection is silently dropped at the idle timeout; with them it survives", () => {
    const dropped = idle(newSession(1), 120, 30, null);
    expect(dropped).toMatchObject({ state: "dropped", droppedAtS: 30 });
    const kept = idle(newSession(1), 120, 30, 15);
    expect(kept.state).toBe("open");
    expect(kept.frames.filter((f) => f.kind === "ping")).toHaveLength(8);
    const tooSlow = idle(newSession(1), 120, 30, 45);
    expect(tooSlow).toMatchObject({ state: "dropped", droppedAtS: 30 });
  });
  it("masking keys are reproducible from the seed", () => {
    const a = sendFrame(newSession(9), "client", "text", "a").frames[0]?.maskKey;
    expect(sendFrame(newSession(9), "client", "text", "a").frames[0]?.maskKey).toEqual(a);
    expect(sendFrame(newSession(10), "client", "text", "a").frames[0]?.maskKey).not.toEqual(a);
  });
});
