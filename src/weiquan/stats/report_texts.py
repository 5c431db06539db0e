"""The words of the quarterly report and the public statistics, marked for translation
(their Chinese is in locales/zh_CN/LC_MESSAGES/j21_report.po)."""

from __future__ import annotations

from weiquan.common.i18n import N_

# Errors
BAD_QUARTER = N_("{value} is not a quarter: write the year, Q and the quarter, e.g. 2026Q4.")
UNKNOWN_AGENCY = N_("There is no agency named {name}.")
FUTURE_QUARTER = N_("{quarter} has not begun yet; choose a quarter that has.")

# Title and overview
TITLE = N_("{agency}: complaint analysis, {quarter}")
QUARTER_LABEL = N_("Q{q} {year}")
PERIOD = N_(
    "Period: {start} to {end} (Beijing days), by the day each complaint reached the agency."
)
SUMMARY = N_(
    "In {quarter}, {agency} received {total} complaints, {change} on the previous quarter"
    " ({previous}). {amount} yuan was recovered for consumers in {cases} cases."
)
OVERVIEW = N_("Overview")
FIGURE = N_("Figure")
THIS_QUARTER = N_("This quarter")
LAST_QUARTER = N_("Previous quarter")
CHANGE = N_("Change")
UP = N_("up {by}")
DOWN = N_("down {by}")
UNCHANGED = N_("unchanged")
NO_BASE = N_("none last quarter")
POINTS = N_("{n} percentage points")
TOTAL = N_("Total complaints")
RECOVERED = N_("Money recovered (yuan)")
RECOVERED_CASES = N_("Cases with money recovered")
MADE = N_("Made on {when} (Beijing time) with weiquan.")

# Breakdowns
BREAKDOWNS = N_("Complaints by month, channel, category and problem")
BY_MONTH = N_("Complaints by month")
BY_CHANNEL = N_("Complaints by shopping channel")
BY_CATEGORY = N_("Complaints by category of goods and services")
BY_PROBLEM = N_("Complaints by problem")
MONTH = N_("Month")
CHANNEL = N_("Channel")
CATEGORY = N_("Category")
PROBLEM = N_("Problem")
COMPLAINTS = N_("Complaints")
SHARE = N_("Share")

# Hot problems
HOT_PROBLEMS = N_("Hot problems")
HOT_GOODS = N_("Hot goods and services")
HOT_LINE = N_("{name}: {n} complaints ({share})")
EXAMPLES = N_("Examples (personal data removed; published with the consumer's consent)")
NO_EXAMPLE = N_("No consumer with this problem agreed to publication, so no example is given.")

# Merchants
MERCHANTS = N_("Merchants with the most unresolved complaints")
MERCHANTS_NOTE = N_(
    "Merchants as the registry knows them, across their shops, accounts and phone numbers."
    " Private individuals selling their own things are never named."
)
MERCHANT = N_("Merchant")
UNRESOLVED = N_("Unresolved")
PRIVATE_SELLER = N_("Private seller or unnamed shop (name not published)")
NO_MERCHANTS = N_("No complaint of this quarter is unresolved.")

# Outcomes
OUTCOMES = N_("Handling and outcomes")
RATES = N_("Rates")
ACCEPTED = N_("Complaints accepted")
REFUSED = N_("Complaints refused")
ACCEPTANCE_RATE = N_("Acceptance rate")
MEDIATIONS_ENDED = N_("Mediations ended")
AGREEMENTS = N_("Mediation agreements")
MEDIATION_SUCCESS = N_("Mediation success rate")
OVERDUE_RATE = N_("Overdue rate")
FIRST_ANSWER = N_("Median days to the merchant's first answer")

# The method note: each figure as docs/statistics.md defines it.
METHOD_HEADING = N_("How the figures are counted")
METHOD = (
    (
        TOTAL,
        N_(
            "Complaints lodged with the agency in the quarter: counted on the day a complaint first"
            " reached an agency, under the agency that holds it now, whatever became of it later."
        ),
    ),
    (
        BY_PROBLEM,
        N_(
            "A complaint naming several problems counts once under each, so these counts add up"
            " to more than the total."
        ),
    ),
    (
        ACCEPTANCE_RATE,
        N_(
            "Complaints accepted divided by complaints decided (accepted or refused) in the"
            " quarter; a decision counts in the quarter in which it was made."
        ),
    ),
    (
        MEDIATION_SUCCESS,
        N_("Mediation agreements divided by mediations that ended or were agreed in the quarter."),
    ),
    (
        OVERDUE_RATE,
        N_(
            "The agency's own statutory time limits (to accept or refuse, to mediate, to verify)"
            " due in the quarter that passed still running, divided by all those due in it."
        ),
    ),
    (
        RECOVERED,
        N_(
            "One sum per case: what the consumer recorded as received, else the sum recorded at"
            " closing, else the sum agreed; counted in the quarter of that record."
        ),
    ),
    (
        FIRST_ANSWER,
        N_(
            "Calendar days from the day the demand reached the merchant to its first answer,"
            " over the first answers given in the quarter."
        ),
    ),
    (
        MERCHANTS,
        N_(
            "Complaints of the quarter not settled, agreed, closed or withdrawn when the report"
            " was made."
        ),
    ),
    (
        HOT_PROBLEMS,
        N_(
            "The most frequent problems and categories of the quarter; examples come only from"
            " consumers who agreed to publication, with names, phone numbers, addresses and"
            " account names removed."
        ),
    ),
)
