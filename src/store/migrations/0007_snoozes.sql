-- 0007: a rep can move planned customers' next calls without calling them ("rep off sick",
-- "closed for the holiday"): each skip is kept with the day's plan and its reason, so plan
-- adherence counts it as skipped and the weekly summary says why; the next call it
-- replaced is kept, so undo puts it back. One `z` over several rows is one batch.
CREATE TABLE IF NOT EXISTS snoozes (
    id               INTEGER PRIMARY KEY,
    batch            INTEGER NOT NULL,
    rep_id           INTEGER NOT NULL REFERENCES reps (id),
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    day              TEXT NOT NULL,
    reason           TEXT NOT NULL,
    next_date_before TEXT,
    next_time_before TEXT,
    next_by_before   TEXT NOT NULL DEFAULT 'rule',
    next_date        TEXT NOT NULL,
    next_time        TEXT,
    at               TEXT NOT NULL,
    void             INTEGER NOT NULL DEFAULT 0
);
-- The daily list and the weekly summary look skips up by rep and day.
CREATE INDEX IF NOT EXISTS snoozes_by_rep_day ON snoozes (rep_id, day) WHERE void = 0;
