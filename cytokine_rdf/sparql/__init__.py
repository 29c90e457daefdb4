"""Layer 2, SPARQL: query text, results, engines (local and remote), templates, name resolution, lint, catalog."""
