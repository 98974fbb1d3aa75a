import type { IncomingMessage, ServerResponse } from "node:http";

export declare const DIRECT_ROUTES: { method: string; pathname: string; page: string }[];

export type NextCompression = {
  compression: () => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  releaseCompressionStream: (res: ServerResponse) => void;
};

export declare function createDirectRoutes(options: {
  distDir: string;
  log?: (message: string) => void;
  enabled?: boolean;
  nextCompression?: () => Promise<NextCompression>;
}): Promise<(req: IncomingMessage, res: ServerResponse) => boolean>;
