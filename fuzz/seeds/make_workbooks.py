#!/usr/bin/env python3
"""Writes the .ods and .xls seeds of fuzz/seeds/ by hand (no office suite
on the build machine): a two-sheet ledger, patents on the first sheet and
trademarks on the second, the smallest files the readers accept.

    python3 fuzz/seeds/make_workbooks.py
"""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PATENTS = [
    ["申请号", "专利名称", "专利类型", "申请日", "法律状态"],
    ["201910123456.X", "一种齿轮箱", "发明", "2019-03-01", "有效"],
    ["202020654321.5", "一种支架", "实用新型", "2020-07-15", 3.5],
]
MARKS = [["注册号", "商标名称", "类别"], ["12345678", "齿轮", 7]]


def ods(path):
    def cell(v):
        if isinstance(v, (int, float)):
            return ('<table:table-cell office:value-type="float" office:value="%s">'
                    "<text:p>%s</text:p></table:table-cell>" % (v, v))
        return ('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
                "</table:table-cell>" % v)

    def table(name, rows):
        body = "".join("<table:table-row>%s</table:table-row>" % "".join(map(cell, r))
                       for r in rows)
        return '<table:table table:name="%s">%s</table:table>' % (name, body)

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>%s%s</office:spreadsheet></office:body>"
        "</office:document-content>" % (table("专利", PATENTS), table("商标", MARKS)))
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def rec(kind, data):
    return struct.pack("<HH", kind, len(data)) + data


def xls_string(s):
    """A BIFF8 XLUnicodeString: length, flag 1 (UTF-16LE), characters."""
    return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")


def sheet_stream(rows):
    out = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    out += rec(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, max(map(len, rows)), 0))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, (int, float)):
                out += rec(0x0203, struct.pack("<HHHd", r, c, 0, float(v)))
            else:
                out += rec(0x0204, struct.pack("<HHH", r, c, 0) + xls_string(v))
    return out + rec(0x000A, b"")


def workbook(sheets):
    def globals_(offsets):
        out = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
        out += rec(0x0042, struct.pack("<H", 1200))  # CodePage: UTF-16
        for (name, _), off in zip(sheets, offsets):
            n = struct.pack("<B", len(name)) + b"\x01" + name.encode("utf-16-le")
            out += rec(0x0085, struct.pack("<IBB", off, 0, 0) + n)
        return out + rec(0x000A, b"")

    streams = [sheet_stream(rows) for _, rows in sheets]
    head = globals_([0] * len(sheets))  # same length whatever the offsets
    offsets, pos = [], len(head)
    for s in streams:
        offsets.append(pos)
        pos += len(s)
    return globals_(offsets) + b"".join(streams)


def cfb(stream, name="Workbook"):
    """An OLE2 compound file holding one stream, padded to 4096 bytes so it
    lives in ordinary sectors (no mini stream)."""
    stream = stream.ljust(max(4096, (len(stream) + 511) // 512 * 512), b"\0")
    n_data = len(stream) // 512
    # Sector 0: FAT; 1: directory; 2..: the stream.
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n_data - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<109I", 0, *([0xFFFFFFFF] * 108))

    def entry(nm, kind, start, size, child=0xFFFFFFFF):
        raw = (nm + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 16
                + b"\0" * 4 + b"\0" * 16 + struct.pack("<IIII", start, size, 0, 0)[:8]
                + b"\0" * 4)

    root = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    ws = entry(name, 2, 2, len(stream))
    directory = (root + ws).ljust(512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + stream


def main():
    os.makedirs(os.path.join(HERE, "sheet_ods"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "sheet_xls"), exist_ok=True)
    ods(os.path.join(HERE, "sheet_ods", "ledger.ods"))
    with open(os.path.join(HERE, "sheet_xls", "ledger.xls"), "wb") as f:
        f.write(cfb(workbook([("专利", PATENTS), ("商标", MARKS)])))


if __name__ == "__main__":
    main()
