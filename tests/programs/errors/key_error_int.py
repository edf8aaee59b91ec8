d = {1: "one"}
v = d[2]
