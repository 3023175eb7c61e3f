"""Tests of the GitHub Action's step modules (tcop_lint/action/) and its files."""
