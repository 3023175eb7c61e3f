"""Point 8, share, reuse and collaborate: README, CONTRIBUTING, CODEOWNERS, publiccode.yml."""
