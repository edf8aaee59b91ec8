# A group of more than 15 exceptions: the report shows 15 and says how
# many more there are.
excs = [ValueError(i) for i in range(18)]
raise ExceptionGroup("many", excs)
