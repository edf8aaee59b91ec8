s = "ab" * "cd"
