data = {"k": [1, 2, 3]}
value = data["k"][10]
