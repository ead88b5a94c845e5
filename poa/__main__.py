"""`python -m poa` runs the same command line as the `poa` script."""

from poa.cli import main

raise SystemExit(main())
