"""Organisation policies without Python: the ``policies:`` and ``extends:`` config keys.

``model`` reads and checks the declared policies, ``judge`` turns each into a :class:`Rule`
the engine runs like a built-in one, and ``extends`` finds the shared configs a config builds
on (a file in the repository, a file in an installed package, a pinned URL).
"""
