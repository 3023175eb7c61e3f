"""What several rules need to know, computed once per run on demand (see ``Repository.memo``).

One module per fact family: ``ci`` (CI configuration and the commands it runs), ``ecosystems``
(package ecosystems and their directories), ``frontend`` (whether a web front end exists).
"""
