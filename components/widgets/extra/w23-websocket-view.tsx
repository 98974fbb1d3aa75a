import { keyProblem, RFC_EXAMPLE_KEY, toHex, upgradeRequest, upgradeResponse, type Session } from "@/lib/core/widgets/websocket";
import { Table, Td, Th, type Column } from "@/components/ui/table";
import { ScrollBox, StaticNote, WidgetPanel } from "./ui";

export function Handshake({ wsKey }: { wsKey: string }) {
  const problem = keyProblem(wsKey);
  return (
    <div className="space-y-2">
      <div className="grid gap-2 md:grid-cols-2">
        <div className="min-w-0">
          <p className="font-semibold">Client asks to upgrade</p>
          <pre tabIndex={0} aria-label="Upgrade request" className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-800">{upgradeRequest(wsKey).join("\n")}</pre>
        </div>
        <div className="min-w-0">
          <p className="font-semibold">Server agrees</p>
          <pre tabIndex={0} aria-label="Upgrade response" className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-800">{upgradeResponse(wsKey).join("\n")}</pre>
        </div>
      </div>
      <p className="text-xs break-words text-slate-600 dark:text-slate-400">
        Accept = base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)). It proves the server understood the WebSocket request rather than
        replaying a cached HTTP answer.
      </p>
      {problem ? <p className="text-amber-800 dark:text-amber-300">{problem}</p> : null}
    </div>
  );
}

const FRAME_COLUMNS: Column[] = [
  { label: "#", numeric: true },
  { label: "At", numeric: true, unit: "s" },
  { label: "From" },
  { label: "Frame" },
  { label: "Header bytes" },
  { label: "Payload" },
];

export function FrameTable({ session }: { session: Session }) {
  if (session.frames.length === 0) return <p className="text-slate-600 dark:text-slate-400">No frames yet: the connection is open and quiet.</p>;
  return (
    <ScrollBox label="Frames" className="max-h-72 overflow-auto">
      <Table caption="Frames sent on the connection" captionHidden columns={FRAME_COLUMNS} size="xs" wrapperClassName="">
        {session.frames.map((f) => (
          <tr key={f.n} className="align-top">
            <Td size="xs" numeric className="font-mono">{f.n}</Td>
            <Td size="xs" numeric className="font-mono">{f.atS}</Td>
            <Td size="xs">{f.from}</Td>
            <Th scope="row" size="xs" className="font-normal">
              {f.kind} (opcode 0x{f.opcode.toString(16).toUpperCase()})
            </Th>
            <Td size="xs" className="font-mono">
              {toHex(f.header)}
              <span className="block font-sans text-slate-600 dark:text-slate-400">
                {f.header.length} bytes: FIN=1, MASK={f.masked ? 1 : 0}
                {f.maskKey ? `, key ${toHex(f.maskKey)}` : ""}
              </span>
            </Td>
            <Td size="xs">
              {f.payloadBytes} bytes{f.note ? `: ${f.note}` : ""}
            </Td>
          </tr>
        ))}
      </Table>
    </ScrollBox>
  );
}

export function WebSocketStatic() {
  return (
    <WidgetPanel label="WebSocket upgrade inspector">
      <Handshake wsKey={RFC_EXAMPLE_KEY} />
      <StaticNote>
        Shown with the key from RFC 6455. Editing the key, sending frames and the idle-timeout test appear once the page&apos;s scripts have
        loaded.
      </StaticNote>
    </WidgetPanel>
  );
}
