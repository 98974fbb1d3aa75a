import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_PARAMS as PARAMS } from "@/lib/auth/password-params";

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the email is unknown keeps sign-in time the same for unknown and known
// accounts, so timing does not reveal which emails are registered.
let dummy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hash("roundtrip-dummy-password", PARAMS);
  await verifyPassword(await dummy, password);
}
