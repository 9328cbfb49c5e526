-- PostgreSQL's 0004, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0004: a customer's stage at a past moment is the stage its first later change started
-- from; weekly summaries of past weeks read their pipeline that way.
CREATE INDEX stage_changes_customer_at ON stage_changes (customer_id, at);
