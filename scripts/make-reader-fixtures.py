#!/usr/bin/env python3
"""Remake the docx and PDF fixtures of tests/integration/readers.rs (issue 12).

Each paper is written as flat ODF (.fodt) — automatic list numbering, a footnote, a table with
a total row, an explicit page break — and converted by LibreOffice to .docx and .pdf, so the
fixtures carry real Word numbering (numbering.xml), footnotes (footnotes.xml) and a real PDF
text layer. The tests read only the committed files; this script needs LibreOffice and the
Noto CJK fonts:

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk qpdf
    python3 scripts/make-reader-fixtures.py

It also makes the commissioning paper (samples/legco-fintech-2020.zh.txt) as a docx and a PDF,
one paragraph per line of the text, a page break every 60 lines.
"""

import os
import pathlib
import shutil
import subprocess
import tempfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "readers"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xml="http://www.w3.org/XML/1998/namespace"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Noto Sans CJK TC" svg:font-family="'Noto Sans CJK TC'"/>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt"
     style:font-name-asian="Noto Sans CJK TC" style:font-size-asian="11pt"/>
  </style:default-style>
  <style:style style:name="Title" style:family="paragraph">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt"/>
  </style:style>
  <text:list-style style:name="Paragraphs">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix=".">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.6cm" fo:margin-left="0.6cm"/>
    </style:list-level-properties>
   </text:list-level-style-number>
   <text:list-level-style-number text:level="2" style:num-format="a" style:num-prefix="(" style:num-suffix=")">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.8cm" fo:margin-left="1.4cm"/>
    </style:list-level-properties>
   </text:list-level-style-number>
  </text:list-style>
  <text:list-style style:name="Sections">
   <text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="nothing"/>
    </style:list-level-properties>
   </text:list-level-style-number>
  </text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="Table" style:family="table"><style:table-properties style:width="14cm"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
"""
TAIL = """ </office:text></office:body></office:document>
"""


def p(text, style=None):
    s = f' text:style-name="{style}"' if style else ""
    return f"<text:p{s}>{text}</text:p>\n"


def note(n, body):
    return (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation>'
            f"<text:note-body>{p(escape(body))}</text:note-body></text:note>")


def numbered(paras, first=True):
    """A list of numbered paragraphs; each is (text, [sub-items], paragraph style). A list after
    the first continues its numbering (`text:continue-list`, which the docx export keeps)."""
    cont = ' xml:id="paras"' if first else ' text:continue-list="paras"'
    out = f'<text:list text:style-name="Paragraphs"{cont}>\n'
    for text, subs, style in paras:
        out += "<text:list-item>" + p(text, style)
        if subs:
            out += "<text:list>" + "".join(f"<text:list-item>{p(escape(s))}</text:list-item>" for s in subs) + "</text:list>"
        out += "</text:list-item>\n"
    return out + "</text:list>\n"


def section(title, n):
    cont = ' xml:id="sections"' if n == 1 else ' text:continue-list="sections"'
    return f'<text:list text:style-name="Sections"{cont}><text:list-item>{p(escape(title))}</text:list-item></text:list>\n'


def table(rows):
    cols = len(rows[0])
    out = '<table:table table:name="Accounts" table:style-name="Table">'
    out += f'<table:table-column table:number-columns-repeated="{cols}"/>'
    for r in rows:
        out += "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string">{p(escape(c))}</table:table-cell>' for c in r
        ) + "</table:table-row>"
    return out + "</table:table>\n"


def paper(lang):
    if lang == "en":
        title = "Faster Payment System: Progress Report"
        p1 = "This paper reports progress on the Faster Payment System" + note(1, "The system was launched in September 2018.") + " in its second year."
        p2 = "Daily real-time transactions rose from 125,400 in December 2019 to 188,100 in April 2020, an increase of 60%."
        p3 = "The number of registered accounts is set out below."
        subs = ["Banks registered most accounts.", "Stored value facilities registered the rest."]
        rows = [["Account type", "Last year", "This year"], ["Banks", "4,200", "5,100"],
                ["Stored value facilities", "1,800", "2,400"], ["Total", "6,000", "7,500"]]
        p4 = "Members are invited to note the progress."
        body = p(escape(title), "Title")
        body += numbered([(p1, [], None), (escape(p2), [], "PB"), (escape(p3), subs, None)])
    else:
        title = "轉數快進展報告"
        p1 = "本文件匯報轉數快" + note(1, "該系統於 2018 年 9 月推出。") + "推出第二年的進展。"
        p2 = "每日實時交易由 2019 年 12 月的 125,400 宗上升至 2020 年 4 月的 188,100 宗，升幅為 60%。"
        p3 = "登記帳戶數目載於下表。"
        subs = ["大部分帳戶由銀行登記。", "其餘由儲值支付工具登記。"]
        rows = [["帳戶類別", "去年", "今年"], ["銀行", "4,200", "5,100"],
                ["儲值支付工具", "1,800", "2,400"], ["總數", "6,000", "7,500"]]
        p4 = "請委員備悉有關進展。"
        body = p(escape(title), "Title")
        body += section("目的", 1)
        body += numbered([(p1, [], None)])
        body += section("進展", 2)
        body += numbered([(escape(p2), [], "PB"), (escape(p3), subs, None)], first=False)
    body += table(rows)
    body += numbered([(escape(p4), [], None)], first=False)
    return HEAD + body + TAIL


def spaces(text):
    """Text for ODF, every space kept: a run of spaces collapses there unless written `<text:s/>`."""
    import re
    text = escape(text).replace("\t", "<text:tab/>")
    return re.sub(r"  +", lambda m: " " + f'<text:s text:c="{len(m.group(0)) - 1}"/>', text)


def commissioning():
    lines = (ROOT / "samples" / "legco-fintech-2020.zh.txt").read_text(encoding="utf-8").splitlines()
    body = ""
    kept = [l.strip() for l in lines if l.strip()]
    for i, line in enumerate(kept):
        body += p(spaces(line), "PB" if i and i % 60 == 0 else None)
    return HEAD + body + TAIL


def convert(fodt_text, stem, formats):
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / f"{stem}.fodt"
        src.write_text(fodt_text, encoding="utf-8")
        for fmt in formats:
            target = "docx:MS Word 2007 XML" if fmt == "docx" else "pdf:writer_pdf_Export"
            subprocess.run(
                ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", target, "--outdir", tmp, str(src)],
                check=True, stdout=subprocess.DEVNULL,
            )
            shutil.copy(pathlib.Path(tmp) / f"{stem}.{fmt}", OUT / f"{stem}.{fmt}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ["en", "zh"]:
        convert(paper(lang), f"paper.{lang}", ["docx", "pdf"])
    convert(commissioning(), "legco-fintech-2020.zh", ["docx", "pdf"])
    # A PDF that needs a password to open (qpdf, AES-256; the password is "secret"). Not named
    # .pdf, so a walk of tests/fixtures does not meet it; tests/integration/readers.rs copies it to one.
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(OUT / "paper.en.pdf"),
                    str(OUT / "encrypted-pdf.bin")], check=True)
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
