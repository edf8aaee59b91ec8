# Groups nested more than ten deep: the report stops at the tenth.
e = ValueError("leaf")
for i in range(12):
    e = ExceptionGroup("level %d" % i, [e])
raise e
