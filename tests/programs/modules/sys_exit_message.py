# sys.exit with a message prints it to stderr and exits with status 1.
import sys
print("before")
sys.exit("fatal: giving up")
