"""A small SpreadsheetML writer: an .xlsx package written as XML text, part by part, with
only the features the tracker uses.

- ``styles``: a cell's look (font, fill, border, wrapping, number format, text kept as text,
  locked or not) and the stylesheet that numbers each
- ``cells``: a row of values as a sheet's XML, text always text
- ``worksheet``: a sheet's settings (columns, frozen header, printing, protection,
  drop-downs, colours by rule) and its XML around the rows
- ``charts``: the Summary's column chart and the drawing that places it
- ``package``: the workbook's parts, relationships and properties, zipped
"""
