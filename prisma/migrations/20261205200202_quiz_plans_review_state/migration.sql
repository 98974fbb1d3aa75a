-- AlterTable
ALTER TABLE "users" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "review_cards" ADD COLUMN     "pending_at" TIMESTAMPTZ(3),
ADD COLUMN     "pending_response" JSONB,
ADD COLUMN     "pending_score" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "review_logs" ADD COLUMN     "previous" JSONB,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'quiz';

-- CreateTable
CREATE TABLE "attempt_plans" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "chapter" TEXT,
    "mode" TEXT NOT NULL,
    "spec_key" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "committed" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "attempt_plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "attempt_plans_user_id_spec_key_created_at_idx" ON "attempt_plans"("user_id", "spec_key", "created_at");

-- AddForeignKey
ALTER TABLE "attempt_plans" ADD CONSTRAINT "attempt_plans_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
