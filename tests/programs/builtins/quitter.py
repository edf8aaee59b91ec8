# exit and quit: CPython's Quitter objects (site's), with their repr and
# the SystemExit a call raises.
print(repr(exit), repr(quit))
print(type(exit).__name__, type(exit).__module__, exit.name, exit.eof)
try:
    exit()
except SystemExit as e:
    print("code", e.code, e.args)
try:
    quit(3)
except SystemExit as e:
    print("code", e.code)
exit("bye")
