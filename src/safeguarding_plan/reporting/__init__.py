"""The report: everything a document shows, in words, decided once for every format.

- ``redaction``: restricted names found as a reader reads them, and withheld
- ``wording``: the fixed words of every document (headings, column headings, empty states)
- ``sentences``: the sentences documents say, worded as partnerships word their board papers
- ``contents``: ``Report`` and the section and row types it holds
- ``build``: ``report()``, a plan scored and put into words for an audience
- ``texts``: every text a report holds, for tests that a document words nothing of its own
"""
