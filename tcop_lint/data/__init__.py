"""Files shipped with tcop-lint: JSON Schemas, templates and the licence data's sources."""


def read_text(name: str) -> str:
    """The text of the packaged file ``name``, read through importlib.resources (UTF-8), so it
    works however tcop-lint is installed."""
    from importlib import resources  # a few milliseconds, and most runs need no file

    return resources.files(__name__).joinpath(name).read_text("utf-8")
