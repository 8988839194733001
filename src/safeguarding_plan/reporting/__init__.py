"""The report: everything a document shows, in words, decided once for every format.

- ``redaction``: restricted names found as a reader reads them, and withheld
- ``fixedwords``: the fixed words of every document (headings, column headings, empty
  states) as written, a plain class
- ``wording``: ``Words``, those words as a report holds them
- ``sentences``: the sentences documents say, worded as partnerships word their board papers
- ``charts``: the report's pictures as numbers and words (``Chart``)
- ``amounts``: a measure's number in its unit, as documents write it
- ``contents``: ``Report`` and the section and row types it holds
- ``summary``: the executive summary worked out from the numbers, the trend and the charts
- ``briefing``: a board paper's own content for its audience: title block, purpose,
  recommendations, the partnership's sections
- ``build``: ``report()``, a plan scored and put into words for an audience
- ``leads``: ``lead_form()``, the report as a lead's update form shows it, names withheld
- ``texts``: every text a report holds, for tests that a document words nothing of its own
"""
