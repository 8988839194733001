"""The plan file: reading YAML with every node located, checking it into the model, and writing
it back.

- ``nodes``: YAML read strictly (YAML 1.2 scalars, no aliases or duplicate keys), each node
  with its line and column
- ``loading``: the plan file read into a ``Plan``, every problem of the file at once
- ``casereviews``: the case review part of a plan file
- ``writing``: a ``Plan`` written back as a plan file
- ``starter``: the commented starter plan ``safeguarding-plan init`` writes
"""
