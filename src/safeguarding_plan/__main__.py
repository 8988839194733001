import sys

from safeguarding_plan.cli import main

sys.exit(main())
