// Demo data, inserted idempotently: running it twice changes nothing, and it never overwrites what a user changed.
import { hash } from "@node-rs/argon2";
import { PrismaPg } from "@prisma/adapter-pg";
import { ARGON2_PARAMS } from "../../lib/auth/password-params.ts";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { seedProblems } from "./seed-problems.ts";
import { seedQuestions } from "./seed-questions.ts";

export const DEMO_PASSWORD = "roundtrip-demo";

export const DEMO_ACCOUNTS = [
  { email: "candidate@roundtrip.dev", name: "Casey Candidate", role: "CANDIDATE" },
  { email: "instructor@roundtrip.dev", name: "Ines Instructor", role: "INSTRUCTOR" },
  { email: "admin@roundtrip.dev", name: "Ada Admin", role: "ADMIN" },
] as const;

export async function seed(connectionString: string, log: (m: string) => void = () => {}): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    let created = 0;
    for (const account of DEMO_ACCOUNTS) {
      const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } });
      if (exists) continue;
      await prisma.user.create({ data: { ...account, passwordHash: await hash(DEMO_PASSWORD, ARGON2_PARAMS) } });
      created += 1;
    }
    log(created ? `Seeded ${created} demo account(s).` : "Demo accounts already present.");
    await seedQuestions(prisma, log);
    await seedProblems(prisma, log);
  } finally {
    await prisma.$disconnect();
  }
}
