"""The XML written straight into an Office package its library saved, and what that relies on.

python-docx and openpyxl write every part of a Word or Excel package well, but building a
table of 10,000 rows through them, an element or a cell at a time, takes several times longer
than everything else in the document, and holds it all in memory. So the document is saved
with a place marked for the rows, and the rows are written there as XML text while the package
is copied. Each module names what it relies on in its library (where a part is saved, what is
written in it); tests/test_ooxml.py checks each against the installed version.

- ``streaming``: a saved package copied, with XML text in place of marks in one part
- ``word``: python-docx: the board paper's tables, each where its placeholder is
- ``excel``: openpyxl: the tracker's rows of actions, at the end of their sheet's rows
- ``chart``: a chart part's XML (DrawingML), which python-docx cannot write, from the
  report's numbers
"""
