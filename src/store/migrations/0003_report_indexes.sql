-- 0003: the weekly report and the funnel read the whole team at once. Appointments are
-- found by the day they are due, open deals are summed per owner and stage, and book
-- coverage counts active customers by when they were last contacted, each from an index
-- instead of a scan of the table.

CREATE INDEX calls_appointments ON calls (next_call_date) WHERE next_call_time IS NOT NULL;
CREATE INDEX deals_open_owner ON deals (owner_id, stage, opened_on, value_cents) WHERE result = 'open';
CREATE INDEX customers_active_contact ON customers (owner_id, last_contact_at, created_at)
    WHERE status = 'active';
