"""The page's only styling, inlined in a ``<style>`` element: no web fonts, nothing fetched.

Text is near-black on white (contrast over 18:1); muted text and the coloured borders keep at
least 4.5:1 and 3:1 against white. RAG colours only ever add to words that are already there.
On a screen below 40em wide, a stacked table shows each row as a card with each cell labelled by its
column heading, so nothing scrolls sideways on a phone.
"""

STYLE = """
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: #0b0c0c;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: max(1rem, 16px); line-height: 1.5;
}
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1, h2 { line-height: 1.25; font-weight: 700; overflow-wrap: break-word; }
h1 { font-size: 1.75rem; margin: 0.5rem 0 1.5rem; }
h2 {
  font-size: 1.375rem; margin: 2.5rem 0 1rem; padding-top: 0.75rem;
  border-top: 4px solid #1d70b8;
}
section:first-of-type > h2 { margin-top: 0; }
.partnership { font-weight: 700; margin-bottom: 0.25rem; }
.title-block { margin: 0 0 1rem; }
.title-block dt { display: inline; font-weight: 700; }
.title-block dt::after { content: ": "; }
.title-block dt::after { content: ": " / ""; }
.title-block dd { display: inline; margin: 0; }
p { margin: 0 0 1rem; max-width: 42rem; }
.headline { font-size: 1.25rem; font-weight: 700; }
a { color: #1d4f91; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:hover { color: #0b0c0c; text-decoration-thickness: 3px; }
a:focus-visible {
  outline: 3px solid transparent; color: #0b0c0c; background: #ffdd00;
  box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none;
}
.contents { margin: 1.5rem 0 0; padding: 0.75rem 1rem; background: #f3f2f1; }
.contents-title { font-weight: 700; margin: 0 0 0.25rem; }
.contents ul { margin: 0; padding-left: 1.25rem; }
.contents li { margin: 0.25rem 0; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { width: 100%; border-collapse: collapse; }
caption {
  text-align: left; font-weight: 700; color: #505a5f; padding: 0 0 0.5rem;
  overflow-wrap: break-word;
}
th, td {
  text-align: left; vertical-align: top; padding: 0.5rem 0.625rem;
  border: 1px solid #b1b4b6; overflow-wrap: break-word;
}
thead th { background: #f3f2f1; border-bottom: 2px solid #0b0c0c; }
td p { margin: 0; max-width: none; }
td p + p { margin-top: 0.375rem; }
.details { color: #505a5f; font-size: 0.9375rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.total { font-weight: 700; }
.actions th[scope="row"], .exceptions th[scope="row"], .changes th[scope="row"],
.lacking th[scope="row"] {
  white-space: nowrap; width: 4rem;
}
.actions .status { width: 12rem; }
.exceptions .status, .lacking .status { width: 11rem; }
.exceptions td.action, .lacking td.action { width: 34%; }
.year-progress td.num { white-space: nowrap; }
.key th[scope="row"] { width: 12rem; }
.key td.symbol-cell { width: 6rem; text-align: center; }
.rule, .where { color: #505a5f; }
.rule { font-style: italic; }
.sign-off td.sign { width: 22%; }
.sign-off .line { display: block; height: 2.5rem; border-bottom: 1px solid #0b0c0c; }
.symbol { font-size: 1.125rem; }
.status { border-left-width: 6px; }
.rag-blue { border-left-color: #1d70b8; background: #e8f1f8; }
.rag-green { border-left-color: #00703c; background: #e6f2ec; }
.rag-amber { border-left-color: #b45309; background: #fdf0e0; }
.rag-red { border-left-color: #c0262d; background: #fbe9ea; }
.rag-grey, .rag-none { border-left-color: #6f777b; background: #f3f2f1; }
@media screen and (max-width: 40em) {
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.25rem; }
  .table-wrap { overflow-x: visible; }
  table.stack, .stack caption, .stack tbody, .stack tr, .stack th, .stack td { display: block; }
  .stack thead {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
  .stack tr { border: 1px solid #b1b4b6; border-radius: 4px; margin: 0 0 1rem; }
  .stack th[scope="row"], .stack td { width: auto; border: 0; padding: 0.5rem 0.75rem; }
  .stack td.action, .stack td.sign { width: auto; }  /* outweighs a column's width */
  .stack th[scope="row"] { background: #f3f2f1; border-bottom: 1px solid #b1b4b6; }
  .stack td + td { border-top: 1px solid #e5e6e7; }
  .stack td.short { width: auto; text-align: left; padding-top: 0.25rem; padding-bottom: 0.25rem; }
  .stack th[data-label]::before { content: attr(data-label) " "; }
  .stack th[data-label]::before { content: attr(data-label) " " / ""; }
  .stack td[data-label]::before {
    content: attr(data-label); display: block; font-size: 0.875rem; font-weight: 700;
    color: #505a5f;
  }
  .stack td[data-label]::before { content: attr(data-label) / ""; }
  .stack td.short[data-label]::before { display: inline; content: attr(data-label) ": "; }
  .stack td.short[data-label]::before { content: attr(data-label) ": " / ""; }
  .stack td.action::before { content: none; }
  .stack .status { width: auto; border-left: 6px solid; }
  .stack .status.rag-blue { border-left-color: #1d70b8; }
  .stack .status.rag-green { border-left-color: #00703c; }
  .stack .status.rag-amber { border-left-color: #b45309; }
  .stack .status.rag-red { border-left-color: #c0262d; }
  .stack .status.rag-grey, .stack .status.rag-none { border-left-color: #6f777b; }
}
.chart { margin: 1rem 0 1.5rem; }
.chart figcaption { font-weight: 700; margin-bottom: 0.25rem; }
.chart svg { width: 100%; max-width: 40rem; height: auto; font: 14px sans-serif; fill: #0b0c0c; }
.chart .bar { fill: #1d70b8; }
.chart .bar.series-1 { fill: #003078; }
.chart .line { fill: none; stroke: #1d70b8; stroke-width: 3; }
.chart .grid { stroke: #b1b4b6; stroke-width: 1; }
.chart .point { fill: #1d70b8; }
.chart .line.series-1 { stroke: #c55a11; } .chart .point.series-1 { fill: #c55a11; }
.chart .line.series-2 { stroke: #375623; } .chart .point.series-2 { fill: #375623; }
.chart .line.series-3 { stroke: #7030a0; } .chart .point.series-3 { fill: #7030a0; }
.chart .line.series-4 { stroke: #595959; } .chart .point.series-4 { fill: #595959; }
.chart .line.series-0 { stroke: #1d70b8; } .chart .point.series-0 { fill: #1d70b8; }
.chart .line.total { stroke: #0b0c0c; stroke-width: 5; } .chart .point.total { fill: #0b0c0c; }
@media print {
  @page { margin: 15mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .contents { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .chart { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .status, .key th, .key td { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .actions .status, .exceptions .status, .lacking .status { width: 20%; }
  .key th[scope="row"] { width: 25%; }
  a { color: inherit; text-decoration: none; }
}
"""
