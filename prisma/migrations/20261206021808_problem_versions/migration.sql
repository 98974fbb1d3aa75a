-- AlterTable
ALTER TABLE "problems" ADD COLUMN     "created_by_id" TEXT,
ADD COLUMN     "current_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "published_version" INTEGER;

-- AlterTable
ALTER TABLE "designs" ADD COLUMN     "problem_version" INTEGER;

-- CreateTable
CREATE TABLE "problem_versions" (
    "id" TEXT NOT NULL,
    "problem_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "reference_score" DOUBLE PRECISION,

    CONSTRAINT "problem_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "problem_versions_problem_id_version_key" ON "problem_versions"("problem_id", "version");

-- AddForeignKey
ALTER TABLE "problem_versions" ADD CONSTRAINT "problem_versions_problem_id_fkey" FOREIGN KEY ("problem_id") REFERENCES "problems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every problem that existed before versioning is published as version 1, and the designs made
-- against it attempted that version.
INSERT INTO "problem_versions" ("id", "problem_id", "version", "data", "published_at")
SELECT 'v1-' || "id", "id", 1, "data", CURRENT_TIMESTAMP FROM "problems";
UPDATE "problems" SET "published_version" = 1;
UPDATE "designs" SET "problem_version" = 1 WHERE "problem_id" IS NOT NULL;
