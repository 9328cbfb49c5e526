-- 0012: planning reads, for each lost customer of the rep's book, when their last deal was
-- lost; without an index on the lost deals by customer that is a scan of every deal per
-- lost customer (seconds for one rep's plan at team scale).

CREATE INDEX deals_lost_by_customer ON deals (customer_id, closed_on) WHERE result = 'lost';

-- The funnel and its forecast count the deals closed in a window per owner and result:
-- with the columns they add up in the index, the window is read from it alone instead of
-- one deal row lookup per closed deal.
DROP INDEX deals_closed;
CREATE INDEX deals_closed ON deals (closed_on, owner_id, result, stage, value_cents)
    WHERE result <> 'open';
