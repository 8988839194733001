"""Numbers about a plan: how far it has got, and how its case reviews stand against their
timescales. No prose: the words are the report's.

- ``working_days``: working days in England and the deadline of a timescale
- ``learning``: case reviews scored against their timescales, recommendations implemented
- ``impact``: measures at a review: latest value, change, on or off target, trend
- ``horizon``: how far ahead "due soon" looks: to the next review, or the next quarter's end
- ``progress``: a plan scored at a review, and two reviews compared
- ``yearly``: a plan over a reporting year, and its actions with little or no progress
- ``many``: many plan files scored at once
"""
