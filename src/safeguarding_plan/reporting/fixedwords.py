"""The fixed words of every document as written, each a class attribute of ``FixedWords``:
what ``wording.Words`` holds unless told otherwise, and what the sentences and the command
line's ``score`` word their text with.

A plain class, defined in a few microseconds: ``Words``, an attrs class of nearly two hundred
fields, takes milliseconds to define, a share of ``score``'s time, which words its text without
a report.

The tracker's sheet names and column headings are also what ``import-xlsx`` reads a filled-in
tracker back by (see ``wording``): renaming one makes every tracker already sent out
unreadable.
"""

from __future__ import annotations


class FixedWords:
    """Every fixed text a document shows, grouped as a document uses it, as class attributes:
    the fields of ``wording.Words`` and what each says by default."""

    # The document's sections and the lines under its title.
    purpose: str = "Purpose of the report"
    executive_summary: str = "Executive summary"
    asked_to: str = "The {meeting} is asked to:"
    """Before the recommendations; ``{meeting}`` is the meeting's name."""
    presented_by: str = "Presented by"
    default_meeting: str = "Executive Board"
    """The meeting a paper goes to when the plan does not name one."""
    default_marking: str = "OFFICIAL"
    """A paper's protective marking when the plan does not give one."""
    summary: str = "Summary"
    exceptions: str = "Exceptions"
    learning: str = "Learning from reviews"
    impact: str = "Impact"
    """The section of measures, and of complete actions whose evidence is yet to be seen."""
    key: str = "Key to ratings"
    contents: str = "On this page"
    """The heading of a web page's list of its sections."""
    progress_as_at: str = "Progress as at"
    """Followed by the review's date: ``Progress as at 31 January 2022``."""
    report_to: str = "Report to"
    meeting_date: str = "Date of meeting"
    report_of: str = "Report of"
    marking: str = "Protective marking"
    public_version: str = "Some actions and updates are not published in this version."
    """What a public document says when it leaves something out."""
    not_for_publication: str = "{title} (not for publication)"
    """The title of a restricted section of the partnership's own, for the board: the public
    version leaves it out."""

    # The yearly report's sections, columns and lines.
    yearly_report: str = "Yearly report"
    """What the yearly report is, as its properties say; its title is ``Yearly Report
    2021/22``."""
    yearly_title: str = "Yearly Report {year}"
    year_progress: str = "Progress on the priorities, {year}"
    little_progress: str = "Little or no evidence of progress"
    to_be_written: str = "Still to be written"
    sign_off: str = "Sign-off by the lead safeguarding partners"
    reporting_year: str = "Reporting year"
    drawn_from: str = "Drawn from"
    start_of_year: str = "Start of year"
    end_of_year: str = "End of year"
    completed_in_year: str = "Completed in the year"
    slipped: str = "Slipped"
    why_listed: str = "Why it is listed"
    case_reviews_rule: str = (
        "A case review is in this report when one of its dates falls in the year; or it was "
        "under way during the year, begun by the year's end and neither published before its "
        "start nor completed or closed with all its dates before it; or an action carrying "
        "out one of its recommendations changed progress, or was completed, in the year; or "
        "it has no date yet."
    )
    """Which case reviews a yearly report's learning from reviews holds (docs/yearly-report.md
    says the same)."""
    no_case_reviews_in_year: str = "No case review is in this year's report."
    what_changed: str = "What changed"
    name: str = "Name"
    role: str = "Role"
    signature: str = "Signature"
    date_signed: str = "Date"
    name_to_come: str = "Name to be added"
    year_progress_table: str = "Progress by priority over the year"
    year_trend: str = "Actions complete at each review, from the start of the year"
    """The title of the yearly report's chart of the trend; its first point is the year's
    start: the last review before it, or ``before_first_review``."""
    before_first_review: str = "Before the first review"
    year_progress_description: str = (
        "For each priority: the actions complete at the start and at the end of the year, how "
        "many were completed in the year and how many slipped."
    )
    little_progress_description: str = (
        "Each action with little or no evidence of progress: its number and text, why it is "
        "listed, and its status and update at the year's last review."
    )
    to_be_written_intro: str = (
        "The guidance expects these sections, which the plan does not give yet. Each says what "
        "it should hold and where to write it:"
    )
    nothing_to_be_written: str = "Every section the guidance expects is here."
    lacking_priorities_intro: str = "The priorities with little or no progress:"
    no_little_progress: str = (
        "Every open action, and every priority, shows evidence of progress by the rule above."
    )
    sign_off_statement: str = (
        "The lead safeguarding partners have read this report and agree to its publication."
    )
    statutory_partners: tuple[str, ...] = (
        "Chief Executive of the local authority",
        "Chief Officer of Police",
        "Chief Executive of the integrated care board",
    )
    """Who signs off a yearly report when the plan names no lead safeguarding partners."""
    statutory_partners_before_icbs: tuple[str, ...] = (
        "Chief Executive of the local authority",
        "Chief Officer of Police",
        "Accountable Officer of the clinical commissioning group",
    )
    """Who signs off, as ``statutory_partners``, a year that ended before integrated care
    boards took over from clinical commissioning groups (1 July 2022)."""
    voice_of_children: str = "Voice of children and families"
    training: str = "Training and its evaluation"
    scrutiny: str = "Independent scrutiny"
    funding: str = "Funding contributions"
    education: str = "Education's involvement"

    # Column headings.
    priority: str = "Priority"
    action_id: str = "Action ID"
    action: str = "Action"
    lead: str = "Lead"
    due: str = "Due"
    due_date: str = "Due date"
    progress: str = "Progress"
    rating: str = "Rating"
    update: str = "Update"
    previous_rating: str = "Previous rating"
    priority_title: str = "Priority title"
    """An update form's column of each action's priority in words, beside its id."""
    due_status: str = "Due status"
    """An update form's column saying, in words, which actions are overdue or due soon."""
    previous_update: str = "Previous update"
    """An update form's column of the update the action had at the review the form starts from."""
    due_soon: str = "Due soon"
    """An open action due within the score's horizon (90 days unless told otherwise)."""
    number: str = "No."
    """An action's number, where it is a column of its own."""
    title: str = "Title"
    actions: str = "Actions"
    complete: str = "Complete"
    percent_complete: str = "% complete"
    ratings: str = "Ratings"
    all_priorities: str = "All priorities"
    """The row of a summary table for the whole plan."""
    overdue: str = "Overdue"
    """Why an action is an exception; the overdue actions' count or ids, on the command line."""
    due_by: str = "Due by"
    """Before the day "due soon" runs to: ``Due by 30 June 2022``, on the command line."""
    no_fixed_date: str = "No fixed date"
    """Actions whose due date names no day ("Ongoing", "TBC"), on the command line."""
    status: str = "Status"
    why: str = "What is wrong"
    """Why an action is an exception: overdue, rated red, or both."""
    change: str = "Change"
    before: str = "Before"
    after: str = "After"
    review: str = "Review"
    kind: str = "Kind"
    subject: str = "Subject"
    dates: str = "Dates"
    timeliness: str = "Timeliness"
    dates_and_timeliness: str = "Dates and timeliness"
    recommendation: str = "Recommendation"
    recommendation_id: str = "Recommendation ID"
    recommendations: str = "Recommendations"
    plan_actions: str = "Plan actions"
    practice_theme: str = "Practice theme"
    practice_themes: str = "Practice themes"
    reviews_raising_it: str = "Reviews raising it"
    symbol: str = "Symbol"
    meaning: str = "Meaning"
    rag: str = "RAG"

    # The impact section: its measures, and done and proven by priority.
    measure: str = "Measure"
    measure_id: str = "Measure ID"
    measures: str = "Measures"
    baseline: str = "Baseline"
    target: str = "Target"
    latest: str = "Latest"
    at_each_review: str = "At each review"
    where_it_stands: str = "Where it stands"
    value: str = "Value"
    note: str = "Note"
    source: str = "Source"
    unit: str = "Unit"
    better: str = "Better"
    """Which way a measure's value is better: ``higher`` or ``lower``."""
    higher: str = "Higher"
    lower: str = "Lower"
    previous_value: str = "Previous value"
    """The tracker's column of the value a measure had at the latest review before."""
    from_review: str = "From review"
    """The tracker's column of the review that gave the previous value."""
    assured: str = "Assured"
    with_outcome: str = "With outcome"
    evidenced: str = "Evidenced"
    evidence: str = "Evidence"
    done_and_proven: str = "Done and proven"
    awaiting_assurance: str = "Complete, not yet assured"
    on_target: str = "On target"
    not_on_target: str = "Not yet on target"
    no_measures: str = "The plan has no measures."
    none_awaiting_assurance: str = "Every complete action is assured."
    no_evidence: str = "No evidence given yet."
    evidence_withheld: str = "Evidence not published."
    """In a public document, in place of evidence given with an action or an update that may
    not be published: never "no evidence", which would deny it."""

    # Each table's caption (its name) and description (what its rows and columns hold), for
    # readers who cannot see it; a table that a section heading names is captioned by it.
    summary_table: str = "Progress by priority"
    summary_description: str = (
        "For each strategic priority: its actions, how many are complete, the percentage "
        "complete and its ratings in words; the last row is the whole plan."
    )
    exceptions_description: str = (
        "Actions that are overdue or rated red: the action's number, what is wrong (overdue, "
        "rated red or both) with its status, lead and due date, and its update. Its priority's "
        "table gives the action in full."
    )
    changes_description: str = (
        "Each action newly complete, rated better or worse, newly overdue or with a moved due "
        "date, with what it was and what it is now."
    )
    case_reviews: str = "Case reviews"
    case_reviews_description: str = (
        "Each case review: its title and kind (and who it is about, where that is shown), "
        "its dates with how each step stands against its timescale, and its status."
    )
    recommendations_table: str = "Recommendations of case reviews"
    recommendations_intro: str = (
        "What the reviews recommend, and the plan actions that carry it out."
    )
    recommendations_description: str = (
        "Each recommendation of a case review: the review, the recommendation, each plan "
        "action that carries it out with its progress, and how far the recommendation is "
        "implemented."
    )
    practice_themes_intro: str = (
        "The practice themes the reviews raise, and how many reviews raise each."
    )
    practice_themes_description: str = (
        "Each practice theme that a case review raises, the national panel's or the "
        "partnership's own, with the number of case reviews that raise it."
    )
    measures_description: str = (
        "Each measure the partnership tracks: its baseline and target, its value at each "
        "review (Not given where a review gave none), and where it stands: its latest value, "
        "the change since the value before, whether it is on target and its trend."
    )
    proven_description: str = (
        "For each strategic priority: its complete actions, how many of them are assured, the "
        "actions with an outcome and how many of those have evidence; the last row is the "
        "whole plan."
    )
    awaiting_assurance_description: str = (
        "Each complete action whose evidence the partnership has not yet seen: the action, "
        "its lead and the evidence given so far."
    )
    key_description: str = (
        "Each rating of the plan's scale: its symbol, its words, its RAG colour and what it means."
    )

    # What a document says where there is nothing to show.
    no_update: str = "No update."
    evidence_only: str = "Evidence given; no update text."
    """An update that gives evidence and no note: counted as an update, so never "No update."."""
    assured_only: str = "Assured; no update text."
    """An update that records assurance and no note."""
    no_change: str = "No action has changed since the previous review."
    no_exceptions: str = "No action is overdue or rated red."
    not_yet_rated: str = "Not yet rated"
    no_lead: str = "No lead given"
    """Where actions are listed by lead, those the plan gives no lead."""
    not_given: str = "Not given"
    """A case review's subject that the plan does not give; a measure's value that a review
    does not give (missing, never 0)."""
    not_recorded: str = "Not recorded"
    """A case review's status that the plan does not record: the report's status for it."""
    none_recorded: str = "None recorded"
    """A case review with no dates recorded."""
    no_timescale: str = "No timescale applies"
    none_yet: str = "None yet"
    """A recommendation that no plan action carries out yet."""
    no_recommendations: str = "No case review has recommendations recorded yet."
    no_practice_themes: str = "No case review records its practice themes yet."

    # A presentation: what a slide says of itself.
    agenda: str = "What we are going to cover"
    """The heading of a presentation's list of its sections, as the partnership's own
    presentations head it."""
    continued: str = "(continued)"
    """After the title of a section's second slide: ``Priority 1 – … (continued)``."""
    continued_more: str = "(continued {number})"
    """After the title of a section's third slide and each after it; ``{number}`` is 2 on the
    third."""

    # Every page, and what a document says about itself.
    page_numbers: str = "Page {page} of {pages}"
    """At the foot of a printed page; ``{page}`` and ``{pages}`` are numbers."""
    keywords: tuple[str, ...] = ("safeguarding", "business improvement plan")
    board_paper: str = "Board paper"
    """What kind of document the board's is (its category)."""
    progress_report: str = "Progress report"
    """What kind of document the public's is (its category): a published progress report,
    which goes to no meeting."""

    # The tracker: its sheets, and what it says about them.
    summary_sheet: str = "Summary"
    actions_sheet: str = "Actions"
    key_sheet: str = "Key"
    reviews_sheet: str = "Reviews"
    measures_sheet: str = "Measures"
    year_sheet: str = "Year"
    """A yearly report's own sections, the workbook's first sheet."""
    reviews_listed: str = "The Reviews sheet lists them."
    """After the case reviews' summary on the tracker's Summary sheet."""
    complete_by_priority: str = "Actions complete by priority"
    """The title of the tracker's chart, and of the executive summary's first."""
    complete_by_review: str = "Actions complete at each review"
    """The title of the executive summary's chart of the trend."""
    percent_axis: str = "% of actions complete"
    """The value axis of the charts."""
    choose_from_list: str = "Choose one from the list: the Key sheet gives each one."
    """What the tracker says when a typed progress or rating is not one of its list."""
    reviews_listed_for_lead: str = (
        "The Reviews sheet lists the recommendations of case reviews that these actions carry out."
    )
    """After the case reviews' summary on a lead's update form that has such recommendations."""
    measures_to_fill_in: str = (
        "On the Measures sheet, give each measure's figure for this review under Value, as a "
        "number, and a Note if wanted; where there is no figure, leave Value empty and say why "
        "under Note."
    )
    """What an update form of the whole plan asks of its Measures sheet."""
    measures_editable: str = (
        "On the Measures sheet, Value and Note may be changed: imported as the next review, each "
        "row's figure is that review's, so give the new figure or clear it."
    )
    """What a board tracker says of its Measures sheet, beside what leads may change."""

    # An update form: the prompt Excel shows in a cell the lead fills in (a title of at most
    # 32 characters, a message of at most 255), and what the form's return sheet heads.
    to_fill_in: str = "Yours to fill in"
    progress_prompt: str = "How far the action has got: choose from the list."
    rating_prompt: str = (
        "How well the action is going: choose from the list (the Key sheet says what each means)."
    )
    update_prompt: str = (
        "What has been done since the previous update, and what happens next. The previous "
        "update is beside it."
    )
    due_prompt: str = (
        "Only if the due date has moved: when it is due now, such as March 2023 or Q4 2022/23. "
        "Then clear Due date, or give the day this ends on."
    )
    due_date_prompt: str = (
        "Only if the due date has moved: the day it is due now, such as 31/03/2023. Then clear "
        "Due, or give words that end on this day."
    )
    value_prompt: str = (
        "The figure for this review, as a number: 75, 16.5, or 80% for a percentage. Leave it "
        "empty where there is no figure (never 0), and say why under Note."
    )
    note_prompt: str = "Anything the board should know about the figure, or why there is none."
    forms_sheet: str = "Forms"
    """The return sheet's one sheet: a row for each lead's form."""
    form: str = "Form"
    return_by: str = "Return by"
    returned: str = "Returned"
    """The return sheet's column the business manager fills in as each form comes back."""
