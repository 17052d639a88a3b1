"""Event coding: clauses -> CAMEO code, PLOVER type, Goldstein score, contexts."""
