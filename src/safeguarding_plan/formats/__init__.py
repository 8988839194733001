"""The built-in output formats, each registered through the same hook as a plugin's.

- ``markdown``, ``jsondata``: web text and the report as data
- ``docx``: the Word board paper
- ``xlsx``: the Excel tracker, and importing a filled-in tracker back into the plan
- ``palette``: the RAG colours documents share
- ``packages``: the package checks (``office.packages``) by the name the tracker's import uses
- ``ooxml``: Office packages' XML written as text: the tracker's whole workbook, and the board
  paper's tables in the package python-docx saved
"""
