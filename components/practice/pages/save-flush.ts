// The interview's buttons score the design as saved on the server, so they first flush the canvas's pending
// autosave. The workspace registers how; there is one workspace per page.

let flusher: (() => Promise<void>) | null = null;

export function registerSaveFlush(fn: (() => Promise<void>) | null): void {
  flusher = fn;
}

export async function flushPendingSave(): Promise<void> {
  await flusher?.();
}
