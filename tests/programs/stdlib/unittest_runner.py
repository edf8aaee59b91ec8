# unittest: a TestCase with passing, failing, erroring, skipped and
# expected-failure tests, run by TextTestRunner into a StringIO.
import io
import re
import unittest


class Arithmetic(unittest.TestCase):
    def setUp(self):
        self.values = [3, 1, 2]

    def test_sorted(self):
        """Sorting gives ascending order."""
        self.assertEqual(sorted(self.values), [1, 2, 3])

    def test_wrong(self):
        self.assertEqual([1, 2], [1, 3])

    def test_error(self):
        {}["missing"]

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0
        with self.assertRaisesRegex(ValueError, "invalid literal"):
            int("x")

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected(self):
        self.assertTrue(False)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_almost(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertIn("a", "cat")
        self.assertIsNone(None)
        self.assertDictEqual({"a": 1}, {"a": 1})


suite = unittest.defaultTestLoader.loadTestsFromTestCase(Arithmetic)
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
print(result.testsRun, len(result.failures), len(result.errors),
      len(result.skipped), len(result.expectedFailures), result.wasSuccessful())
text = re.sub(r"Ran (\d+) tests? in [0-9.]+s", r"Ran \1 tests", stream.getvalue())
print(text)
