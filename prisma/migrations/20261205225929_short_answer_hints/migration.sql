-- AlterEnum
ALTER TYPE "QuestionType" ADD VALUE 'short_answer';

-- AlterTable
ALTER TABLE "attempt_plans" ADD COLUMN     "hints" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "quiz_answers" ADD COLUMN     "hint_cost" DOUBLE PRECISION NOT NULL DEFAULT 0;
