"""Point 9, integrate and adapt technology: continuous integration and the tests it runs."""
