n = len(42)
