"""``tcop-lint estate``: many repositories in one run, and reports merged into one view."""
