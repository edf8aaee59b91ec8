if True:
	x = 1
	if x:
		y = 2

z = 3  # comment

   # indented comment
w = (1,
     2)  \

v = [
  # inside
]
u = 4