-- AlterTable
ALTER TABLE "designs" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "gave_up" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "what_if" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "interview_stages" (
    "id" TEXT NOT NULL,
    "design_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "round" TEXT NOT NULL DEFAULT '',
    "answer" JSONB NOT NULL,
    "feedback" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "max_score" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "interview_stages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "interview_stages_design_id_stage_round_created_at_idx" ON "interview_stages"("design_id", "stage", "round", "created_at");

-- AddForeignKey
ALTER TABLE "interview_stages" ADD CONSTRAINT "interview_stages_design_id_fkey" FOREIGN KEY ("design_id") REFERENCES "designs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
