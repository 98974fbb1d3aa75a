-- An answer is identified by its attempt and its position in it (each attempt stores one answer per position), and
-- nothing ever looked an answer up by its own id: every reader goes by attempt (a result, a replay, the statistics
-- job) or by question (the dashboard, instructors). So the key becomes (attempt_id, position), which also serves
-- every by-attempt read in position order, and both the random text id and the separate attempt_id index go: a
-- submission of five answers wrote 15 index entries into quiz_answers (5 of them at random places in the id
-- index) and now writes 10.
ALTER TABLE "quiz_answers" DROP CONSTRAINT "quiz_answers_pkey";
DROP INDEX "quiz_answers_attempt_id_idx";
ALTER TABLE "quiz_answers" DROP COLUMN "id";
ALTER TABLE "quiz_answers" ADD CONSTRAINT "quiz_answers_pkey" PRIMARY KEY ("attempt_id", "position");
