-- A quiz submission rewrites the review card of every question it answered, and "due" always moves, so with an
-- index on (user_id, due) no card update could be HOT: each wrote a new entry into both of the table's indexes
-- (10 of a 5-answer submission's ~43 index entries) and left a dead one behind for vacuum. Every reader of cards
-- is one user's (the review queue, the dashboard, the FSRS job), and a user has at most one card per question,
-- so the primary key (user_id, question_id) finds them all; the queue's "due <= end OR pending" could not use the
-- due index anyway.
DROP INDEX "review_cards_user_id_due_idx";

-- Room on each page for the new version of a row updated in place (HOT needs it on the same page): cards on
-- every submission, attempt plans when one is submitted (submitted_at) or an answer is checked or a hint shown.
ALTER TABLE "review_cards" SET (fillfactor = 80);
ALTER TABLE "attempt_plans" SET (fillfactor = 80);
