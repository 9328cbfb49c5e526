key-help-every-key = help: every key
key-quit = quit
key-back = back
key-move-up = move up
key-move-down = move down
key-go-to-the-top = go to the top
key-go-to-the-bottom = go to the bottom
key-page-up = page up
key-page-down = page down
key-search-customers = search customers
key-today-s-list = today's list
key-tomorrow-preview-and-pins = tomorrow: preview and pins
key-funnel-and-forecast = funnel and forecast
key-team-progress-leads = team progress (leads)
key-undo-the-last-call-logged-here = undo the last call logged here
key-open-the-customer-s-card = open the customer's card
key-pin-unpin-for-tomorrow = pin / unpin for tomorrow
key-add-a-customer = add a customer
key-replan-today-keeps-what-is-done = replan today (keeps what is done)
key-add-5-more-that-are-due-the-overflow = add 5 more that are due (the overflow)
key-customers-who-need-a-number = customers who need a number
key-call-dial-or-copy = call: dial or copy
key-snooze-move-the-next-call-with-a-reason = snooze: move the next call, with a reason
key-select-the-row-z-then-moves-all-selected = select the row (z then moves all selected)
key-select-every-row-still-to-call-clear = select every row still to call / clear
key-move-them = move them
key-cancel = cancel
key-date-reason = date / reason
key-previous-field = previous field
key-next-to-call = next to call
key-edit-the-customer = edit the customer
key-open-the-selected-card = open the selected card
key-close-search = close search
key-previous-match = previous match
key-next-match = next match
key-delete-a-character = delete a character
key-save-the-call = save the call
key-cancel-nothing-is-written = cancel (nothing is written)
key-next-call-today = next call today
key-next-call-next-week = next call next week
key-next-call-next-month = next call next month
key-type-the-next-call-date = type the next-call date
key-type-a-note = type a note
key-stage-up = stage up
key-stage-down = stage down
key-intent-up = intent up
key-intent-down = intent down
key-grade-up-toward-h = grade up (toward H)
key-grade-down-toward-c = grade down (toward C)
key-record-a-complaint = record a complaint
key-resolve-the-open-complaint = resolve the open complaint
key-why-the-customer-is-lost-when-this-call-lose = why the customer is lost (when this call loses them)
key-which-number-was-wrong-wrong-number = which number was wrong (wrong number)
key-contract-value-win = contract value (win)
key-contract-start-date-win = contract start date (win)
key-contract-end-date-win = contract end date (win)
key-done-typing-a-date-is-read = done typing (a date is read)
key-leave-the-field-an-unread-date-is-dropped = leave the field (an unread date is dropped)
key-save = save
key-next-field = next field
key-work-as-this-rep = work as this rep
key-yes = yes
key-no = no
key-open-the-rep-s-list-read-only = open the rep's list (read-only)
key-mark-unmark-to-reassign = mark / unmark to reassign
key-reassign-the-marked-or-this-customer = reassign the marked (or this) customer
key-back-to-the-team = back to the team
key-reassign-to-another-rep-leads = reassign to another rep (leads)
key-hand-them-to-this-rep = hand them to this rep
key-previous-rep = previous rep
key-next-rep = next rep
key-delete-the-character-before = delete the character before
key-delete-the-character-under = delete the character under
key-cursor-left = cursor left
key-cursor-right = cursor right
key-a-word-left = a word left
key-a-word-right = a word right
key-start-of-the-field = start of the field
key-end-of-the-field = end of the field
key-delete-the-word-before = delete the word before
key-delete-to-the-start = delete to the start
key-delete-to-the-end = delete to the end
key-choose-answer-n-which-number-to-dial = choose answer N (which number to dial)
key-next-call-in-n-working-days = next call in N working days
key-log-an-outcome = log an outcome
mode-global = Everywhere
mode-list = Today and Tomorrow lists
mode-card = Customer card
mode-search = Search
mode-log-form = Logging a call
mode-text = Typing in a field
mode-customer-form = Add / edit customer
mode-snooze-form = Snoozing (z)
mode-picker = Choosing a rep
mode-confirm = Questions
mode-viewer = Help and funnel
mode-team = Team (leads)
mode-rep-view = A rep's list, as the lead reads it
mode-reassign = Reassigning customers

## Screens, header and popups

screen-picker = Who is working?
screen-empty = Welcome
screen-today = Today
screen-tomorrow = Tomorrow
screen-card = Customer
screen-search = Search
screen-funnel = Funnel
screen-team = Team
screen-help = Help
hdr-lead = { $name } (lead)
hdr-viewing = { $name }'s list, read-only
hdr-viewing-marked = { $name }'s list, read-only, { $n } marked
hdr-on-call = on the call { $time }
day-today = today
day-tomorrow = tomorrow
next-appointment = { $day } { $time } (appointment)
reassign-title = Reassign { $n } { $n ->
    [one] customer
   *[other] customers
} to
too-small = Terminal too small
too-small-needs = { $w }×{ $h }, needs { $minw }×{ $minh }
q-which-number = Which number?
q-dial = dial
q-quit = Quit and drop what you typed?
q-discard-log = Close the form and drop what you typed? Nothing will be logged.
q-discard-form = Close the form and drop your changes?
q-sure = Sure?
picker-intro = Choose who you are; calldeck remembers it for this file.
picker-role-lead = lead
picker-role-rep = rep
picker-row = { $name } { $role } { $n } customers
empty-title = Your book is empty. Three ways to start:
empty-add = add a customer here
empty-import = bring in a spreadsheet, contacts or a CRM export
empty-demo = try calldeck on a demo database
empty-then = Then come back: today's list is planned for you every morning.
legend-marks = Marks: ! must call • pinned + added from overflow ✓ done z snoozed ◆ selected
legend-columns = stage 0-7 in the funnel · grade O H A B C (hottest first) · int intent 0-4

## The lists: Today, Tomorrow, Search, Team, Funnel

notice-overflow = +{ $n } due that did not fit
notice-coverage = coverage at risk: { $open } not contacted, { $days } working { $days ->
    [one] day
   *[other] days
} left, { $per_day } a day needed
notice-short = { $n } on the list: nothing else is due today
notice-needs-number = { $n } { $n ->
    [one] customer needs
   *[other] customers need
} a number
notice-hint-add = {" "}(+ adds 5)
notice-hint-list = {" "}(# lists them)
list-nothing-planned = Nothing planned.
list-nobody = Nobody to call on this day.
list-now = NOW { $time }
list-snoozed = snoozed: { $why }
gauge-done = done { $done }/{ $quota }
gauge-reached = { $n } { $n ->
    [one] customer
   *[other] customers
} reached
gauge-talk = talk { $time }
gauge-must = { $n } { $n ->
    [one] must-call
   *[other] must-calls
}
gauge-preview = preview, p pins
col-customer = customer
col-stage = stage
col-int = int
col-grade = grade
col-phone = phone
col-next = next
col-score = score
col-why = why
col-id = id
col-contacts = contacts
col-owner = owner
search-count = { $found } of { $n } customers
team-not-opened = not opened
team-rep = rep
team-planned = planned
team-progress = progress
team-calls = calls
team-reached = reached
team-talk = talk
team-week-calls = week calls
team-week-won = week won
funnel-none = No funnel loaded.
funnel-stage = stage
funnel-deals = deals
funnel-value = value
funnel-weighted = weighted
funnel-moved-on = Moved on from each stage, last { $days } days:
funnel-forecast = Forecast
funnel-forecast-line = { $month } { $month_value } · { $quarter } { $quarter_value } (won + deals expected to close, weighted)
funnel-pipeline = { $scope } · pipeline { $reached } reached · { $unreached } not yet reached

## The customer card

card-pinned = • pinned for tomorrow
card-stage = Stage
card-intent-line = Intent { $intent } { $intent_name } · grade { $grade } · status { $status } · owner { $owner }
card-next-line = Next call { $next } · misses in a row { $misses }
card-none = none
card-contract = { $status } { $value } { $start } to { $end }
contract-none = none
contract-active = active
contract-signed = signed
contract-expired = expired
card-value-line = Value { $value } · contract { $contract }
card-tier-line = Tier { $tier } by revenue ({ $revenue } in 12 months) · { $rfm }
card-industry = industry
card-region = region
card-source = source
card-tags = Tags { $tags }
card-birthday = Birthday { $date }
card-complaint = COMPLAINT open: { $text }
card-score = Score { $total }: { $parts }
card-contacts = Contacts
card-no-contacts = none yet: press e to add a phone
card-script = Script: { $title }
card-calls = Calls ({ $n })
card-void = void (undone)
card-no-calls = No calls yet.

## The log, customer and snooze forms

form-changed = (changed)
form-callback-kept = { $next } · the callback is kept
form-next-call = next call
form-date-forms = fri 10:00 · +3d · 27/11 · next week · empty: the rule's date
form-quick = quick: t today · 1-5 working days · w next week · m next month
form-stage = stage
form-intent = intent
form-grade = grade
form-note = note
form-complaint = complaint
form-lost-for = lost for
form-wrong-one = wrong one
form-wrong-one-of = { $number } ({ $i } of { $n }; the others stay in use)
form-resolved = resolved?
form-resolves = yes, this call resolves the open complaint
form-value = value
form-starts = starts
form-ends = ends
form-ends-default = after the configured term
form-enter-saves = Enter saves · status after: { $status }
form-edit-customer = Edit customer
form-add-customer = Add customer
snooze-title = Snooze · { $who }
snooze-forms = mon · +3d · fri 10:00 · next week
snooze-call-on = call on
snooze-because = because
snooze-help = Enter moves without a call (counted as skipped) · Tab switches · Esc cancels

## Field names and messages on the message line

field-name = Name
field-company = Company
field-phone = Phone
field-email = Email
field-contact = Contact name
field-role = Contact role
field-grade = Grade (O H A B C)
field-value = Deal value
field-source = Source
field-industry = Industry
field-region = Region
field-tag = Add tag
field-note = Add note
err-contract-date = contract { $what } '{ $text }' is not a date: write YYYY-MM-DD
form-needs-loss-reason = this call marks the customer lost: press l to choose why
err-needs-name = a customer needs a name
err-phone-digits = a phone must hold digits (at least 3), spaces, +, - or ()
err-email-at = an email needs an @
err-snooze-when = write when to call instead: "mon", "+3d", "fri 10:00"
err-snooze-later = a snooze moves the call to a later day or a time today: write "tomorrow", "mon" or "15:00"
err-snooze-why = say why, in a few words (Tab to the reason): "rep off sick", "closed today"
err-stopped-by = stopped by { $name }: calls already logged are saved; a form not yet saved was dropped
msg-nothing-logged = Nothing was logged
msg-keeps-callback = keeps the callback { $next }
msg-next-call = next call { $next }
msg-no-next-call = no next call
msg-logged = Logged { $outcome } for { $who } · { $next }
msg-logged-next-card = Logged { $outcome } for { $who } · { $next } · now: the next to call
msg-nothing-changed = Nothing changed
msg-added = Added { $who }
msg-saved = Saved { $who }
msg-lead-reads = A team lead reads the reps' lists; each rep logs their own calls (A reassigns)
msg-team-for-leads = The team screen is for team leads: start calldeck with --rep and a lead's name
msg-replanned = Replanned today's list; calls already made are kept
msg-nothing-more-due = Nothing more is due today: the list holds everything that is
msg-added-due = Added { $n } due { $n ->
    [one] customer
   *[other] customers
} at the end of the list
msg-all-have-numbers = Every active customer has a number
msg-without-number = { $n } without a number: { $names } · / finds one, e on its card adds a phone
msg-unpinned = Unpinned from { $day }
msg-pinned = Pinned to the list for { $day }
msg-nothing-to-undo = Nothing to undo: no call was logged or snoozed in this session
msg-undone = Undone: { $outcome } for { $who } (kept in the history as void)
msg-not-waiting = { $who } is not waiting for a call today: nothing to snooze
msg-nothing-moved = Nothing was moved
msg-snoozed = Snoozed { $who } to { $next } · { $why } · u undoes
msg-snooze-undone = Undone: the snooze of { $n } { $n ->
    [one] customer
   *[other] customers
} (their next calls are back)
msg-no-number = { $who } has no number to dial: e on the card adds one
msg-copied = Copied { $phone } to the clipboard (no dial.command is set): dial it on your phone
msg-dialling = Dialling { $phone } · the call timer runs
msg-everyone-called = Everyone on today's list has been called
msg-reassign-leads = Reassigning customers is for team leads
msg-select-first = Select a customer first (Space marks several)
msg-nobody-reassigned = Nobody was reassigned
msg-reassigned = Reassigned { $n } { $n ->
    [one] customer
   *[other] customers
} to { $to }

## The planner's reasons (stored in English; these are their Chinese readings, and
## English reads them as stored)

reason-due-today = due today
reason-quote-sent = quote sent
reason-hot-intends = hot: intends to buy
reason-hot-contract = hot: contract sent
reason-renewal-due = renewal due
reason-new = new
reason-birthday = birthday
reason-pinned = pinned
reason-complaint-open = complaint open
reason-complaint-follow-up = complaint follow-up (回访)
reason-thank-you = won: thank-you call
reason-care-birthday = care: birthday
reason-your-date = your date
reason-customers-date = customer's date
reason-not-contacted-month = not contacted this month
reason-from-overflow = added from the overflow
reason-never-scheduled = never scheduled
reason-overdue = overdue { $n }d
reason-intent = intent { $name }
reason-not-contacted = not contacted { $n }d
reason-contract-expired = contract expired { $n }d ago
reason-contract-ends = contract ends in { $n }d
reason-value = value { $value }
reason-birthday-in = birthday in { $n }d
reason-win-back = win-back: lost { $months } months ago
reason-win-back-why = win-back: lost { $months } months ago ({ $why })
reason-misses = { $n } { $n ->
    [one] miss
   *[other] misses
}
reason-scheduled = scheduled { $date }
reason-missed-callback = missed callback { $when }
reason-callback = callback { $time }
reason-after-sale = after-sale call: { $after }
reason-care = care: { $festival }
reason-last-contact = last contact { $n }d ago
reason-next-call = next call { $next }
reason-daily = daily
reason-weekly = weekly
reason-monthly = monthly
reason-every = every { $n }d
period-weeks = { $n } { $n ->
    [one] week
   *[other] weeks
}
period-months = { $n } { $n ->
    [one] month
   *[other] months
}
period-days = { $n } days
script-fallback-title = Script
snooze-n-customers = { $n } customers
scope-team = team
form-in-working-days = in { $n } working { $n ->
    [one] day
   *[other] days
}
reason-kind-overdue = overdue
reason-kind-missed-callback = missed callback
reason-kind-callback = callback
reason-kind-scheduled = scheduled
reason-kind-not-contacted = not contacted
reason-kind-contract-expired = contract expired
reason-kind-contract-ends = contract ends in
reason-kind-birthday-in = birthday in
reason-kind-value = value
reason-kind-last-contact = last contact
reason-kind-next-call = next call
reason-kind-after-sale = after-sale call:
reason-kind-win-back = win-back: lost
reason-kind-scored = scored
form-reads = → { $shown }, { $when }
field-style = Contact style
field-contact-birthday = Contact birthday
field-custom = Field
field-assignee = Assign to
field-due = Due (YYYY-MM-DD)
field-resolution = Resolved: how
form-complaint-title = Complaint #{ $id }

## The complaint workflow on the card

msg-complaint-none-open = No open complaint: record one on the log form with c
msg-complaint-give-assignee = give the rep or lead who handles the complaint
msg-complaint-assigned = assigned to { $rep }
msg-complaint-resolved = resolved, follow-up call (回访) { $day }
msg-complaint-saved = Complaint #{ $id } { $done }
msg-complaint-and = {" "}and{" "}

## The satisfaction field and the card's complaint history

form-satisfaction-score = { $n } of 5
form-satisfaction-not-asked = not asked (after-sale / follow-up call)
card-complaint-due = , due { $day }
card-complaint-due-overdue = , due { $day } OVERDUE
card-complaint-resolved = {" "}· resolved { $day }
card-complaint-followed-up = , followed up
card-complaint-follow-up = , follow-up { $day }
form-satisfied = satisfied
key-satisfaction = satisfaction 5 to 1 (after-sale and follow-up calls)
key-complaint-form = assign or resolve the open complaint
card-contact-birthday = birthday { $date }
reason-tier-a = tier A
reason-tier-b = tier B
reason-care-contact-birthday = care: contact's birthday
