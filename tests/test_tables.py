"""The shared CSV reader of the importers (netscore_atlas/tables.py): every malformed table is refused whole,
with the file, the line and the column of each problem."""

from __future__ import annotations

import pytest

from netscore_atlas.problems import Problem
from netscore_atlas.tables import INTEGER, NUMBER, Column, TableError, parse_number, read_table

COLUMNS = [Column("model"), Column("img_size", INTEGER), Column("top1", NUMBER), Column("top5", NUMBER, optional=True)]
GOOD = "model,img_size,top1,top5,note\nresnet50.a1_in1k,224,80.1,94.5,x\n\"vit, quoted\",384,\"1,014.45\",,\n"


def write(tmp_path, content, name="t.csv"):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


def problems(tmp_path, content, **kw) -> list[str]:
    with pytest.raises(TableError) as err:
        read_table(write(tmp_path, content), COLUMNS, shown_as="t.csv", **kw)
    return [str(p) for p in err.value.problems]


def test_a_good_table_reads_typed_cells_with_row_and_line_numbers(tmp_path):
    table = read_table(write(tmp_path, GOOD), COLUMNS)
    assert table.columns == ("model", "img_size", "top1", "top5", "note")
    first, second = table.rows
    assert (first.number, first.line, first["model"], first["img_size"], first["top1"], first["top5"]) == (1, 2, "resnet50.a1_in1k", 224, 80.1, 94.5)
    assert first["note"] == "x"  # a column nobody declared stays text
    # a quoted comma stays in its cell; the thousands separator is read; an optional empty cell is None
    assert (second["model"], second["top1"], second["top5"]) == ("vit, quoted", 1014.45, None)


def test_lines_count_quoted_newlines_and_blank_lines(tmp_path):
    table = read_table(write(tmp_path, 'model,img_size,top1,top5\n"two\nlines",224,1,2\n\nb,224,1,2\n'), [Column("img_size", INTEGER)])
    assert [(r.number, r.line) for r in table.rows] == [(1, 2), (2, 5)]


def test_empty_and_header_only_tables_are_errors(tmp_path):
    assert problems(tmp_path, "") == ["t.csv: error: (file): the table is empty: no header, no rows"]
    assert problems(tmp_path, "\n\n") == ["t.csv: error: (file): the table is empty: no header, no rows"]
    assert problems(tmp_path, "model,img_size,top1,top5\n") == ["t.csv:1: error: (file): the table has a header but no rows"]
    assert read_table(write(tmp_path, "model,img_size,top1,top5\n"), COLUMNS, allow_empty=True).rows == []


def test_missing_blank_and_repeated_columns_are_named(tmp_path):
    found = problems(tmp_path, "model,top1,,top1\nx,1,2,3\n")
    assert found == ["t.csv:1: error: (file): header cell 3 is blank: every column needs a name",
                     "t.csv:1: error: top1: column 'top1' appears twice in the header",
                     "t.csv:1: error: (file): the header lacks column(s) img_size, top5 (it has: model, top1, , top1)"]


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
def test_a_byte_order_mark_is_refused(tmp_path, bom):
    (found,) = problems(tmp_path, bom + GOOD.encode("utf-8"))
    assert found.startswith("t.csv:1: error: (file): the file starts with a UTF-") and "byte-order mark" in found


def test_latin1_bytes_are_refused_on_every_line_they_occur(tmp_path):
    content = GOOD.encode("utf-8") + "caf\xe9,224,1,2\nna\xefve,224,1,2\n".encode("latin-1")
    assert problems(tmp_path, content) == [
        "t.csv:4: error: (file): not valid UTF-8 (byte b'\\xe9' at column 4; Latin-1 or another encoding?): save the table as UTF-8",
        "t.csv:5: error: (file): not valid UTF-8 (byte b'\\xef' at column 3; Latin-1 or another encoding?): save the table as UTF-8"]


def test_short_and_long_rows_and_bad_cells_are_all_reported(tmp_path):
    content = ("model,img_size,top1,top5\n"
               "a,224,80\n"            # row 1: short
               "b,224,80,90,extra\n"   # row 2: long
               "c,22.4,abc,\n"         # row 3: not a whole number, not a number
               "d,224,nan,inf\n"       # row 4: NaN and infinity are not numbers
               ",224,1e999,\n"         # row 5: empty required text, out of range
               "e,224,,\n"             # row 6: empty required number
               "f\x1b[31m,224,1,2\n")  # row 7: a control character
    assert problems(tmp_path, content) == [
        "t.csv:2: error: (file): row 1 is short: 3 cell(s), the header has 4",
        "t.csv:3: error: (file): row 2 is long: 5 cell(s), the header has 4",
        "t.csv:4: error: img_size: row 3: '22.4' is not a whole number",
        "t.csv:4: error: top1: row 3: 'abc' is not a number",
        "t.csv:5: error: top1: row 4: 'nan' is not a number",
        "t.csv:5: error: top5: row 4: 'inf' is not a number",
        "t.csv:6: error: model: row 5: the cell is empty",
        "t.csv:6: error: top1: row 5: '1e999' is out of range",
        "t.csv:7: error: top1: row 6: the cell is empty",
        "t.csv:8: error: model: row 7: the cell 'f\\x1b[31m' holds a control character"]


def test_broken_quoting_is_an_error_with_its_line(tmp_path):
    (found,) = problems(tmp_path, 'model,img_size,top1,top5\na,224,1,2\n"b"x,224,1,2\n')
    assert found.startswith("t.csv:3: error: (file): not a well-formed CSV record")


def test_what_is_not_a_readable_file(tmp_path):
    with pytest.raises(TableError) as err:
        read_table(tmp_path / "absent.csv", COLUMNS)
    assert "cannot read the file" in err.value.report()
    with pytest.raises(TableError) as err:
        read_table(tmp_path, COLUMNS)
    assert "not a regular file" in err.value.report()


def test_the_report_counts_what_it_does_not_show(tmp_path):
    content = "model,img_size,top1,top5\n" + "a,224,x,1\n" * 60
    with pytest.raises(TableError) as err:
        read_table(write(tmp_path, content), COLUMNS)
    lines = err.value.report().splitlines()
    assert len(lines) == 51 and lines[-1] == "... and 10 more problem(s)"


@pytest.mark.parametrize("text, value", [("80.1", 80.1), ("-1", -1.0), (".5", 0.5), ("1e-3", 0.001), ("1,014.45", 1014.45),
                                         ("12,345,678", 12345678.0)])
def test_numbers_read(text, value):
    assert parse_number(text) == (value, "")


@pytest.mark.parametrize("text", ["1,01.4", "1,0144", "0x10", "1_000", "٣", "1.2.3", "--1", "NaN", "Infinity", ""])
def test_not_numbers(text):
    assert parse_number(text)[0] is None


def test_an_importers_row_check_joins_the_same_report(tmp_path):
    def check(row, shown):
        return [] if row["top1"] <= 100 else [Problem(shown, row.line, "top1", f"row {row.number}: {row['top1']} is above 100")]

    content = "model,img_size,top1,top5\na,224,101,1\nb,224,x,1\n"
    with pytest.raises(TableError) as err:
        read_table(write(tmp_path, content), COLUMNS, shown_as="t.csv", row_check=check)
    assert [str(p) for p in err.value.problems] == ["t.csv:2: error: top1: row 1: 101.0 is above 100",
                                                    "t.csv:3: error: top1: row 2: 'x' is not a number"]
