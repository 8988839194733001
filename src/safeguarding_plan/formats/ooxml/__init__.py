"""Office packages' XML written as text: the tracker's whole workbook, and in the board paper
what python-docx would write too slowly.

python-docx writes every part of a Word package well, but building a table of 10,000 rows
through it, an element at a time, takes several times longer than everything else in the
document, and holds it all in memory. So the document is saved with a place marked for the
rows, and the rows are written there as XML text as the package is written, each part
compressed once. ``word`` names what it relies on in python-docx; tests/test_ooxml.py checks
each against the installed version.

- ``escaping``: text made safe to write into a part's XML
- ``streaming``: XML text written to a part in batches, and in place of marks in a part's
  XML
- ``word``: python-docx: the board paper's tables, each where its placeholder is
- ``chart``: a chart part's XML (DrawingML), which python-docx cannot write, from the
  report's numbers
- ``spreadsheet``: a small SpreadsheetML writer, every part of the tracker's workbook
- ``zipping``: the ZIP archive the workbook's parts are written to, without ``zipfile``
"""
