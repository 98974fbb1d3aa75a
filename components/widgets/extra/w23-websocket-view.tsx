import { keyProblem, RFC_EXAMPLE_KEY, toHex, upgradeRequest, upgradeResponse, type Session } from "@/lib/core/widgets/websocket";
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

export function FrameTable({ session }: { session: Session }) {
  if (session.frames.length === 0) return <p className="text-slate-600 dark:text-slate-400">No frames yet: the connection is open and quiet.</p>;
  return (
    <ScrollBox label="Frames" className="max-h-72 overflow-auto">
      <table className="w-full border-collapse text-left text-xs">
        <caption className="sr-only">Frames sent on the connection</caption>
        <thead>
          <tr className="border-b border-slate-300 uppercase tracking-wide text-slate-600 dark:border-slate-600 dark:text-slate-400">
            <th scope="col" className="py-1 pr-2 font-medium">#</th>
            <th scope="col" className="py-1 pr-2 font-medium">At</th>
            <th scope="col" className="py-1 pr-2 font-medium">From</th>
            <th scope="col" className="py-1 pr-2 font-medium">Frame</th>
            <th scope="col" className="py-1 pr-2 font-medium">Header bytes</th>
            <th scope="col" className="py-1 font-medium">Payload</th>
          </tr>
        </thead>
        <tbody>
          {session.frames.map((f) => (
            <tr key={f.n} className="border-b border-slate-200 align-top last:border-0 dark:border-slate-700">
              <td className="py-1 pr-2 font-mono">{f.n}</td>
              <td className="py-1 pr-2 font-mono">{f.atS} s</td>
              <td className="py-1 pr-2">{f.from}</td>
              <th scope="row" className="py-1 pr-2 font-normal">
                {f.kind} (opcode 0x{f.opcode.toString(16).toUpperCase()})
              </th>
              <td className="py-1 pr-2 font-mono">
                {toHex(f.header)}
                <span className="block font-sans text-slate-600 dark:text-slate-400">
                  {f.header.length} bytes: FIN=1, MASK={f.masked ? 1 : 0}
                  {f.maskKey ? `, key ${toHex(f.maskKey)}` : ""}
                </span>
              </td>
              <td className="py-1">
                {f.payloadBytes} bytes{f.note ? `: ${f.note}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
