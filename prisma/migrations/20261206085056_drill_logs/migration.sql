-- CreateTable
CREATE TABLE "drill_logs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "problem_id" TEXT NOT NULL,
    "design_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "scores" JSONB NOT NULL,
    "score_rating" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "due" TIMESTAMPTZ(3) NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previous" JSONB,

    CONSTRAINT "drill_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drill_logs_user_id_problem_id_reviewed_at_idx" ON "drill_logs"("user_id", "problem_id", "reviewed_at");

-- AddForeignKey
ALTER TABLE "drill_logs" ADD CONSTRAINT "drill_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drill_logs" ADD CONSTRAINT "drill_logs_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problems"("id") ON DELETE CASCADE ON UPDATE CASCADE;
