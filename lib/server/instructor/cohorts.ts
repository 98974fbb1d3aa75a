import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/kernel/db";
import { AppError } from "@/lib/server/kernel/errors";
import { assertCandidate, assertInstructor, type Actor } from "./gate";
import { audit } from "./questions";

export type CohortSummary = { id: string; name: string; inviteToken: string; members: number; createdAt: Date };

const newToken = () => randomBytes(18).toString("base64url");

export async function createCohort(actor: Actor, name: string): Promise<CohortSummary> {
  assertInstructor(actor);
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.create({ data: { name, ownerId: actor.id, inviteToken: newToken() } });
    await audit(tx, actor.id, "create", cohort.id, { name }, "cohort");
    return { id: cohort.id, name: cohort.name, inviteToken: cohort.inviteToken, members: 0, createdAt: cohort.createdAt };
  });
}

/** The caller's own cohorts; an instructor never sees another instructor's cohorts. */
export async function listOwnCohorts(actor: Actor): Promise<CohortSummary[]> {
  assertInstructor(actor);
  const rows = await db.cohort.findMany({
    where: { ownerId: actor.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, inviteToken: true, createdAt: true, _count: { select: { members: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, inviteToken: r.inviteToken, members: r._count.members, createdAt: r.createdAt }));
}

async function ownCohort(actor: Actor, cohortId: string) {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, ownerId: true, name: true } });
  if (!cohort || cohort.ownerId !== actor.id) throw new AppError(404, "No such cohort.");
  return cohort;
}

/** A new invite link; the old one stops working (for a link that was shared too widely). */
export async function renewCohortInvite(actor: Actor, cohortId: string): Promise<{ inviteToken: string }> {
  assertInstructor(actor);
  await ownCohort(actor, cohortId);
  return db.$transaction(async (tx) => {
    const updated = await tx.cohort.update({ where: { id: cohortId }, data: { inviteToken: newToken() } });
    await audit(tx, actor.id, "renew-invite", cohortId, {}, "cohort");
    return { inviteToken: updated.inviteToken };
  });
}

export async function deleteCohort(actor: Actor, cohortId: string): Promise<{ id: string }> {
  assertInstructor(actor);
  const cohort = await ownCohort(actor, cohortId);
  await db.$transaction(async (tx) => {
    await tx.cohort.delete({ where: { id: cohortId } });
    await audit(tx, actor.id, "delete", cohortId, { name: cohort.name }, "cohort");
  });
  return { id: cohortId };
}

export type InviteView = { id: string; name: string; owner: string; members: number; isMember: boolean; isOwner: boolean };

/** What the invite page shows; null for an unknown token. */
export async function getInvite(actor: Actor, token: string): Promise<InviteView | null> {
  assertCandidate(actor);
  const cohort = await db.cohort.findUnique({
    where: { inviteToken: token },
    select: { id: true, name: true, ownerId: true, owner: { select: { name: true } }, _count: { select: { members: true } } },
  });
  if (!cohort) return null;
  const member = await db.cohortMember.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId: actor.id } } });
  return {
    id: cohort.id,
    name: cohort.name,
    owner: cohort.owner.name,
    members: cohort._count.members,
    isMember: member !== null,
    isOwner: cohort.ownerId === actor.id,
  };
}

/** Joining twice is harmless: the second call finds the membership and changes nothing. */
export async function joinCohort(actor: Actor, token: string): Promise<{ cohortId: string; name: string }> {
  assertCandidate(actor);
  const cohort = await db.cohort.findUnique({ where: { inviteToken: token }, select: { id: true, name: true, ownerId: true } });
  if (!cohort) throw new AppError(404, "This invite link is not valid any more; ask your instructor for a new one.");
  if (cohort.ownerId === actor.id) throw new AppError(409, "You run this cohort, so you cannot join it as a member.");
  await db.cohortMember.upsert({
    where: { cohortId_userId: { cohortId: cohort.id, userId: actor.id } },
    create: { cohortId: cohort.id, userId: actor.id },
    update: {},
  });
  return { cohortId: cohort.id, name: cohort.name };
}

export async function leaveCohort(actor: Actor, cohortId: string): Promise<{ cohortId: string }> {
  assertCandidate(actor);
  await db.cohortMember.deleteMany({ where: { cohortId, userId: actor.id } });
  return { cohortId };
}

/** The cohorts the caller belongs to, for the candidate's own pages. */
export async function myCohorts(actor: Actor): Promise<{ id: string; name: string; owner: string; joinedAt: Date }[]> {
  assertCandidate(actor);
  const rows = await db.cohortMember.findMany({
    where: { userId: actor.id },
    orderBy: { joinedAt: "desc" },
    select: { joinedAt: true, cohort: { select: { id: true, name: true, owner: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ id: r.cohort.id, name: r.cohort.name, owner: r.cohort.owner.name, joinedAt: r.joinedAt }));
}
