"""`python -m proa_policy.cli`: the same command as the `proa-policy` entry point."""

from proa_policy.cli import main

main()
