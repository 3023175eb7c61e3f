"""Point 4, make use of open standards: valid OpenAPI documents, API descriptions, ODF documents."""
