"""`python -m game` runs the same command line as the `torchenstein` script."""

from game.cli import main

raise SystemExit(main())
