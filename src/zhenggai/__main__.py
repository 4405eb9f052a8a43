"""`python -m zhenggai` is the same as the `zhenggai` command."""

import sys

from zhenggai.cli import main

sys.exit(main())
