import { describe, expect, it } from "vitest";
import { handshakeSteps, initialSequenceNumbers } from "@/lib/core/widgets/tcp-handshake/model";

describe("W3 TCP handshake stepper", () => {
  const steps = handshakeSteps({ clientIsn: 1000, serverIsn: 5000 });

  it("starts with no connection and the server listening", () => {
    expect(steps[0]).toMatchObject({ client: "CLOSED", server: "LISTEN", setupRtts: 0 });
  });

  it("SYN, SYN-ACK, ACK with ack = other side's seq + 1, established after 1 RTT", () => {
    expect(steps[1]?.segment).toMatchObject({ from: "client", flags: "SYN", seq: 1000 });
    expect(steps[2]?.segment).toMatchObject({ from: "server", flags: "SYN, ACK", seq: 5000, ack: 1001 });
    expect(steps[3]?.segment).toMatchObject({ from: "client", flags: "ACK", ack: 5001 });
    expect(steps[3]).toMatchObject({ client: "ESTABLISHED", server: "ESTABLISHED", setupRtts: 1 });
  });

  it("tears down with four segments", () => {
    const teardown = steps.slice(5).filter((s) => s.segment);
    expect(teardown.map((s) => s.segment?.flags)).toEqual(["FIN, ACK", "ACK", "FIN, ACK", "ACK"]);
  });

  it("puts TIME_WAIT on the side that closed first", () => {
    expect(steps.some((s) => s.client === "TIME_WAIT")).toBe(true);
    expect(steps.some((s) => s.server === "TIME_WAIT")).toBe(false);
    const serverCloses = handshakeSteps({ clientIsn: 1000, serverIsn: 5000, closer: "server" });
    expect(serverCloses.some((s) => s.server === "TIME_WAIT")).toBe(true);
    expect(serverCloses.some((s) => s.client === "TIME_WAIT")).toBe(false);
    expect(steps.at(-1)).toMatchObject({ client: "CLOSED", server: "CLOSED" });
  });

  it("draws reproducible random initial sequence numbers from a seed", () => {
    expect(initialSequenceNumbers(3)).toEqual(initialSequenceNumbers(3));
    expect(initialSequenceNumbers(3)).not.toEqual(initialSequenceNumbers(4));
  });
});
