-- 0001: the first schema. Reps own books of customers; calls are append-only and carry
-- the customer's state before them so undo can restore it exactly; deals and contracts
-- make the funnel; plans freeze the daily list.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE reps (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT NOT NULL DEFAULT 'rep' CHECK (role IN ('rep', 'lead')),
    quota      INTEGER CHECK (quota IS NULL OR quota > 0),
    created_at TEXT NOT NULL
);

CREATE TABLE customers (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL,
    company                TEXT NOT NULL DEFAULT '',
    industry               TEXT NOT NULL DEFAULT '',
    region                 TEXT NOT NULL DEFAULT '',
    address                TEXT NOT NULL DEFAULT '',
    source                 TEXT NOT NULL DEFAULT '',
    owner_id               INTEGER REFERENCES reps (id),
    stage                  INTEGER NOT NULL DEFAULT 0 CHECK (stage BETWEEN 0 AND 7),
    intent                 INTEGER NOT NULL DEFAULT 1 CHECK (intent BETWEEN 0 AND 4),
    grade                  TEXT NOT NULL DEFAULT 'C' CHECK (grade IN ('O', 'H', 'A', 'B', 'C')),
    status                 TEXT NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'lost', 'do_not_call', 'invalid')),
    value_cents            INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    tags                   TEXT NOT NULL DEFAULT '',
    birthday               TEXT,
    notes                  TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    last_contact_at        TEXT,
    last_reached_at        TEXT,
    last_not_interested_at TEXT,
    next_call_date         TEXT,
    next_call_time         TEXT,
    attempts               INTEGER NOT NULL DEFAULT 0
);
-- The planner reads one rep's active book on every plan.
CREATE INDEX customers_owner_status ON customers (owner_id, status);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT 'other',
    phone        TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    style        TEXT,
    is_primary   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_customer ON contacts (customer_id);

CREATE TABLE deals (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    owner_id    INTEGER REFERENCES reps (id),
    product     TEXT NOT NULL DEFAULT '',
    value_cents INTEGER NOT NULL DEFAULT 0,
    stage       INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 7),
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    result      TEXT NOT NULL DEFAULT 'open' CHECK (result IN ('open', 'won', 'lost'))
);
-- Every active customer not under contract has exactly one open deal.
CREATE UNIQUE INDEX deals_one_open ON deals (customer_id) WHERE result = 'open';
-- Reports count wins and losses by closed date.
CREATE INDEX deals_closed ON deals (closed_on) WHERE result <> 'open';

CREATE TABLE contracts (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    deal_id     INTEGER REFERENCES deals (id),
    value_cents INTEGER NOT NULL,
    start_on    TEXT NOT NULL,
    end_on      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX contracts_customer ON contracts (customer_id, end_on);

CREATE TABLE calls (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,            -- UTC, RFC 3339
    rep_id         INTEGER NOT NULL REFERENCES reps (id),
    customer_id    INTEGER NOT NULL REFERENCES customers (id),
    contact_id     INTEGER REFERENCES contacts (id),
    channel        TEXT NOT NULL DEFAULT 'phone',
    outcome        TEXT NOT NULL,
    reached        INTEGER NOT NULL,
    duration_s     INTEGER,
    note           TEXT NOT NULL DEFAULT '',
    stage_before   INTEGER NOT NULL,
    stage_after    INTEGER NOT NULL,
    intent_before  INTEGER NOT NULL,
    intent_after   INTEGER NOT NULL,
    grade_before   TEXT NOT NULL,
    grade_after    TEXT NOT NULL,
    next_call_date TEXT,
    next_call_time TEXT,
    state_before   TEXT NOT NULL,            -- JSON of the customer's state, for undo
    effects        TEXT NOT NULL DEFAULT '{}', -- JSON of rows this call made or closed, for undo
    void           INTEGER NOT NULL DEFAULT 0,
    voided_at      TEXT
);
-- The card's history, newest first.
CREATE INDEX calls_customer ON calls (customer_id, at);
-- Undo, today's progress and weekly reports per rep.
CREATE INDEX calls_rep_at ON calls (rep_id, at);
CREATE INDEX calls_at ON calls (at);

CREATE TABLE stage_changes (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    call_id     INTEGER REFERENCES calls (id),  -- NULL: a contract expired, or an import
    at          TEXT NOT NULL,
    from_stage  INTEGER NOT NULL,
    to_stage    INTEGER NOT NULL
);
CREATE INDEX stage_changes_at ON stage_changes (at);

CREATE TABLE complaints (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    text             TEXT NOT NULL,
    opened_at        TEXT NOT NULL,
    opened_call_id   INTEGER REFERENCES calls (id),
    resolved_at      TEXT,
    resolved_call_id INTEGER REFERENCES calls (id)
);
CREATE INDEX complaints_open ON complaints (customer_id) WHERE resolved_at IS NULL;

CREATE TABLE plans (
    rep_id     INTEGER NOT NULL REFERENCES reps (id),
    day        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (rep_id, day)
);

CREATE TABLE plan_entries (
    rep_id      INTEGER NOT NULL,
    day         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    score       REAL NOT NULL,
    must_call   INTEGER NOT NULL DEFAULT 0,
    reasons     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (rep_id, day, position),
    FOREIGN KEY (rep_id, day) REFERENCES plans (rep_id, day) ON DELETE CASCADE
);

CREATE TABLE pins (
    rep_id      INTEGER NOT NULL REFERENCES reps (id),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    day         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (rep_id, day, customer_id)
);
