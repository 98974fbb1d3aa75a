import type { IncomingMessage, ServerResponse } from "node:http";

export declare const PRIME_HEADER: string;
export declare const PAGE_CACHE_CONTROL: string;
export declare function readStaticRoutes(distDir: string): Set<string>;
export declare function readStaticAssets(distDir: string): Set<string>;
export declare function etagOf(body: Buffer | string): string;
export declare function createStaticPages(options: {
  distDir: string;
  origin: string;
  log?: (message: string) => void;
}): (req: IncomingMessage, res: ServerResponse) => boolean;
