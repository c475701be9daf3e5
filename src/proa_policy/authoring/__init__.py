"""For policy authors: `check` (lint) and the policy test cases with their coverage."""
