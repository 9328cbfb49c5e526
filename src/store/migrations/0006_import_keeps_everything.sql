-- 0006: an import keeps everything a file held. Columns that map to no field stay with
-- their customer as extra fields (shown, exported, searched); another CRM's own record id
-- is kept so a second import of the same export updates instead of duplicating, and a
-- deals file that names accounts only by id finds them; each contact keeps what kind of
-- number or address it is and its extension.

CREATE TABLE customer_fields (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (customer_id, name)
);

CREATE TABLE external_ids (
    external_id TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX external_ids_customer ON external_ids (customer_id);

ALTER TABLE contacts ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN extension TEXT NOT NULL DEFAULT '';
