-- 0012: planning reads, for each lost customer of the rep's book, when their last deal was
-- lost; without an index on the lost deals by customer that is a scan of every deal per
-- lost customer (seconds for one rep's plan at team scale).

CREATE INDEX deals_lost_by_customer ON deals (customer_id, closed_on) WHERE result = 'lost';
