"""A plan with three measures over three reviews, outcomes, evidence and assurance: the plan
the tests of impact load, write back and score."""

from __future__ import annotations

IMPACT_PLAN = """\
format: safeguarding-plan/1
partnership:
  name: Anytown Safeguarding Children Partnership
plan:
  title: Business Improvement Plan
  period: 2022/24
ratings: rag
priorities:
  - id: "1"
    title: Learning from reviews makes a difference to practice
    actions:
      - id: "1.1"
        text: Complete every rapid review within 15 working days
        lead: Business Unit
        due: March 2023
        outcome: Learning reaches practitioners while it is fresh
        evidenced_by: The case review log, checked each quarter
      - id: "1.10"
        text: Publish a seven-minute briefing for every local review
        lead: Business Unit
        due: December 2022
        outcome: Practitioners know the learning from local reviews
  - id: "2"
    title: Neglect is recognised early
    actions:
      - id: "2.1"
        text: Train practitioners in the Graded Care Profile 2
        lead: Neglect Operations Group
        due: June 2023
        outcome: Neglect is recognised before a child protection plan is needed
      - id: "2.2"
        text: Audit the use of the neglect toolkit
        lead: Quality, Impact & Outcomes Sub-Group
measures:
  - id: rr-on-time
    title: Rapid reviews completed within 15 working days
    unit: percent
    baseline: 60
    target: 90
    better: higher
    priorities: ["1"]
    actions: ["1.1"]
    source: Business Unit case review log
  - id: days-to-decision
    title: Working days from notification to decision
    unit: days
    baseline: 21.5
    target: 15
    better: lower
    priorities: ["1"]
  - id: second-plans
    title: Children on a plan for neglect for a second time
    unit: per-10000
    baseline: 1.10
    priorities: ["2"]
    source: Children's social care
reviews:
  - id: 2022-08
    title: August 2022 – Update
    as_of: 2022-07-31
    updates:
      "1.1": {progress: in-progress, rating: amber}
      "1.10": {progress: complete, rating: green}
      "2.1": {progress: in-progress, rating: green}
    measures:
      rr-on-time: 65
      days-to-decision: {value: 20, note: 4 reviews}
      second-plans: 1.10
  - id: 2022-11
    title: November 2022 – Update
    as_of: 2022-10-31
    updates:
      "1.1":
        progress: complete
        rating: green
        evidence:
          - Case review log, October 2022
          - {text: Audit of rapid reviews, link: "https://example.org/audit.pdf"}
        assured: {by: "Quality, Impact & Outcomes Sub-Group", date: 2022-10-20}
      "2.2": {progress: complete, rating: green}
    measures:
      rr-on-time: {note: The log was not updated this quarter}
      days-to-decision: 18
      second-plans: 1.25
  - id: 2023-02
    title: February 2023 – Update
    as_of: 2023-01-31
    updates:
      "1.10":
        evidence:
          - {text: Practitioner survey, document: "QIO Sub-Group papers, January 2023"}
      "2.1": {progress: complete, rating: green}
    measures:
      rr-on-time: 80%
      days-to-decision: 16.5
      second-plans: 1.10
"""
