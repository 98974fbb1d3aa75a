-- CreateTable
CREATE TABLE "item_stats_snapshots" (
    "scope" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL,
    "report" JSONB NOT NULL,

    CONSTRAINT "item_stats_snapshots_pkey" PRIMARY KEY ("scope")
);
