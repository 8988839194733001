"""A user's Office file read safely: a house template or a filled-in tracker.

- ``packages``: bounds on reading an Office package (its size, its parts, its XML), checked
  before any library reads it
- ``cleaning``: what in a house template would reach outside the document or run code,
  dropped
"""
