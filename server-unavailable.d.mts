import type { IncomingMessage, ServerResponse } from "node:http";

export declare const RETRY_AFTER_SECONDS: number;
export declare const UNAVAILABLE_PAGE: Buffer;
export declare function databaseCanWrite(url: string | undefined): Promise<boolean>;
export declare function databaseFailedRecently(withinMs?: number): boolean;
export declare function isDocumentRequest(req: IncomingMessage): boolean;
export declare function guardDocumentResponse(res: ServerResponse, canWrite: () => Promise<boolean>): void;
