### The sales method's own words: stages, intent, grades, outcomes, statuses, roles,
### communication styles and their tips.

stage-0 = not yet reached
stage-1 = newly assigned
stage-2 = contacted, needs known
stage-3 = interested, quote sent
stage-4 = intends to choose us
stage-5 = contract sent
stage-6 = under contract
stage-7 = renewal due

intent-0 = poor
intent-1 = unclear
intent-2 = possible
intent-3 = good
intent-4 = very likely

grade-O = order with a deposit, not yet delivered
grade-H = closes within 7 days
grade-A = closes within a month
grade-B = closes in 1 to 3 months
grade-C = more than 3 months

outcome-no_answer = no answer
outcome-busy = busy, call back today
outcome-reached = reached, talked
outcome-callback = callback at a time
outcome-sent_info = sent info / quote
outcome-contract_sent = contract sent
outcome-won = won / signed
outcome-not_interested = not interested
outcome-wrong_number = wrong number
outcome-do_not_call = do not call

status-active = active
status-lost = lost
status-do_not_call = do not call
status-invalid = no valid number

role-buyer = buyer
role-user = user
role-gatekeeper = gatekeeper
role-decision_maker = decision maker
role-other = other

style-driver = driver
style-expressive = expressive
style-amiable = amiable
style-analytical = analytical

tip-driver = Be brief, lead with results and the decision you need.
tip-expressive = Share the vision and stories; confirm details in writing after.
tip-amiable = Build trust first; no pressure, offer guarantees and references.
tip-analytical = Bring data and specifics; give time to study, answer precisely.

## Dates and money as typed

when-forms = today, tomorrow, fri, +3d, +2w, +1m, 3 (working days), w (next week), m (next month), 2026-12-01, each optionally followed by a time like 15:30
when-empty = empty date: write one of { $forms }
when-unreadable = cannot read '{ $input }' as a date: write one of { $forms }
when-past-day = '{ $input }' is in the past (today is { $today }): give today or a later date
when-past-time = '{ $input }' is in the past (it is now { $now }): give a later time or another day
money-unreadable = cannot read '{ $input }' as money: write a number like 1234.50 or ¥1,234.50
money-negative = '{ $input }' is negative: a value must be 0 or more
err-stage-6-means-under-contract-record = stage 6 means under contract: record the call with outcome won to set it
err-this-customer-is-under-contract-the = this customer is under contract: the stage can only move on to 7 (renewal due)
err-this-customer-asked-not-to-be = this customer asked not to be called (do_not_call): calldeck records no more calls to them
err-this-customer-has-no-open-complaint = this customer has no open complaint to resolve: leave out --resolve
err-a-complaint-needs-its-text-complaint = a complaint needs its text: --complaint "what went wrong"
err-schedules-no-next-call-leave-out = { $outcome } schedules no next call: leave out the next-call date
err-satisfaction-is-out-of-range-give = satisfaction { $score } is out of range: give 1 (very unhappy) to 5 (very happy)
err-a-callback-needs-the-time-the = a callback needs the time the customer named: give it as the next call, e.g. "fri 15:00"
err-a-win-needs-the-contract-value = a win needs the contract value: give it with --value (the customer has no estimated value)
err-contract-start-date-is-out-of = contract start date is out of range
err-the-contract-ends-before-it-starts = the contract ends ({ $end }) before it starts ({ $start }): give an end date after the start
err-the-contract-would-have-ended-already = the contract would have ended already ({ $end }): give an end date from today on
err-this-call-marks-the-customer-lost = this call marks the customer lost: say why with --reason ({ $a0 })
err-unknown-loss-reason-use-one-of = unknown loss reason '{ $reason }': use one of { $a0 }
err-a-loss-for-another-reason-needs = a loss for another reason needs a note that says why: --note "..."
err-expected-close-is-in-the-past = expected close { $close } is in the past: give today or a later date
err-next-call-is-in-the-past = next call { $next } is in the past (now { $a0 }): give a later date or time
err-unknown-grade-use-o-h-a = unknown grade '{ $s }': use O, H, A, B or C
err-unknown-status-use-active-lost-do = unknown status '{ $s }': use active, lost, do_not_call or invalid
err-unknown-outcome-use-one-of = unknown outcome '{ $s }': use one of { $a0 }
err-unknown-channel-use-phone-email-visit = unknown channel '{ $s }': use phone, email, visit or message
err-unknown-role-use-buyer-user-gatekeeper = unknown role '{ $s }': use buyer, user, gatekeeper, decision_maker or other
err-unknown-style-use-driver-expressive-amiable = unknown style '{ $s }': use driver, expressive, amiable or analytical
err-stage-does-not-exist-use-0 = stage { $stage } does not exist: use 0 to 7
err-intent-does-not-exist-use-0 = intent { $intent } does not exist: use 0 (poor) to 4 (very likely)
err-calldeck-now-is-not-an-rfc = CALLDECK_NOW='{ $s }' is not an RFC 3339 time: write e.g. 2026-11-23T09:00:00+08:00
err-calldeck-now-is-out-of-range = CALLDECK_NOW='{ $s }' is out of range: give a time in the years 1900 to 9989
err-is-out-of-range-calldeck-keeps = { $what } { $d } is out of range: calldeck keeps dates from 0001-01-01 to 9999-12-31

## Customer tiers by recency and frequency, and the built-in loss reasons

rfm-gold = gold
rfm-forgotten = forgotten
rfm-developing = developing
rfm-potential = potential
loss-price = price
loss-competitor = competitor
loss-no_budget = no budget
loss-no_need = no need
loss-unreachable = unreachable
loss-other = other

## Questions asked before logging a call that cannot easily be taken back

caution-do-not-call = mark this customer do-not-call for good?
caution-wrong-number = mark this number wrong?
caution-drops-hot-deal = log not interested on a deal this far along?
caution-second-call = log a second call today?
