"""A plan over 2021/22 whose case reviews belong to the year in each way the rule allows, and
one that does not, with a measure whose values run from before the year into it: the plan the
tests of the yearly report's learning and impact load."""

from __future__ import annotations

YEARLY_PLAN = """\
format: safeguarding-plan/1
partnership:
  name: Anytown Safeguarding Children Partnership
plan:
  title: Business Improvement Plan
  period: 2020/22
ratings: rag
priorities:
  - id: "1"
    title: Learning from reviews makes a difference to practice
    actions:
      - {id: "1.1", text: Brief practitioners on the learning, lead: Business Unit, due: March 2022}
      - {id: "1.2", text: Audit the use of the learning, lead: Business Unit, due: March 2022}
      - {id: "1.3", text: Revise the escalation policy, lead: Business Unit, due: September 2021}
      - {id: "1.4", text: Refresh the neglect toolkit, lead: Business Unit, due: March 2022}
measures:
  - id: rr-on-time
    title: Rapid reviews completed within 15 working days
    unit: percent
    target: 80
    better: higher
case_reviews:
  - id: running
    kind: lcspr
    title: A review begun before the year and still in progress
    status: in-progress
    dates:
      became_aware: 2021-01-04
      notified: 2021-02-01
      initiated: 2021-03-01
    recommendations:
      - {id: "1", text: Brief practitioners, actions: ["1.1"]}
      - {id: "2", text: Audit practice, actions: ["1.2"]}
  - id: acted-on
    kind: lcspr
    title: A review published before the year, its action completed in it
    status: published
    dates:
      published: 2021-02-10
    recommendations:
      - {id: "1", text: Revise the escalation policy, actions: ["1.3"]}
  - id: closed-before
    kind: rapid-review
    title: A rapid review closed before the year
    status: closed
    dates:
      decision: 2020-06-01
    recommendations:
      - {id: "1", text: Refresh the neglect toolkit, actions: ["1.4"]}
reviews:
  - id: 2021-03
    title: March 2021 – Update
    as_of: 2021-03-20
    updates:
      "1.1": {progress: not-started, rating: amber}
      "1.3": {progress: in-progress, rating: amber}
      "1.4": {progress: in-progress, rating: amber}
    measures:
      rr-on-time: 55
  - id: 2021-07
    title: July 2021 – Update
    as_of: 2021-07-31
    updates:
      "1.1": {progress: in-progress, rating: green, note: Briefings began in June.}
      "1.3": {progress: complete, rating: green, note: The policy was revised in July.}
    measures:
      rr-on-time: 60
  - id: 2021-11
    title: November 2021 – Update
    as_of: 2021-11-30
    updates:
      "1.2": {progress: in-progress, rating: amber}
    measures:
      rr-on-time: 70
"""
