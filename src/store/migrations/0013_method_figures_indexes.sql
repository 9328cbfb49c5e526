-- 0013: the sales method's figures in the funnel and the weekly summary, at team scale
-- (a million calls), read a few index entries instead of every call of the period:
-- satisfaction scores and loss reasons are on few calls, so each gets a partial index
-- holding what its GROUP BY adds up; the RFM tier counts each customer's reached calls of
-- 90 days from an index of reached calls alone; the grade counts "a week ago" read only
-- the calls that changed a grade or whether the customer was active.

CREATE INDEX calls_satisfaction ON calls (at, rep_id, satisfaction)
    WHERE void = 0 AND satisfaction IS NOT NULL;
CREATE INDEX calls_losses ON calls (at, rep_id, loss_reason)
    WHERE void = 0 AND loss_reason IS NOT NULL;
CREATE INDEX calls_reached_by_customer ON calls (customer_id, at)
    WHERE void = 0 AND reached = 1;
CREATE INDEX calls_grade_moves ON calls (at, customer_id, grade_before,
        (state_before LIKE '%"status":"active"%'))
    WHERE void = 0 AND (grade_before <> grade_after OR state_after IS NULL
        OR (state_before LIKE '%"status":"active"%') <> (state_after LIKE '%"status":"active"%'));
-- Revenue of the last 12 months per customer, for the ABC tier, from the index alone.
CREATE INDEX contracts_customer_revenue ON contracts (customer_id, start_on, value_cents);
-- One rep's closed deals in a window, from that rep's entries (the funnel and the weekly
-- summary of one rep).
CREATE INDEX deals_closed_by_owner ON deals (owner_id, closed_on, result, stage, value_cents)
    WHERE result <> 'open';
-- A reached call looks for the customer's resolved complaint whose follow-up call is due.
CREATE INDEX complaints_follow_up ON complaints (customer_id, follow_up_on)
    WHERE resolved_at IS NOT NULL AND follow_up_call_id IS NULL;
