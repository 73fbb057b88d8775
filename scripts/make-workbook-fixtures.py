#!/usr/bin/env python3
"""Makes the .xlsx fixtures of the workbook tests (Tests/Fixtures/workbooks) with openpyxl.

Run from the package root: `python3 scripts/make-workbook-fixtures.py [--libreoffice]`. The outputs are committed, so the
Swift tests need no Python; run this again only to change them.

- demo/*.xlsx: every table of catalogs/demo as a workbook, the way a person keeping it in a spreadsheet
  would have it: sheet "Лист1", numbers as number cells, dates as date cells (Excel serial dates),
  yes/no as boolean cells (sources' pickup as the text Да/Нет); stock.xlsx with a title merged over the columns, blank rows and its costs as
  formulas with their saved values; prices.xlsx with the region written once, merged down its rows.
  `catalogs/demo` with these in place of its CSV files builds into the same catalog.
- typed.xlsx: one cell of each kind (sheet "Типы"), behind a hidden first sheet, and a second sheet
  "Прайс" for choosing a sheet by name; errors.xlsx: a formula error and a formula without a value.
- stock-bad.xlsx: the demo's stock with "много" in C14 (the error must be located stock.xlsx:Лист1!C14).
- supplier-tver.xlsx: PL-TVER's price list as a supplier mails it: an instructions sheet first, then
  "Прайс" with a merged title row and the Russian headers Артикул, Наименование, Остаток, Цена.

- libreoffice/*.xlsx (with --libreoffice, when LibreOffice's `soffice` is installed: Debian's
  libreoffice-calc-nogui): the demo's CSV files opened and saved as .xlsx by LibreOffice Calc itself, its
  own guesses included (dates become date cells, `+03:00` a time of day).

openpyxl does not calculate formulas and writes every text as an inline string, so the saved values of
formulas and a shared strings table (one inline string kept) are put into the XML afterwards, as Excel
or LibreOffice would have saved them.
"""
import csv
import datetime
import io
import os
import re
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "catalogs", "demo")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "workbooks")
NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Columns read as yes/no (TableReader.bool).
BOOLEAN_COLUMNS = {"crane", "default"}
FIXED_TIME = datetime.datetime(2026, 12, 1, 9, 0, 0)


def typed(column, text):
    """A CSV field as the cell a spreadsheet would hold."""
    if text == "":
        return None
    if column == "pickup" and text in ("yes", "no"):
        return "Да" if text == "yes" else "Нет"  # as a person types it: text, not a boolean cell
    if column in BOOLEAN_COLUMNS and text in ("yes", "no"):
        return text == "yes"
    if DATE.match(text):
        return datetime.date.fromisoformat(text)
    if NUMBER.match(text) and len(text.replace("-", "").replace(".", "")) <= 15:
        return int(text) if "." not in text else float(text)
    return text


def read_csv(name):
    with open(os.path.join(DEMO, name), encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f) if row and not row[0].startswith("#")]


def new_sheet(title="Лист1"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def put_row(ws, row_number, header, values):
    for i, text in enumerate(values):
        value = typed(header[i], text) if header is not None else text
        cell = ws.cell(row=row_number, column=i + 1, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = "DD.MM.YYYY"


def save(wb, path, formulas=None, inline=None):
    """Saves as a spreadsheet program would: texts in the shared strings table (openpyxl writes inline
    strings) but for the cells in `inline`, and formula cells with their saved values.

    formulas: {(sheet index, "D3"): "15.54"}; inline: {(sheet index, "H2")}.
    """
    wb.save(path)
    formulas, inline = formulas or {}, inline or set()
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strings, index = [], {}
    cell = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"([^>]*)><is><t([^>]*)>([^<]*)</t></is></c>')
    sheets = sorted(n for n in parts if re.match(r"xl/worksheets/sheet[0-9]+\.xml$", n))
    for name in sheets:
        sheet = int(re.search(r"([0-9]+)\.xml$", name).group(1)) - 1
        xml = parts[name].decode()

        def shared(m):
            if (sheet, m.group(1)) in inline:
                return m.group(0)
            text = m.group(5)
            if text not in index:
                index[text] = len(strings)
                strings.append((text, m.group(4)))
            return '<c r="%s"%s t="s"%s><v>%d</v></c>' % (m.group(1), m.group(2), m.group(3), index[text])

        xml = cell.sub(shared, xml)
        for (i, ref), value in formulas.items():
            if i != sheet:
                continue
            pattern = re.compile(r'(<c r="%s"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?' % ref)
            xml, n = pattern.subn(lambda m: m.group(1) + m.group(2) + "<v>%s</v>" % value, xml)
            assert n == 1, (ref, xml[:500])
        parts[name] = xml.encode()
    if strings:
        sst = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        sst += '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
        sst += "".join("<si><t%s>%s</t></si>" % (attrs, text) for text, attrs in strings) + "</sst>"
        parts["xl/sharedStrings.xml"] = sst.encode()
        types = parts["[Content_Types].xml"].decode()
        types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["[Content_Types].xml"] = types.encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def demo_workbooks():
    out = os.path.join(OUT, "demo")
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(DEMO)):
        if not name.endswith(".csv"):
            continue
        rows = read_csv(name)
        header = rows[0]
        wb, ws = new_sheet()
        formulas = {}
        if name == "stock.csv":
            stock_workbook(ws, header, rows[1:], formulas)
        elif name == "prices.csv":
            prices_workbook(ws, header, rows[1:])
        else:
            put_row(ws, 1, None, header)
            for r, values in enumerate(rows[1:], start=2):
                put_row(ws, r, header, values)
        save(wb, os.path.join(out, name[:-4] + ".xlsx"), formulas=formulas)


def stock_workbook(ws, header, rows, formulas):
    """A title merged over the columns, the header on row 2, a blank row after every 10 rows, and each
    cost as a formula (=cost×100/100) with the cost as its saved value."""
    ws.cell(row=1, column=1, value="Остатки на 01.12.2026").font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    put_row(ws, 2, None, header)
    cost = header.index("cost")
    r = 3
    for i, values in enumerate(rows):
        if i and i % 10 == 0:
            r += 1  # a blank row
        put_row(ws, r, header, values)
        ref = "%s%d" % (chr(65 + cost), r)
        ws[ref] = "=%s*100/100" % values[cost]
        formulas[(0, ref)] = values[cost]
        r += 1


def prices_workbook(ws, header, rows):
    """The region written once and merged down the rows that share it (rows already grouped by region
    keep their order)."""
    put_row(ws, 1, None, header)
    region = header.index("region")
    r = 2
    start = None
    for i, values in enumerate(rows):
        put_row(ws, r, header, values)
        same_as_above = i > 0 and values[region] != "" and values[region] == rows[i - 1][region]
        if same_as_above:
            ws.cell(row=r, column=region + 1).value = None
            if start is None:
                start = r - 1
        elif start is not None:
            ws.merge_cells(start_row=start, start_column=region + 1, end_row=r - 1, end_column=region + 1)
            start = None
        r += 1
    if start is not None:
        ws.merge_cells(start_row=start, start_column=region + 1, end_row=r - 1, end_column=region + 1)


def typed_workbook():
    wb, hidden = new_sheet("Скрытый")
    hidden["A1"] = "not this sheet"
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("Типы")
    header = ["text", "number", "decimal", "date", "moment", "yes", "no", "formula", "inline", "merged"]
    for i, h in enumerate(header):
        ws.cell(row=1, column=i + 1, value=h)
    ws.append([])  # row 2 stays blank
    values = ["Кирпич М150", 6300, 15.54, datetime.date(2026, 12, 1), datetime.datetime(2026, 12, 1, 10, 30),
              True, False, "=B3*2", "inline text", "Тверь"]
    for i, v in enumerate(values):
        ws.cell(row=3, column=i + 1, value=v)
    ws["D3"].number_format = "DD.MM.YYYY"
    ws["E3"].number_format = "yyyy-mm-dd hh:mm"
    ws.cell(row=4, column=1, value="0.1+0.2")
    ws.cell(row=4, column=2, value="=0.1+0.2")
    ws.cell(row=4, column=3, value=1.5e-3)
    ws.merge_cells("J3:J5")
    ws.cell(row=5, column=1, value="merged below")
    other = wb.create_sheet("Прайс")
    other.append(["sku", "stock"])
    other.append(["BR-NF-M150-SOL", 120000])
    save(wb, os.path.join(OUT, "typed.xlsx"),
         formulas={(1, "H3"): "12600", (1, "B4"): "0.30000000000000004"},
         inline={(1, "I3")})

    wb, ws = new_sheet()
    ws.append(["sku", "stock"])
    ws.append(["BR-NF-M150-SOL", "=1/0"])
    ws.append(["BR-NF-M125-SOL", "=B2+1"])
    save(wb, os.path.join(OUT, "errors.xlsx"))
    with zipfile.ZipFile(os.path.join(OUT, "errors.xlsx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml, n = re.subn(r'<c r="B2"([^>]*)><f>1/0</f><v\s*/?>(</v>)?', r'<c r="B2"\1 t="e"><f>1/0</f><v>#DIV/0!</v>', xml)
    assert n == 1, xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(os.path.join(OUT, "errors.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def bad_stock_workbook():
    rows = read_csv("stock.csv")
    header = rows[0]
    wb, ws = new_sheet()
    put_row(ws, 1, None, header)
    for r, values in enumerate(rows[1:], start=2):
        put_row(ws, r, header, values)
    ws["C14"] = "много"
    save(wb, os.path.join(OUT, "stock-bad.xlsx"))


def supplier_workbook():
    wb, first = new_sheet("Инструкция")
    first["A1"] = "Цены с НДС, отгрузка со склада завода"
    ws = wb.create_sheet("Прайс")
    ws["A1"] = "Прайс-лист завода «Тверца» на 01.12.2026"
    ws.merge_cells("A1:D1")
    ws.append(["Артикул", "Наименование", "Остаток", "Цена"])
    ws.append(["BR-NF-M150-SOL", "Кирпич М150 полнотелый", 120000, 15.62])
    ws.append([])
    ws.append(["BR-NF-M125-SOL", "Кирпич М125 полнотелый", 40000, 14.59])
    save(wb, os.path.join(OUT, "supplier-tver.xlsx"))


def libreoffice_workbooks():
    """The demo's CSV files converted by LibreOffice Calc (UTF-8, `,`, `"`): a spreadsheet program's export."""
    import glob
    import shutil
    import subprocess
    import tempfile
    out = os.path.join(OUT, "libreoffice")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(glob.glob(os.path.join(DEMO, "*.csv")))
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile", "--convert-to", "xlsx",
                        "--infilter=CSV:44,34,76,1", "--outdir", tmp] + files, check=True, stdout=subprocess.DEVNULL)
        for f in files:
            name = os.path.basename(f)[:-4] + ".xlsx"
            shutil.copy(os.path.join(tmp, name), os.path.join(out, name))


def main():
    os.makedirs(OUT, exist_ok=True)
    if "--libreoffice" in sys.argv:
        libreoffice_workbooks()
    demo_workbooks()
    typed_workbook()
    bad_stock_workbook()
    supplier_workbook()
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
