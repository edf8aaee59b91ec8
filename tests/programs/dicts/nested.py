db = {"alice": {"age": 30, "langs": ["py", "rs"]}, "bob": {"age": 25, "langs": []}}
db["bob"]["langs"].append("c")
print(db)
print(db["alice"]["langs"][1], len(db["bob"]["langs"]))
keys = []
for name in db:
    keys.append(name)
print(keys)
