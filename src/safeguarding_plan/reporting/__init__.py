"""The report: everything a document shows, in words, decided once for every format.

- ``redaction``: restricted names found as a reader reads them, and withheld
- ``sentences``: the sentences documents say, worded as partnerships word their board papers
- ``contents``: ``Report`` and the section and row types it holds
- ``build``: ``report()``, a plan scored and put into words for an audience
"""
