"""Layer 1, input and output: reading RDF, the on-disk store, serialising, atomic writes, progress."""
