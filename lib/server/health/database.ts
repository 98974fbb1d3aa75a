import "server-only";
import { db } from "@/lib/server/kernel/db";

/** Whether `SELECT 1` answers within `timeoutMs`; a hung database counts as unreachable. */
export async function databaseReachable(timeoutMs = 3000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
