"""The plan as immutable data, in the partnership's own words: nothing here reads, computes or
writes. Its modules, each importing only those listed before it:

- ``ratings``: how far an action has got, its rating and RAG colour, and the built-in scales
- ``due``: a due date as the plan writes it
- ``casereviews``: case reviews, their recommendations and practice themes
- ``timescales``: the time a step of a case review must be done in, as data
- ``impact``: evidence, assurance, and measures with their values at a review
- ``paper``: what a board paper says besides the progress: the meeting, purpose, narrative
- ``yearly``: the yearly report's own words: its narrative topics for a reporting year
- ``plan``: the plan, its priorities, actions, reviews and their updates
"""
