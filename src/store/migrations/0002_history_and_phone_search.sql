-- 0002: edits and import updates keep what they replaced (a customer's history), and
-- duplicate checks and search look contacts up by phone digits.

CREATE TABLE customer_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    source      TEXT NOT NULL   -- 'edit', 'import', 'assign'
);
CREATE INDEX customer_history_customer ON customer_history (customer_id, at);

CREATE INDEX contacts_phone_digits ON contacts (phone_digits) WHERE phone_digits <> '';

-- A frozen plan remembers the quota it was made for, so a past day shows it as it was.
ALTER TABLE plans ADD COLUMN quota INTEGER NOT NULL DEFAULT 0;

-- Each call keeps the customer's state right after it too, so undo can put back only
-- what the call changed and keep edits made since (a new value, a new phone).
ALTER TABLE calls ADD COLUMN state_after TEXT;
