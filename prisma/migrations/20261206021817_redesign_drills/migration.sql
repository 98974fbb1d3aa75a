-- AlterTable
ALTER TABLE "designs" ADD COLUMN     "drill_stage" TEXT;

-- CreateTable
CREATE TABLE "drill_cards" (
    "user_id" TEXT NOT NULL,
    "problem_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "due" TIMESTAMPTZ(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsed_days" INTEGER NOT NULL,
    "scheduled_days" INTEGER NOT NULL,
    "learning_steps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "last_review" TIMESTAMPTZ(3),
    "last_rating" INTEGER NOT NULL,
    "last_score" DOUBLE PRECISION NOT NULL,
    "attempt_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "drill_cards_pkey" PRIMARY KEY ("user_id","problem_id")
);

-- CreateIndex
CREATE INDEX "drill_cards_user_id_due_idx" ON "drill_cards"("user_id", "due");

-- AddForeignKey
ALTER TABLE "drill_cards" ADD CONSTRAINT "drill_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drill_cards" ADD CONSTRAINT "drill_cards_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problems"("id") ON DELETE CASCADE ON UPDATE CASCADE;
