"""`python -m sodsong` is the `sodsong` command."""

from sodsong.cli import main

raise SystemExit(main())
