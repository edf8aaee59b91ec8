a=[1]; b=a; a+=[2]; print(b, a is b)
s={1}; t=s; s|={2}; print(t)
d={1:2}; e=d; d|={3:4}; print(e)
