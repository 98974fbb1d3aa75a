import path from "node:path";

// Next builds and tests both run from the repository root.
export const ROOT_DIR = process.cwd();
export const CONTENT_DIR = path.join(ROOT_DIR, "content");
export const PUBLIC_DIR = path.join(ROOT_DIR, "public");
