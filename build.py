#!/usr/bin/env python3
"""NetScore Atlas command line: `python build.py [check|build|serve|rank] ...` (see --help)."""

import sys

from netscore_atlas.cli import main

if __name__ == "__main__":
    sys.exit(main())
