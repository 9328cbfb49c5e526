-- PostgreSQL's 0005, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0005: the daily list keeps promises. A next call remembers who set it (the outcome's
-- rule, the rep, the customer's callback, a "not interested"), so the planner can put
-- promises before coverage and never pull a "not now" forward to fill the quota; a
-- contact's number can be marked wrong while the customer's other numbers stay in use;
-- a frozen plan remembers how many due customers did not fit.
ALTER TABLE customers ADD COLUMN next_call_by TEXT COLLATE "C" NOT NULL DEFAULT 'rule'
    CHECK (next_call_by IN ('rule', 'rep', 'customer', 'not_interested'));
-- Appointments were always a time the customer named; a next call set by the last
-- conversation being "not interested" was that answer's.
UPDATE customers SET next_call_by = 'customer' WHERE next_call_time IS NOT NULL;
UPDATE customers SET next_call_by = 'not_interested'
    WHERE next_call_time IS NULL AND next_call_date IS NOT NULL
      AND last_not_interested_at IS NOT NULL AND last_not_interested_at = last_contact_at;

ALTER TABLE contacts ADD COLUMN phone_bad BIGINT NOT NULL DEFAULT 0;

ALTER TABLE plans ADD COLUMN overflow BIGINT NOT NULL DEFAULT 0;
