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
