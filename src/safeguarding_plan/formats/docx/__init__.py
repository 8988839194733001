"""``docx``: the board paper for the Executive Board, as a Word document.

- ``exporter``: registers the exporter; loads python-docx only when a paper is written
- ``options``: the exporter's options, checked
- ``template``: a house template read safely (``exporting.templates``) and emptied of its
  body
- ``grid``: how the tables sit on the page: column widths, and which rows may split
- ``parts``: tables and paragraphs built as XML, fast for thousands of rows (the tables are
  written into the saved package by ``formats.ooxml.word``)
- ``chart``: a chart drawn inline in its own paragraph, with its alternative text; its part's
  XML from ``formats.ooxml.chart``
- ``narrative``: the partnership's own text (paragraphs, lists, bold, italic, links) as Word
  paragraphs
- ``isolation``: a value of the title block or of a page's marking, isolated so that its
  directional characters cannot reorder the paper's own words beside it
- ``paper``: the paper itself, laid out from the report
"""
