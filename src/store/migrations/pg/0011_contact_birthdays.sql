-- 0011: a contact's birthday (YYYY-MM-DD), for the care calls a contact's birthday puts on
-- the list like the customer's own.
ALTER TABLE contacts ADD COLUMN birthday TEXT;
