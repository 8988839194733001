"""The plan file: reading YAML with every node located, checking it into the model, and writing
it back.

- ``nodes``: YAML read strictly (YAML 1.2 scalars, no aliases or duplicate keys), each node
  with its line and column
- ``characters``: the file's text checked before it is read: its encoding, and characters no
  plan may hold
- ``reader``: the general reader of located nodes (keys, text, flags, choices, lists, dates),
  collecting every problem
- ``lengths``: a length of time as the file writes it (``6 months``)
- ``casereviews``: the case reviews, practice themes and timescales of a plan file
- ``paper``: the ``paper`` of a plan and of a review: the meeting, purpose, recommendations and
  narrative, its Markdown's problems located in the file
- ``yearly``: the lead safeguarding partners, and each reporting year's ``yearly_reports``
- ``loading``: ``load`` and ``loads``, and the reader of the plan's own parts into a ``Plan``,
  every problem of the file at once
- ``writing``: a ``Plan`` written back as a plan file
- ``starter``: the commented starter plan ``safeguarding-plan init`` writes
"""
