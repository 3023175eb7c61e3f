"""The HTML report in a real browser: Chromium driven by Playwright, checked by axe-core."""
