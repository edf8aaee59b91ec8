/* Python.h for Taipan: hosts written for CPython include this; it is
 * Taipan's C API (taipan.h). */
#include "taipan.h"
