-- PostgreSQL's 0009, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0009: the sales method followed through. A call that loses a customer says why; an
-- after-sale or follow-up call records the customer's satisfaction (1-5); a resolved
-- complaint books its follow-up call (回访) and remembers the call that made it.
ALTER TABLE calls ADD COLUMN loss_reason TEXT COLLATE "C";
ALTER TABLE calls ADD COLUMN satisfaction BIGINT
    CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5);
ALTER TABLE complaints ADD COLUMN follow_up_on TEXT COLLATE "C";
ALTER TABLE complaints ADD COLUMN follow_up_call_id BIGINT REFERENCES calls (id);
-- Lost customers are read back for win-back by owner.
CREATE INDEX customers_owner_lost ON customers (owner_id) WHERE status = 'lost';
-- Complaints as a workflow (创建、分配、解决、跟踪、反馈、回访): what kind, who handles it, by
-- when, and how it was resolved.
ALTER TABLE complaints ADD COLUMN category TEXT COLLATE "C" NOT NULL DEFAULT 'other';
ALTER TABLE complaints ADD COLUMN assignee_id BIGINT REFERENCES reps (id);
ALTER TABLE complaints ADD COLUMN due_on TEXT COLLATE "C";
ALTER TABLE complaints ADD COLUMN resolution TEXT COLLATE "C" NOT NULL DEFAULT '';
-- A monthly revenue target per rep (the team's is the sum), in cents.
ALTER TABLE reps ADD COLUMN target_cents BIGINT CHECK (target_cents IS NULL OR target_cents >= 0);
