"""Point 6, make things secure: a way to report vulnerabilities, dependency updates that reach
every ecosystem, static analysis and secret scanning, and GitHub workflows that hold the token
and third-party actions on a short leash. One module per rule."""
