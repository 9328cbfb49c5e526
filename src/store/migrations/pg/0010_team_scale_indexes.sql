-- PostgreSQL's 0010, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0010: at team scale (100 reps, 100,000 customers, a million calls) the queries that run
-- for every plan and every undo must read one rep's rows, not the team's:
-- the contract-expiry pass looks up won, active customers (of one book, or of everyone)
-- instead of scanning the customers table; undo finds a rep's last live call as the last
-- entry of an index instead of sorting all of the rep's calls; the calendar reads active
-- customers by the day of their next call.

CREATE INDEX customers_stage_status ON customers (stage, status, owner_id);
CREATE INDEX calls_rep_live ON calls (rep_id) WHERE void = 0;
CREATE INDEX customers_next_call ON customers (owner_id, next_call_date)
    WHERE status = 'active';

-- The funnel counts stage moves per owner by walking the owners' customers and reading each
-- one's recent moves from this index alone; it replaces the narrower (customer_id, at).
DROP INDEX stage_changes_customer_at;
CREATE INDEX stage_changes_customer_moves ON stage_changes (customer_id, at, from_stage, to_stage);
