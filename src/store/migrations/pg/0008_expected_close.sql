-- PostgreSQL's 0008, the same schema as SQLite's: BIGINT for integers (and 0/1
-- flags), TEXT in byte order (COLLATE "C") so lists sort as they do on SQLite.
-- 0008: a forecast needs a horizon. An open deal carries the date the rep expects it to
-- close (set when a call is logged, defaulting from the grade, or brought in by an
-- import); the forecast for a month or a quarter counts the deals expected to close in it.
-- Deals without one take their customer's grade's default at the time of the report.
ALTER TABLE deals ADD COLUMN expected_close TEXT COLLATE "C";
