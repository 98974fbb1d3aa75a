import { describe, expect, it } from "vitest";
import { PUBLIC_IP, addForward, idleConnection, inboundFromPhone, initialNat, receiveReply, sendOutbound, tick } from "@/lib/core/widgets/nat/model";

describe("W7 NAT", () => {
  it("rewrites the private source to the public address and back", () => {
    const out = sendOutbound(initialNat(), 30);
    expect(out.hops[0]?.src).toBe("192.168.1.42:52341");
    expect(out.hops[1]?.src).toBe(`${PUBLIC_IP}:40001`);
    expect(out.state.table).toHaveLength(1);
    const back = receiveReply(out.state, 30, 40001);
    expect(back.delivered).toBe(true);
    expect(back.hops.at(-1)?.dst).toBe("192.168.1.42:52341");
  });

  it("drops a reply once the idle mapping has expired", () => {
    const out = sendOutbound(initialNat(), 30);
    const back = receiveReply(tick(out.state, 31), 30, 40001);
    expect(back.delivered).toBe(false);
  });

  it("refuses an inbound connection without port forwarding, accepts it with a rule", () => {
    expect(inboundFromPhone(initialNat()).delivered).toBe(false);
    expect(inboundFromPhone(addForward(initialNat())).delivered).toBe(true);
  });

  it("keep-alives shorter than the idle timeout keep the connection; longer ones do not", () => {
    expect(idleConnection({ idleTimeout: 30, keepAlive: 15, idleSeconds: 45 }).survives).toBe(true);
    expect(idleConnection({ idleTimeout: 30, keepAlive: 15, idleSeconds: 3600 }).survives).toBe(true);
    expect(idleConnection({ idleTimeout: 30, keepAlive: 45, idleSeconds: 60 }).survives).toBe(false);
    const none = idleConnection({ idleTimeout: 30, keepAlive: null, idleSeconds: 60 });
    expect(none).toMatchObject({ survives: false, droppedAt: 30 });
    expect(idleConnection({ idleTimeout: 350, keepAlive: null, idleSeconds: 60 }).survives).toBe(true);
  });
});
