"""`python -m armswatch` is the `armswatch` command."""

from armswatch.cli import main

main()
