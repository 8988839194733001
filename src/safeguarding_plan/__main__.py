from safeguarding_plan.cli import run

run()
