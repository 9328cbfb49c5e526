-- PostgreSQL's 0003, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0003: the weekly report and the funnel read the whole team at once. Each of these lets
-- one of their queries read an index alone instead of visiting scattered table rows:
-- appointments by the day they fall due, a customer's live (non-void) calls, open deals
-- per owner and stage, and active customers by when they were last contacted.

CREATE INDEX calls_appointments ON calls (next_call_date, customer_id, at, rep_id)
    WHERE next_call_time IS NOT NULL AND void = 0;
CREATE INDEX calls_live_by_customer ON calls (customer_id, at) WHERE void = 0;
CREATE INDEX deals_open_owner ON deals (owner_id, stage, opened_on, value_cents)
    WHERE result = 'open';
CREATE INDEX customers_active_contact ON customers (owner_id, last_contact_at, created_at)
    WHERE status = 'active';
