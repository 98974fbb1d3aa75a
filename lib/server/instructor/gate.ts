import "server-only";
import type { Actor as SignedIn } from "@/lib/server/kernel/auth";
import { hasGrant } from "@/lib/server/kernel/grants";
import { AppError } from "@/lib/server/kernel/errors";

/** Thrown by a service when the caller's role is not enough; pages and actions already check, this is the backstop. */
export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow that.") {
    super(403, message);
  }
}

export type Actor = Pick<SignedIn, "id" | "role">;

/** Every instructor service starts here, so no caller can skip the role check by going around an action. */
export function assertInstructor(actor: Actor | null): asserts actor is Actor {
  if (!actor || !hasGrant(actor, "instructor")) throw new ForbiddenError();
}

export function assertCandidate(actor: Actor | null): asserts actor is Actor {
  if (!actor || !hasGrant(actor, "candidate")) throw new ForbiddenError("Sign in to do that.");
}
