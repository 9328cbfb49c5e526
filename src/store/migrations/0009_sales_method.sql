-- 0009: the sales method followed through. A call that loses a customer says why; an
-- after-sale or follow-up call records the customer's satisfaction (1-5); a resolved
-- complaint books its follow-up call (回访) and remembers the call that made it.
ALTER TABLE calls ADD COLUMN loss_reason TEXT;
ALTER TABLE calls ADD COLUMN satisfaction INTEGER
    CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5);
ALTER TABLE complaints ADD COLUMN follow_up_on TEXT;
ALTER TABLE complaints ADD COLUMN follow_up_call_id INTEGER REFERENCES calls (id);
-- Lost customers are read back for win-back by owner.
CREATE INDEX customers_owner_lost ON customers (owner_id) WHERE status = 'lost';
-- Complaints as a workflow (创建、分配、解决、跟踪、反馈、回访): what kind, who handles it, by
-- when, and how it was resolved.
ALTER TABLE complaints ADD COLUMN category TEXT NOT NULL DEFAULT 'other';
ALTER TABLE complaints ADD COLUMN assignee_id INTEGER REFERENCES reps (id);
ALTER TABLE complaints ADD COLUMN due_on TEXT;
ALTER TABLE complaints ADD COLUMN resolution TEXT NOT NULL DEFAULT '';
-- A monthly revenue target per rep (the team's is the sum), in cents.
ALTER TABLE reps ADD COLUMN target_cents INTEGER CHECK (target_cents IS NULL OR target_cents >= 0);
