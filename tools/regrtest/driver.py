"""Runs one of CPython's regression-test modules with unittest and prints
one line per test: "RESULT <outcome> <test id>" (outcome: pass, fail,
error, skip, xfail, xpass). Run by tools/regrtest/run.py under python3 and
under Taipan, so the two lists can be compared test by test."""

import sys
import unittest


class Recorder(unittest.TestResult):
    """A result that prints each test's outcome as soon as it is known, so
    a run that dies half-way still reports the tests before."""

    def _say(self, outcome, test):
        sys.__stdout__.write(f"RESULT {outcome} {test.id()}\n")
        sys.__stdout__.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._say("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._say("fail", test)
        sys.__stderr__.write(f"FAIL {test.id()}\n{self.failures[-1][1]}\n")

    def addError(self, test, err):
        super().addError(test, err)
        self._say("error", test)
        # Why, on stderr (the runner reads only stdout).
        sys.__stderr__.write(f"ERROR {test.id()}\n{self.errors[-1][1]}\n")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._say("skip", test)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._say("xfail", test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._say("xpass", test)

    def addSubTest(self, test, subtest, err):
        # A failing subtest fails its test (reported once, at its end).
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._failed_subtests.add(test.id())

    def stopTest(self, test):
        super().stopTest(test)

    def startTestRun(self):
        self._failed_subtests = set()


def main():
    name = sys.argv[1]
    suite = unittest.defaultTestLoader.loadTestsFromName(f"test.{name}")
    result = Recorder()
    result.startTestRun()
    result.failfast = False
    suite.run(result)
    for test_id in sorted(result._failed_subtests):
        sys.__stdout__.write(f"RESULT subfail {test_id}\n")
    sys.__stdout__.write("DONE\n")


if __name__ == "__main__":
    main()
