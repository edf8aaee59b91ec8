x = 5
y = 0
print("before")
z = x // y
print("after")
