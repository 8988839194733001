"""``xlsx``: the progress tracker leads fill in, sending it to them, and reading it back into the
plan.

- ``layout``: the tracker's sheets and columns, the contract the writer and the importer share
- ``options``: the exporter's options, checked
- ``exporter``: registers the exporter; loads openpyxl only when a tracker is written
- ``workbook``: the workbook itself
- ``importing``: a filled-in tracker checked and merged into the plan as a new review
- ``letters``: the e-mail draft that sends a lead their form
- ``checklist``: the return sheet listing the forms sent
- ``forms``: every lead's form, its e-mail draft and the return sheet, written at once
"""
