# argparse: positionals, options, types, choices, defaults, subcommands,
# mutually exclusive groups, help text and errors.
import argparse
import io
import contextlib

parser = argparse.ArgumentParser(prog="tool", description="A test tool.")
parser.add_argument("-i", "--input", action="append", default=[], help="input files")
parser.add_argument("-n", "--count", type=int, default=3, help="how many")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--flag", action="store_true")
group = parser.add_mutually_exclusive_group()
group.add_argument("--json", action="store_true")
group.add_argument("--csv", action="store_true")
sub = parser.add_subparsers(dest="command")
run = sub.add_parser("run", help="run it")
run.add_argument("target")
run.add_argument("--times", type=float, default=1.0)

print(parser.parse_args(["-i", "a.txt", "--input=b.txt", "-n", "5", "-vv", "--flag"]))
print(parser.parse_args(["--mode", "slow", "--json", "run", "x", "--times", "2.5"]))
print(vars(parser.parse_args([])))
print(parser.format_help())
for bad in (["-n", "x"], ["--mode", "medium"], ["--json", "--csv"], ["--nope"]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            parser.parse_args(bad)
        except SystemExit as e:
            print("exit", e.code)
    print(err.getvalue().strip().splitlines()[-1])
ns, rest = parser.parse_known_args(["--flag", "--unknown=1"])
print(ns.flag, rest)
