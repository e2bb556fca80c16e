# SPDX-License-Identifier: MIT
"""Loading tests/matrix.py: rows become objects of their kind's class.

KINDS maps each `kind` to its class; make_row() lets that class read and
check the row's keys (row.py). load_matrix() adds what only the whole table
can say: names are unique and none takes a name the runner gives its own
jobs (death-*, host*, catalogue*).
"""

from .. import matrix
from .expect import ExpectRow
from .gdb import GdbRow
from .monitor import MonitorRow
from .selftests import CatalogueRow, DeathRow, TestsRow

# The kinds a matrix row may name; death and catalogue come from their own
# templates (matrix.DEATH_TESTS, matrix.CATALOGUE).
KINDS = {cls.kind: cls for cls in (TestsRow, ExpectRow, MonitorRow, GdbRow)}
RESERVED = ("death-", "host", "catalogue")


def make_row(row, where, kinds=KINDS):
    """Return the Row of the dict `row`; ValueError saying what is wrong."""
    if "kind" not in row:
        raise ValueError(f"{where}: missing key 'kind'")
    cls = kinds.get(row["kind"])
    if cls is None:
        raise ValueError(f"{where}: kind must be one of "
                         + ", ".join(f"'{k}'" for k in kinds))
    return cls.from_row(row, where)


def load_matrix(rows=None, death=None, catalogue=None):
    """Return (rows, death template, catalogue row) from tests/matrix.py
    (or the given data); ValueError on the first bad row."""
    rows = matrix.MATRIX if rows is None else rows
    death = matrix.DEATH_TESTS if death is None else death
    catalogue = matrix.CATALOGUE if catalogue is None else catalogue
    result, names = [], set()
    for index, data in enumerate(rows):
        row = make_row(data, f"MATRIX[{index}] ({data.get('name', '?')})")
        if row.name in names:
            raise ValueError(f"MATRIX: two configs named {row.name}")
        if row.name.startswith(RESERVED):
            raise ValueError(f"MATRIX: name {row.name} is reserved")
        names.add(row.name)
        result.append(row)
    death_row = DeathRow.from_row(dict(death, name="death"), "DEATH_TESTS")
    catalogue_row = CatalogueRow.from_row(dict(catalogue, name="catalogue"),
                                          "CATALOGUE")
    return result, death_row, catalogue_row
