"""The reusable estate workflow (.github/workflows/estate.yml) and the steps it runs."""
