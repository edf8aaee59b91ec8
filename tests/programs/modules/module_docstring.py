"""Doc here."""
import sys
print(__doc__, sys.modules[__name__].__doc__)
