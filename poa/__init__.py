"""poa: draft a reviewer-ready Amazon Plan of Action, offline."""

__version__ = "0.1.0"

try:  # Ctrl+C in poa's first milliseconds: exit 130 quietly, no traceback (see poa/__main__.py)
    import os as _os

    # pydantic runs every plugin installed beside it on each validation (they are found by
    # scanning every installed package's entry points, ~10 ms at each start). A plugin
    # sees what it validates, here a seller's answers, and some send it over the network
    # (observability tools): poa runs none.
    _os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
except KeyboardInterrupt:
    raise SystemExit(130) from None
