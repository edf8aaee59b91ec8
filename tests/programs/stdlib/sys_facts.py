# sys: the live module table and the facts the standard library reads.
import sys

print(type(sys.modules).__name__, sys.modules["sys"] is sys, "builtins" in sys.modules)
sys.modules["made_up"] = "a module stand-in"
import made_up
print(made_up)
del sys.modules["made_up"]
try:
    import made_up
except ImportError as e:
    print(type(e).__name__, e)

print(sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.width)
print(sys.float_info.epsilon, sys.float_info.max, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.default_max_str_digits, sys.maxunicode, sys.maxsize)
print(sys.flags.optimize, sys.flags.verbose, sys.flags.isolated)
print(sys.warnoptions, sys._xoptions, sys.getdefaultencoding(), sys.getfilesystemencoding())
print("re" in sys.stdlib_module_names, "numpy" in sys.stdlib_module_names)
print(sys.hexversion >= 0x030B0000, sys.version_info[:2], type(sys.implementation.name).__name__)
print(isinstance(sys.builtin_module_names, tuple), "sys" in sys.builtin_module_names)
try:
    raise KeyError("k")
except KeyError:
    print(repr(sys.exception()))
print(sys.exception())
