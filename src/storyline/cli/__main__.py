"""``python -m storyline.cli``: the same as the ``storyline`` command."""

from . import main

main()
