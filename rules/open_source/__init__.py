"""Point 3, be open and use open source: an open licence, declared consistently, published."""
