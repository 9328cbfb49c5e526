-- 0004: a customer's stage at a past moment is the stage its first later change started
-- from; weekly summaries of past weeks read their pipeline that way.
CREATE INDEX stage_changes_customer_at ON stage_changes (customer_id, at);
