"""Layer 3, validation: findings, the gate, SHACL (pySHACL and the fast path), QC checks, reasoning."""
