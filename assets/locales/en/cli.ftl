
### The command line: errors, output of the commands.

cli-error = error: { $message }
cli-usage-error = { $first }; see 'calldeck --help'
cli-as-the-rep-last-chosen-for = as { $a0 }, the rep last chosen for this file (--rep NAME for another)
cli-cannot-find-a-home-folder-for = cannot find a home folder for the database: give one with --db PATH
cli-is-not-a-date-write-yyyy = { $what } '{ $s }' is not a date: write YYYY-MM-DD
cli-close = --close: { $e }
cli-close-is-a-day-not-a = --close is a day, not a time: give only the date, e.g. --close 2026-12-31
cli-the-full-screen-view-needs-a = the full-screen view needs a terminal: run calldeck in one, or use the commands (calldeck --help)
cli-added = Added { $a0 } { $a1 }
cli-no-reps-yet-add-one-with = No reps yet: add one with `calldeck rep add NAME`.
cli-nothing-to-change-give-at-least = nothing to change: give at least one of --name, --phone, --email, --value, --tag, --note ...
cli-updated = Updated #{ $a0 } { $a1 }
cli-moved-customer-s-to = Moved { $a0 } customer(s) to { $a1 }
cli-value-start-and-end-describe-a = --value, --start and --end describe a contract: use them with --outcome won
cli-reason-is-for-a-call-that = --reason is for a call that marks the customer lost (a second not_interested): leave it out
cli-add-yes-to-log-it = { $a0 } ({ $a1 }, #{ $a2 }): add --yes to log it
cli-logged-for-next-call-stage-status = Logged { $a0 } for #{ $a1 } { $a2 }: next call { $next }, stage { $a3 } ({ $a4 }), status { $a5 }{ $a6 }
cli-voided-call-to-restored-stage-next = Voided call #{ $a0 } ({ $a1 }) to #{ $a2 } { $a3 }; restored stage { $a4 }, next call { $a5 }
cli-no-home-folder-set-calldeck-config = no home folder: set CALLDECK_CONFIG to a file path
cli-no-config-folder-set-calldeck-config = no config folder: set CALLDECK_CONFIG to your config file's path
cli-cannot-create = cannot create { $a0 }: { $e }
cli-cannot-write = cannot write { $a0 }: { $e }
cli-backed-up-to = Backed up { $a0 } to { $a1 }
cli-problem-s-found-restore-from-a = { $a0 } problem(s) found: restore from a backup (calldeck backup) or ask for help
cli-owner-status-stage-intent-grade = Owner { $a0 }  ·  status { $a1 }  ·  stage { $a2 } { $a3 }  ·  intent { $a4 } { $a5 }  ·  grade { $a6 }
cli-next-call-last-contact-misses-in = Next call { $a0 }  ·  last contact { $last }  ·  misses in a row { $a1 }
cli-value-contract = Value { $a0 }  ·  contract { $a1 }{ $a2 }
cli-tags = Tags { $a0 }
cli-birthday = Birthday { $b }
cli-complaint-open-since = COMPLAINT open since { $a0 }: { $text }
cli-complaint-resolved = Complaint ({ $a0 }) { $a1 }: { $a2 } → resolved{ $a3 }{ $a4 }
cli-none-add-a-phone-with-calldeck = none: add a phone with `calldeck edit { $a0 } --phone ...`
cli-cannot-read-as-a-day-write = cannot read '{ $s }' as a day: write YYYY-MM-DD, today, tomorrow or yesterday
cli-is-a-team-lead-with-no = { $a0 } is a team lead with no book: give a rep with --rep NAME
cli-more-needs-how-many-to-add = --more needs how many to add, 1 or more
cli-nothing-more-is-due-today-the = nothing more is due today: the list holds everything that is
cli-every-active-customer-of-has-a = every active customer of { $a0 } has a number
cli-add-one-with-calldeck-edit-id = add one with `calldeck edit ID --phone NUMBER`
cli-a-pin-is-for-a-day = a pin is for a day, not a time: give only the date
cli-pinned-to-s-list-for = Pinned #{ $id } { $name } to { $a0 }'s list for { $day }
cli-was-already-pinned-for = #{ $id } { $name } was already pinned for { $day }
cli-is-not-field-column-e-g = '{ $s }' is not FIELD=COLUMN, e.g. --map phone=Mobile
cli-unknown-field-use-one-of = unknown field '{ $field }': use one of { $a0 }
cli-map-name-the-column-after = --map { $s }: name the column after '='
cli-read-as = Read { $a0 } as { $format }
cli-unknown-complaint-category-use-one-of = unknown complaint category '{ $c }': use one of { $a0 }
cli-say-how-the-complaint-was-resolved = say how the complaint was resolved: --note "refund sent"
cli-complaint-resolved-its-follow-up-call = complaint { $id } resolved; its follow-up call (回访) is due { $a0 }
cli-team-exports-everyone-s-records-which = --team exports everyone's records, which only a team lead may: { $a0 } is a rep; drop --team to export { $a1 }'s book
cli-wrote-to = Wrote { $what } to { $a0 }
cli-an-excel-file-cannot-go-to = an Excel file cannot go to the terminal: add -o { $example }
cli-the-weekly-summary = the weekly summary { $week }
cli-the-team-s = the team's { $a0 }
cli-days-is-out-of-range-give = --days { $a0 } is out of range: give 1 (today) to { $a1 } days
cli-and-other-next-call-as-one = and { $others } other next { $others ->
    [one] call
   *[other] calls
} as one event a day
cli-wrote-appointment-of-to-to = Wrote { $appointments } { $appointments ->
    [one] appointment
   *[other] appointments
}{ $rest } of { $a1 } ({ $a2 } to { $a3 }) to { $a4 }
err-config = config { $path }, line { $line }: key `{ $key }`: { $message }
err-schema-too-new = { $path } was written by a newer calldeck (schema version { $found }); this calldeck knows up to version { $supported }: upgrade calldeck to open it
err-no-customer = no customer with id { $id }: list ids with `calldeck today` or search in the TUI
err-no-rep = no rep named '{ $name }'; { $hint }
err-import-file = import { $path }: { $message }
err-import-line = import { $path }, line { $line }: { $message }
cli-due = due { $day }
plan-header = { $rep } · { $day } · { $n } on the list (quota { $quota }) · { $must } must-calls · { $commitments } commitments · { $reserve } kept for coverage · done { $done } · reached { $reached }
plan-preview = preview, not frozen
plan-over-quota = note: { $must } must-calls take the list { $over } over the quota
plan-note = note: { $note }
plan-hint-more = {" "}(`calldeck today --more N` adds them)
plan-hint-needs-number = {" "}(`calldeck today --needs-number` lists them)
plan-nobody = Nobody to call: add customers with `calldeck add` or `calldeck import`.
plan-col-customer = customer
plan-col-stage = stg
plan-col-intent = int
plan-col-grade = gr
plan-col-last = last
plan-col-next = next
plan-col-score = score
plan-col-why = why
plan-never = never
ics-none = none
ics-phone = Phone: { $phone }
ics-contact = Contact: { $name }
ics-stage = Stage: { $stage } { $name }
ics-grade = Grade: { $grade }
ics-customer = Customer #{ $id }
ics-notes = Notes: { $notes }
ics-call = Call { $who }
ics-more = and { $n } more
ics-day-summary = { $n } { $n ->
    [one] call
   *[other] calls
} planned
imp-header-found-on-line-the-rows = Header found on line { $line }; the rows above it are titles, not data
imp-open-rows-folded-into-their-customer = { $a0 } open rows folded into their customer's most advanced open deal
imp-rows-are-deals-imported-before-same = { $a0 } rows are deals imported before (same id), left as they were
imp-renewal-deals-opened-for-contracts-that = { $a0 } renewal deals opened for contracts that ended within the last term
imp-people-added-as-contacts-of-their = People added as contacts of their company's customer: { $a0 }
imp-imported-as-lost-their-stage-said = Imported as lost (their stage said so): { $a0 }
imp-extra-fields-kept-from = Extra fields kept: { $a0 } from { $a1 } ({ $a2 })
imp-rejected-rows = Rejected rows: { $a0 }
imp-and-more-rejected-rows = … and { $a0 } more rejected rows
imp-values-left-out-their-rows-imported = Values left out ({ $a0 }), their rows imported:
imp-duplicates-each-the-same-as-a = Duplicates ({ $a0 }), each the same as a customer already in the book:
imp-would-import = Would import
imp-imported = Imported
imp-deals = { $verb } { $deals } deals ({ $won } won, { $lost } lost, { $open } open); customers created: { $created }
imp-summary = { $verb }: created { $created }, updated { $updated }, skipped { $skipped } (duplicates), rejected { $rejected }
imp-line-column = line { $line }, column '{ $column }': { $reason }

## --help (clap): the about line of each command, headings and the layout

help-about = calldeck keeps your customers, calls and funnel in one local SQLite file and gives you the day's call list, a card per customer and two-keystroke logging.
help-long-about = calldeck keeps your customers, calls and funnel in one local SQLite file and gives you the day's call list, a card per customer and two-keystroke logging. Without a command, calldeck opens the full-screen view (press ? there for every key).
help-commands = Commands
help-options = Options
help-cmd-demo = Build a realistic demo database (3 reps x 1,000 customers, 90 days of calls)
help-cmd-rep = Manage reps and team leads
help-cmd-rep-add = Add a rep (or a team lead with --lead)
help-cmd-rep-edit = Change a rep's monthly revenue target ("none" clears it)
help-cmd-rep-list = List reps and leads
help-cmd-complaint = Complaints: list them, assign one, resolve one (its follow-up call is then booked)
help-cmd-complaint-list = List complaints, open ones first by default
help-cmd-complaint-assign = Give a complaint to a rep or lead to resolve, with a due date and category
help-cmd-complaint-resolve = Resolve a complaint without a call, saying how; its follow-up call (回访) is booked
help-cmd-add = Add a customer to the rep's book; prints its id
help-cmd-edit = Edit a customer's details (call history is never edited)
help-cmd-assign = Move customers to another rep's book
help-cmd-show = Show a customer's card
help-cmd-log = Record a call, exactly as the TUI does
help-cmd-import = Bring customers and contacts (CSV, Excel, vCard) or a deal pipeline in
help-cmd-undo = Void the rep's last call and restore the customer's previous state
help-cmd-today = Print the rep's call list for a day (planning and freezing it if needed)
help-cmd-pin = Put a customer on a day's list (default: the next working day)
help-cmd-simulate = Run the planner on a synthetic book and report its quality against a naive baseline
help-cmd-config = Where the config lives, and the merged settings
help-cmd-config-path = Print the path of the user config file
help-cmd-config-show = Print the merged configuration (defaults + your file)
help-cmd-config-scripts = Copy the built-in call scripts into your script folder to edit them (keeps any you have)
help-cmd-backup = Online backup of the database to a new file
help-cmd-check = Integrity and schema check of the database
help-cmd-report = Team reports: the weekly summary (md, csv, json, xlsx)
help-cmd-report-weekly = Weekly summary per rep and for the team (default: the last complete ISO week)
help-cmd-funnel = Open deals per stage: count, value, weighted value, conversion, forecast
help-cmd-export = Export customers, calls or deals as CSV, JSON or Excel
help-cmd-calendar = The rep's next calls and appointments as an iCalendar (.ics) file
help-cmd-completions = Print shell completions
help-cmd-help = Print this message or the help of the given subcommand(s)
help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    {"{"}usage-heading{"}"} {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-flag = Print help
help-version = Print version
help-arguments = Arguments
cfg-calldeck-config-names-which-does-not = CALLDECK_CONFIG names { $a0 }, which does not exist: create it, fix the path, or set CALLDECK_CONFIG= for the defaults
cfg-use-auto-en-or-zh-cn = use "auto", "en" or "zh-CN"
cfg-needs-exactly-8-names-for-stages = needs exactly 8 names, for stages 0 to 7
cfg-needs-exactly-8-numbers-between-0 = needs exactly 8 numbers between 0 and 1
cfg-must-be-at-least-1-day = must be at least 1 day
cfg-leaves-no-working-day-in-the = leaves no working day in the week
cfg-must-be-days-after-the-win = must be days after the win in rising order, from 1, e.g. [1, 7, 30, 90]
cfg-must-be-a-grade-o-h = must be a grade: O, H, A, B or C
cfg-needs-at-least-one-category-e = needs at least one category, e.g. ["other"]
cfg-needs-at-least-one-reason-e = needs at least one reason, e.g. ["price"]
cfg-must-be-at-least-1-call = must be at least 1 call a day
cfg-must-be-at-least-1-month = must be at least 1 month
cfg-phone-holds-letters = phone '{ $p }' holds letters
cfg-phone-has-too-few-digits = phone '{ $p }' has too few digits
cfg-email-is-not-an-address = email '{ $e }' is not an address
cfg-stage-is-not-one-of-0 = stage '{ $s }' is not one of 0-5, 7, won or lost
cfg-unknown-stage-translate-it-with-stage = unknown stage '{ $a0 }': translate it with --stage-map "{ $a1 }=N" (N is 0-5, 7, won or lost)
cfg-column-rows-rejected-values-left-out = column '{ $a0 }': { $a1 } ({ $a2 } rows rejected, { $a3 } values left out; --strict imports nothing unless every row is good)
cfg-label-of = label of { $a0 }
cfg-header-row-the-file-has-no = --header-row { $line }: the file has no row { $line } with values
cfg-map-the-file-has-no-column = --map { $a0 }={ $col }: the file has no column '{ $part }'; its columns are: { $a1 }
cfg-ignore-the-file-has-no-column = --ignore { $col }: the file has no column '{ $col }'; its columns are: { $a0 }
cfg-the-workbook-would-unpack-to-mb = the workbook would unpack to { $a0 } MB, more than the { $a1 } MB allowed: if it is genuine, raise the cap with --max-unzipped-mb
cfg-the-sheet-holds-more-than-cells = the sheet holds more than { $max } cells ({ $count } or more): split it, or raise the cap with --max-cells
cfg-not-a-readable-xlsx-workbook = not a readable .xlsx workbook ({ $e })
cfg-not-a-readable-xls-workbook = not a readable .xls workbook ({ $e })
cfg-cannot-read-sheet = cannot read sheet '{ $name }' ({ $e })
cfg-the-workbook-has-no-sheet-its = the workbook has no sheet '{ $want }'; its sheets are: { $a0 }
cfg-unknown-encoding-use-auto-utf-8 = unknown encoding '{ $label }': use auto, utf-8, utf-16, gbk, gb18030, shift_jis, big5 or windows-1252
cfg-the-file-is-not-valid-it = the file is not valid { $a0 } (it looks like { $a1 }): try --encoding auto or --encoding { $a2 }
cfg-the-file-does-not-look-like = the file does not look like { $a0 } but like { $a1 }: use --encoding { $a2 } (or auto)
cfg-cannot-build-the-workbook = cannot build the workbook: { $e }
store-rep-needs-name = a rep needs a name: calldeck rep add NAME
store-rep-exists = a rep named '{ $name }' already exists: choose another name
store-no-reps = there are no reps yet: add one with `calldeck rep add NAME`
store-give-rep = give one of { $reps } with --rep NAME
store-several-reps = this file has several reps: { $hint }
show-days-ago = { $date } ({ $days }d ago)
show-address = address
show-tiers = Tiers: { $tier } by revenue (12 months: { $revenue }), RFM { $rfm }
show-score = Score today { $total }
show-not-planned = Not planned: status { $status }
show-tip = tip: { $tip }
show-calls = Calls, newest first ({ $n })
show-stage-change = stage { $before }→{ $after }
show-void = [void]
cli-target-set = { $name }'s monthly target is now { $target }
cli-target-none = { $name } has no monthly target now
cli-rep-target = target { $target }/month
cli-rep-row = quota { $quota }  { $customers } customers
cli-scripts-copied = { $folder }: { $copied } scripts copied, { $kept } of yours kept; edit them there, calldeck reads them on each card
cli-check-schema = { $path }: schema version { $version } (this calldeck: { $known })
cli-check-rows = { $n } rows
cli-check-ok = ok
cli-check-problem = problem: { $problem }
demo-title = Demo database { $path }
demo-reps = reps: { $reps } and team lead 'lead'
demo-book = customers: { $customers }  contacts: { $contacts }  contracts: { $contracts }
demo-history = calls: { $calls } over the history  ·  appointments today: { $appointments }  ·  open complaints: { $complaints }
imp-reps-to-add = Reps to add
imp-reps-added = Reps added
imp-dry-run = Dry run: nothing was written.
cli-complaint-now = complaint { $id } is now { $name }'s
cli-no-complaints = No complaints to show.
io-cannot-create = cannot create
io-cannot-draw-on = cannot draw on
io-cannot-read-config = cannot read config
io-cannot-read = cannot read
io-cannot-replace-the-demo = cannot replace the demo
io-cannot-watch-for-signals-on = cannot watch for signals on
io-cannot-write = cannot write
imp-separator = {", "}separator { $name }
imp-rows = { $read_as }; { $n } rows
imp-mapping = Mapping (field <- column):
imp-every-column = Every column:
imp-ignored = ignored (--ignore)
imp-kept-extra = kept as extra field
imp-duplicate-updated = line { $line }: updated #{ $id } { $customer } (same { $key })
imp-duplicate-skipped = line { $line }: skipped, is #{ $id } { $customer } (same { $key })
cli-bad-lang = CALLDECK_LANG='{ $value }' is not a language calldeck speaks: use en or zh-CN (or auto, for the locale)
cfg-field-key-one-word = a field's key is one word of letters, digits, _ or -, e.g. key = "product"
cfg-field-key-twice = two fields have the same key: give each its own

## Complaint states in the list, and a contact's birthday on the card

cli-complaint-state-overdue = OVERDUE
cli-complaint-state-open = open
cli-complaint-state-followed-up = resolved, followed up
cli-complaint-state-follow-up = resolved, follow-up { $day }
cli-complaint-state-resolved = resolved
cli-complaint-followed-up = , followed up
cli-contact-birthday = birthday { $day }

## Custom card fields on the command line, and what a logged call did to the deal

cli-field-none-defined = none is defined: add [[fields]] with a key and a label to your config
cli-field-use-one-of = use one of { $keys }
cli-field-needs-key-value = --field '{ $arg }' needs a key and a value: write --field key=value
cli-field-unknown = no card field '{ $key }': { $hint }
cli-logged-contract = , contract { $value }
cli-logged-deal-lost = , deal closed as lost
cli-logged-deal-close = , deal expected to close { $day }
cli-list-sep = ,{" "}
