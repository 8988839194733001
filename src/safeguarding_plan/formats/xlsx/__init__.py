"""``xlsx``: the progress tracker leads fill in, sending it to them, and reading it back into the
plan.

- ``layout``: the tracker's sheets and columns, the contract the writer and the importer share
- ``options``: the exporter's options, checked
- ``exporter``: registers the exporter; loads the workbook's writer only when a tracker is
  written
- ``lines``: a sheet's rows laid out as plain values and style names, the text checked
- ``measures``: the Measures sheet laid out, as written and as a returned one is checked
- ``workbook``: the workbook itself
- ``opening``: a returned tracker's file opened safely as a workbook, or refused in words
- ``cells``: one cell of a returned tracker's row read as the plan file would hold it
- ``figures``: a measure's figure in a returned tracker's cell, read as a plan file's number
- ``datasheet``: a returned tracker's Data sheet, checked: whose plan, review and lead it is for
- ``headings``: a returned tracker's columns, found by their headings
- ``measuresheet``: a returned tracker's Measures sheet read, every row a measure's value
- ``sheet``: one returned tracker read, every row an update, every problem collected
- ``readback``: the new plan written out and read back by the loader, problems told at cells
- ``importing``: the filled-in trackers checked and merged into the plan as a review
- ``letters``: the e-mail draft that sends a lead their form
- ``checklist``: the return sheet listing the forms sent
- ``forms``: every lead's form, its e-mail draft and the return sheet, written at once
"""
