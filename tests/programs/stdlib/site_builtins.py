"""What site adds to builtins: copyright, credits, license, help (and exit,
quit), as site.setcopyright/sethelper make them."""
import sys
print(repr(copyright) == sys.copyright, sys.copyright == copyright.__repr__())
print(repr(credits))
print(repr(license))
print(repr(help))
print(type(help).__name__, type(license).__name__)
credits()
import builtins
print(sorted(n for n in ('help', 'copyright', 'credits', 'license', 'exit', 'quit') if hasattr(builtins, n)))
