"""The GitHub Action's steps (``action.yml``), as Python the tests run directly.

- ``install``: a virtualenv with tcop-lint's dependencies from ``requirements/action.lock``
  (every file checked against its hash), then tcop-lint itself and any plugin packages. It
  runs from the action's checkout before tcop-lint is installed, so it and
  ``workflow_commands`` import only the standard library.
- ``lint``: one tcop-lint run that writes every report, then the step's outputs, the SARIF
  made ready for code scanning, the job summary and the fenced text report.
- ``comment``: the optional sticky pull-request comment, kept up to date through the REST API.
"""
