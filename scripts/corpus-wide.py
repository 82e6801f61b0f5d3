#!/usr/bin/env python3
"""Measure policy-lint on the wide development corpus (../shared/corpus-wide).

    scripts/corpus-wide.py                                  # target/release/policy-lint
    scripts/corpus-wide.py --bin /work/bin/policy-lint-base --json before.json
    scripts/corpus-wide.py --compare before.json            # before -> after, and what changed
    scripts/corpus-wide.py --show-missed sum --file CAT     # why were these mutations missed?

Standard library only. Every run lints from an empty temporary directory (no policy-lint.toml is
picked up), with absolute paths and no --date. It prints five reports and exits 0 (it is a report,
not a gate); it exits 2 only when it cannot run at all (no binary, no corpus).

1. Relations read as claims. For every annotated relation, `BIN figures --format json PAPER` is
   asked for a check of a compatible rule (COMPATIBLE_RULES below) whose spans overlap at least
   min(2, number of quotes, number of spans in the check) distinct quotes of the relation; a check
   without spans never matches. "read" = such a check with verdict consistent/inconsistent;
   "doubt" = only skipped ones. Quotes are code-point ranges of the paper, spans byte ranges: both
   are compared as byte ranges of the UTF-8 file (a zero-length span counts as one byte).

2. Planted operand changes (mutation test), holds=true relations only. ONE edit inside one quote,
   meant as a realistic single slip; the mutated paper is written under the same basename in a temp
   directory and linted with --format json. A relation is *caught* when the mutated run has a
   diagnostic (primary span or any label span) overlapping one of its (shifted) quotes that the
   unmutated run did not have (identity: rule + message + primary span shifted by the edit).
   The operand is chosen without looking at policy-lint's output, so runs of two builds plant
   exactly the same edits. Strategy per kind:

   * sum, difference, share, change, average, multiple, repeated ("equality kinds"): the first
     number of the first quote that has one, skipping years and dates (2012, 2012年, 12月, 3日,
     `15 May`, 16/06/2008, 9:00, 1st, `1到8月`, 一季度, 星期四) and labels ((1), (a), 第N, 一是, `Q1`,
     a row number at the start of a line, a number glued to letters) - with one judgement call:
     the first number whose significant digits occur in the relation's `claim` (the annotator's
     arithmetic) is preferred, so the edit hits an operand (350 in "rose 18.1% to $350 billion"
     for a deficit 382 - 350, the 2012 column of a table row for that column's sum) rather than a
     neighbour; when no number is in the claim, the first one. Its leading significant digit d
     becomes d+1 (9 becomes 8; a zero value becomes 1). Numbers may be `1,197`, `1 197`, `5 ,800`,
     `$42 700`, full-width digits or Chinese numerals (二万四千 -> 三万四千, 十二 -> 二十二, 兩成二 ->
     三成二, 廿 -> 卅). English number words (eight, Twenty-two) are used only if no quote has a
     digit or Chinese numeral. For `repeated` relations whose only figures are years, the first
     year's last digit is changed (2008 -> 2009).
   * list-count: the stated count in the first quote - the first integer there that is not a
     percentage, money, year, date or label - becomes count+1 (12 -> 13, three -> four, Twenty-two
     -> Twenty-three, 三 -> 四, 兩/两/二 -> 三). When the first quote states no count but pairs items
     with a figure list after 分别/分別/各/各自/respectively, the last figure of that list is dropped
     (`…分别增长9.1%、4.8%、4%` -> `…9.1%、4.8%`). Otherwise not mutable.
   * numbering: the label in the last quote +1: (2) -> (3), (b) -> (c), (vi) -> (vii), (四 ) ->
     (五 ), 第四 -> 第五, 四是 -> 五是, `753 ` -> `754 `, three -> four.
   * footnote: the first bracketed marker number of the first quote +1 ([1] -> [2], (4) -> (5));
     `*` markers are not mutable.
   * direction, comparison: the first direction/comparison word (SWAPS below; kind's own family
     first, then the other family; first quote first) is swapped: increased -> decreased, rose ->
     fell, up -> down, above -> below, more -> less, exceeds -> falls short of, before -> after,
     增加 -> 減少/减少, 上升 -> 下降, 升 -> 跌, 擴大 -> 縮小, 高於 -> 低於, 優於 -> 遜於, 以上 -> 以下,
     尚未 -> 已經 … (a lone 多/少 right after a numeral is a qualifier, never swapped). If a
     comparison has no such word, the first number of the first quote is multiplied by 10 (the
     digits shift: 445 -> 4450, 1.5 -> 15, 2,375 -> 23,750, 八十五 -> 八百五十). Else not mutable.
   * subset: multiply the part by 10. Judgement call: the annotation often quotes the whole first
     ("$17 million … including $2 million"), and ten times the whole still holds, so the part is
     the first quote's first number unless that is the largest number of the relation (then the
     smallest of the other quotes' first numbers is taken; when one quote holds every number, its
     smallest non-zero number). It is multiplied by 10, or by 100 or 1000 when needed to exceed
     the largest number (a slipped zero, or a thousand/million unit slip). Values are read by this
     script (units: thousand, million, billion, m, bn, 千, 万/萬, 亿/億, 兆).
   * date-after-paper: the quote that is the paper's own date (a LegCo page header `立法會 ─ …`,
     the store's ` date YYYY-MM-DD`, or else the quote found earliest in the paper) is left alone;
     in the last other quote the last 4-digit year becomes year+3 (fiscal `2003-04` -> `2006-07`;
     Chinese-numeral years too). No year there: not mutable.
   * weekday: the day of month +1 (-1 when +1 would not be a date); the weekday name is kept.
   * relative-date, date-range: the last 4-digit year of the LAST quote becomes year-3 (no year in
     the last quote: not mutable). For date-range, when the same quote has an earlier year Y0 and
     year-3 would not reverse the range, the year becomes Y0-1 instead (`December 2009 to end
     December 2012` -> `… December 2008`), so the range really is reversed. Caveat: a relative-date
     relation whose last quote is the paper's own date ("last year" vs 21 Jan 2002) stays
     internally consistent after -3; such mutations are planted anyway and show as missed.

   Not every planted edit falsifies an inequality ("more than double", 以上, "about 10"): the
   edits are realistic slips chosen by a fixed rule, not a proof; --show-missed KIND lists them.
   Caught shares are printed pooled and averaged over papers (the mean of each paper's share).

3. Holds-false relations: flagged when any diagnostic of the unmutated run overlaps any quote
   (primary span or label span; "n/a" when the paper could not be linted).
4. False alarms: unmutated diagnostics overlapping the quotes of holds-true relations, except a
   diagnostic that also overlaps a holds-false relation of the same paper: it flags a published
   error, and only its labels touch the other relations (a table's total that several row sums
   and shares use). Those pairs are counted and printed apart.
5. Findings on all papers, unmutated: total and by rule; every finding written to --findings-out.

--json PATH keeps every figure and each relation's status so two runs can be diffed;
--compare OLD.json prints before -> after for the headline figures and the relations that changed.
"""

import argparse
import bisect
import calendar
import collections
import concurrent.futures as cf
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

# ------------------------------------------------------------------------------------------------
# Which rules may read which kind of relation. New rules will appear: names that do not exist yet
# are fine here.
COMPATIBLE_RULES = {
    "sum": ["sum-of-parts"],
    "share": ["percent-of-total"],
    "change": ["percent-change", "change-direction"],
    "direction": ["change-direction", "percent-change"],
    "comparison": ["comparison", "subset-exceeds-total", "date-order", "event-date"],
    "subset": ["subset-exceeds-total", "comparison"],
    "repeated": ["repeated-figure", "event-date"],
    "list-count": ["list-count"],
    "numbering": ["numbering"],
    "footnote": ["footnotes"],
    "date-after-paper": ["date-after-document"],
    "weekday": ["weekday"],
    "relative-date": ["relative-date"],
    "date-range": ["date-range-order", "date-order", "period-length"],
    "difference": ["difference", "sum-of-parts"],
    "average": ["average"],
    "multiple": ["multiple", "percent-change"],
}

EQUALITY_KINDS = {"sum", "difference", "share", "change", "average", "multiple", "repeated"}
LANGS = ["zh-Hant", "zh-Hans", "en"]
KIND_ORDER = list(COMPATIBLE_RULES)
MIN_MUTATED_MARK = 10  # kinds with at least this many mutated relations are marked *

# Direction and comparison words. English: word -> replacement (case follows the text).
# Chinese: word -> (Traditional replacement, Simplified replacement), chosen by the paper's language.
SWAPS = {
    "direction": {
        "en": {
            "increase": "decrease", "increases": "decreases", "increased": "decreased",
            "increasing": "decreasing", "decrease": "increase", "decreases": "increases",
            "decreased": "increased", "decreasing": "increasing",
            "rise": "fall", "rises": "falls", "rose": "fell", "risen": "fallen", "rising": "falling",
            "fall": "rise", "falls": "rises", "fell": "rose", "fallen": "risen", "falling": "rising",
            "up": "down", "down": "up", "grew": "shrank", "grow": "shrink", "grows": "shrinks",
            "growth": "decline", "lowered": "raised", "raised": "lowered",
            "widened": "narrowed", "narrowed": "widened",
        },
        "zh": {
            "增加": ("減少", "减少"), "減少": ("增加", "增加"), "减少": ("增加", "增加"),
            "上升": ("下降", "下降"), "下降": ("上升", "上升"),
            "增長": ("下跌", "下跌"), "增长": ("下跌", "下跌"), "下跌": ("上升", "上升"),
            "上漲": ("下跌", "下跌"), "上涨": ("下跌", "下跌"),
            "回升": ("回落", "回落"), "回落": ("回升", "回升"),
            "升幅": ("跌幅", "跌幅"), "跌幅": ("升幅", "升幅"), "增幅": ("跌幅", "跌幅"),
            "降幅": ("增幅", "增幅"),
            "擴大": ("縮小", "缩小"), "扩大": ("縮小", "缩小"), "縮小": ("擴大", "扩大"),
            "缩小": ("擴大", "扩大"), "提高": ("降低", "降低"), "降低": ("提高", "提高"),
            "成長": ("衰退", "衰退"), "成长": ("衰退", "衰退"), "衰退": ("成長", "成长"),
            "正增長": ("負增長", "负增长"), "正增长": ("負增長", "负增长"),
            "負增長": ("正增長", "正增长"), "负增长": ("正增長", "正增长"),
            "年增": ("年減", "年减"), "年減": ("年增", "年增"), "年减": ("年增", "年增"),
            "升": ("跌", "跌"), "跌": ("升", "升"), "增": ("減", "减"), "減": ("增", "增"),
            "减": ("增", "增"), "降": ("升", "升"), "漲": ("跌", "跌"), "涨": ("跌", "跌"),
        },
    },
    "comparison": {
        "en": {
            "higher": "lower", "lower": "higher", "more": "less", "less": "more", "fewer": "more",
            "above": "below", "below": "above", "exceed": "fall short of",
            "exceeds": "falls short of", "exceeded": "fell short of",
            "exceeding": "falling short of", "majority": "minority", "minority": "majority",
            "major": "minor", "most": "least", "least": "most", "before": "after",
            "after": "before", "earlier": "later", "later": "earlier", "greater": "smaller",
            "larger": "smaller", "smaller": "larger", "largest": "smallest",
            "smallest": "largest", "highest": "lowest", "lowest": "highest",
        },
        "zh": {
            "高於": ("低於", "低于"), "高于": ("低於", "低于"), "低於": ("高於", "高于"),
            "低于": ("高於", "高于"), "低過": ("高過", "高过"), "低过": ("高過", "高过"),
            "高過": ("低過", "低过"), "高过": ("低過", "低过"),
            "多於": ("少於", "少于"), "多于": ("少於", "少于"), "少於": ("多於", "多于"),
            "少于": ("多於", "多于"), "超過": ("低於", "低于"), "超过": ("低於", "低于"),
            "大於": ("小於", "小于"), "大于": ("小於", "小于"), "小於": ("大於", "大于"),
            "小于": ("大於", "大于"), "優於": ("遜於", "逊于"), "优于": ("遜於", "逊于"),
            "遜於": ("優於", "优于"), "逊于": ("優於", "优于"), "為佳": ("為差", "为差"),
            "为佳": ("為差", "为差"), "為少": ("為多", "为多"), "为少": ("為多", "为多"),
            "為多": ("為少", "为少"), "为多": ("為少", "为少"),
            "以上": ("以下", "以下"), "以下": ("以上", "以上"), "至少": ("至多", "至多"),
            "至多": ("至少", "至少"), "最高": ("最低", "最低"), "最低": ("最高", "最高"),
            "最多": ("最少", "最少"), "最少": ("最多", "最多"), "最大": ("最小", "最小"),
            "最小": ("最大", "最大"), "絕大部分": ("極少部分", "极少部分"),
            "绝大部分": ("極少部分", "极少部分"), "大部分": ("小部分", "小部分"),
            "首破": ("未破", "未破"), "衝破": ("跌破", "跌破"), "冲破": ("跌破", "跌破"),
            "站上": ("跌落", "跌落"), "趕上": ("不及", "不及"), "赶上": ("不及", "不及"),
            "超乎": ("低於", "低于"), "尚未": ("已經", "已经"), "之前": ("之後", "之后"),
            "之後": ("之前", "之前"), "之后": ("之前", "之前"), "以前": ("以後", "以后"),
            "以後": ("以前", "以前"), "以后": ("以前", "以前"),
            "雙位數": ("單位數", "单位数"), "双位数": ("單位數", "单位数"),
            "破": ("低於", "低于"), "高": ("低", "低"), "低": ("高", "高"),
            "多": ("少", "少"), "少": ("多", "多"),
        },
    },
}

# ------------------------------------------------------------------------------------------------
# Numbers

ASCII_DIGITS = "0123456789"
FW_DIGITS = "０１２３４５６７８９"
DIGITS = ASCII_DIGITS + FW_DIGITS
CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
            "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNIT = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8, "兆": 10 ** 12}
CN_NUM_CHARS = "".join(CN_DIGIT) + "十百千万萬亿億兆廿卅"
CN_DIGITISH = set("〇○零一二两兩三四五六七八九十廿卅")
CN_RUN_RE = re.compile("[" + CN_NUM_CHARS + "]+(?:[點点．.][〇○零一二三四五六七八九]+)?")
CLASSIFIERS = set("个個家所项項宗人名位次条條种種成倍年月日份批届屆头頭户戶间間艘架类類大点點季周週步股层層级級座条件张張本类方期部倍元斤吨噸亩畝面字业業结結阶階路")
CN_NOT_NUMBER = ["统一", "統一", "唯一", "单一", "單一", "之一", "进一步", "進一步", "一些", "一起", "一直",
                 "一般", "一定", "一致", "一切", "一旦", "一方面", "一带一路", "一帶一路", "同一", "万一",
                 "萬一", "一律", "一再", "一向", "一同", "一下", "一樣", "一样", "一并", "一併", "十分",
                 "兩岸", "两岸", "千万", "千萬", "万分", "萬分", "三思", "一體", "一体", "一連", "一连",
                 "一道", "一系列", "一手", "一流", "一貫", "一贯", "一舉", "一举", "第一",
                 "五年计划", "五年計劃", "一國兩制", "一国两制", "三中全会", "三中全會"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
           "eighteen", "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_WORD_RE = re.compile(
    r"\b(?:(" + "|".join(EN_TENS[2:]) + r")(?:([- ])(" + "|".join(EN_ONES[1:10]) + r"))?|("
    + "|".join(sorted(EN_ONES[2:], key=len, reverse=True)) + r"))\b", re.I)
UNIT_RE = re.compile(r"\s{0,3}(thousand|million|billion|trillion|bn|mn|m|b|k|百萬|百万|千萬|千万|兆|億|亿|萬|万|千)(?![A-Za-z])", re.I)
UNIT_VALUE = {"thousand": 10 ** 3, "k": 10 ** 3, "million": 10 ** 6, "mn": 10 ** 6, "m": 10 ** 6,
              "billion": 10 ** 9, "bn": 10 ** 9, "b": 10 ** 9, "trillion": 10 ** 12,
              "百萬": 10 ** 6, "百万": 10 ** 6, "千萬": 10 ** 7, "千万": 10 ** 7, "兆": 10 ** 12,
              "億": 10 ** 8, "亿": 10 ** 8, "萬": 10 ** 4, "万": 10 ** 4, "千": 10 ** 3}
PERCENT_RE = re.compile(r"\s?(%|％|per\s*cent|percent|个百分点|個百分點)", re.I)
MONEY_AFTER_RE = re.compile(r"\s?(?:[萬万億亿兆千]?\s?(?:元|美元|港元|港幣|人民幣|人民币|斤|吨|噸)|thousand|million|billion|bn\b|m\b)", re.I)
LABEL_WORD_BEFORE = re.compile(r"(?:No\.|no\.|Q|Annex|Appendix|paragraph|para\.?|Article|Part|Chapter|Section|Table|Figure|Item|Rule|page|附件|附表|表|第)\s*$")


class Num:
    """One number in the paper: [start, end) code points, kind arabic|cn|en."""

    __slots__ = ("start", "end", "kind", "text", "value", "is_int", "fullwidth", "groups",
                 "decimals", "flags")

    def __init__(self, start, end, kind, text, value, is_int, fullwidth=False, groups=None,
                 decimals=0):
        self.start, self.end, self.kind, self.text = start, end, kind, text
        self.value, self.is_int, self.fullwidth = value, is_int, fullwidth
        self.groups, self.decimals = groups, decimals
        self.flags = set()  # year, date, label, percent, money, fiscal


def dval(c):
    return DIGITS.index(c) % 10


def to_ascii(s):
    return "".join(str(dval(c)) if c in FW_DIGITS else c for c in s)


def to_fullwidth(s):
    return "".join(FW_DIGITS[int(c)] if c in ASCII_DIGITS else c for c in s)


COMMA_GROUP = re.compile(r" ?,([0-9０-９]{3})(?![0-9０-９])")
SPACE_GROUP = re.compile(r" ([0-9０-９]{3})(?![0-9０-９])")
DECIMAL_PART = re.compile(r"[.．]([0-9０-９]+)")
TABLE_NEXT = re.compile(r"\s+[0-9０-９]")


def scan_arabic(text, i, end):
    """The Arabic number starting at text[i] (a digit not preceded by one)."""
    j = i
    while j < end and text[j] in DIGITS:
        j += 1
    lead = j - i
    seps = None
    spaced = 0
    while True:
        m = COMMA_GROUP.match(text, j, end)
        if m:
            j, seps = m.end(), seps or ","
            continue
        if spaced == 0 and lead <= 3:
            m = SPACE_GROUP.match(text, j, end)
            if m and (lead <= 2 or not TABLE_NEXT.match(text, m.end(), end)):
                j, seps, spaced = m.end(), seps or " ", 1
                continue
        break
    int_text = text[i:j]
    decimals = 0
    m = DECIMAL_PART.match(text, j, end)
    if m and not (j + 1 < end and text[j] == "." and text[j + 1:j + 2] == " "):
        decimals = len(m.group(1))
        j = m.end()
    raw = text[i:j]
    digits_only = to_ascii("".join(c for c in int_text if c in DIGITS))
    val = Decimal(digits_only)
    if decimals:
        val += Decimal(to_ascii(m.group(1))) / (Decimal(10) ** decimals)
    return Num(i, j, "arabic", raw, val, decimals == 0,
               fullwidth=any(c in FW_DIGITS for c in raw), groups=seps, decimals=decimals)


def cn_int(s):
    if not any(c in "十百千万萬亿億兆廿卅" for c in s):
        return int("".join(str(CN_DIGIT[c]) for c in s)) if s else 0
    total = sec = num = 0
    numset = False
    for c in s:
        if c in CN_DIGIT:
            num, numset = CN_DIGIT[c], True
        elif c == "廿":
            sec, num, numset = sec + 20, 0, False
        elif c == "卅":
            sec, num, numset = sec + 30, 0, False
        elif c in CN_SMALL_UNIT:
            sec += (num if numset else 1) * CN_SMALL_UNIT[c]
            num, numset = 0, False
        elif c in CN_BIG_UNIT:
            u = CN_BIG_UNIT[c]
            if u == 10 ** 4:
                total += (sec + num) * u
            else:
                total = (total + sec + num) * u
            sec, num, numset = 0, 0, False
    return total + sec + num


def parse_cn(run):
    m = re.match(r"([^點点．.]+)(?:[點点．.](.+))?$", run)
    ip, dp = m.group(1), m.group(2)
    val = Decimal(cn_int(ip))
    if dp:
        val += Decimal("".join(str(CN_DIGIT[c]) for c in dp)) / (Decimal(10) ** len(dp))
    return val, (len(dp) if dp else 0)


def render_cn(n, hant):
    """An integer in standard Chinese numerals."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def sec4(x, first):
        out, zero = "", False
        for u, uc in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // u % 10
            if d:
                if zero or (not out and not first and u != 1000):
                    out += "零"
                zero = False
                if d == 1 and uc == "十" and first and not out:
                    out += "十"
                else:
                    out += digits[d] + uc
            elif out:
                zero = True
        return out

    wan, yi = ("萬", "億") if hant else ("万", "亿")
    parts = []
    groups = [(n // 10 ** 8, yi), (n // 10 ** 4 % 10 ** 4, wan), (n % 10 ** 4, "")]
    started = False
    for val, unit in groups:
        if val:
            s = sec4(val, not started) if val < 10 ** 4 else render_cn(val, hant)
            parts.append(s + unit)
            started = True
        elif started:
            parts.append("零")
    out = "".join(parts)
    out = re.sub("零+", "零", out).rstrip("零")
    return out


def en_word_value(m):
    if m.group(4):
        return EN_ONES.index(m.group(4).lower())
    v = EN_TENS.index(m.group(1).lower()) * 10
    if m.group(3):
        v += EN_ONES.index(m.group(3).lower())
    return v


def render_en(v, like):
    if v < 20:
        w = EN_ONES[v]
    else:
        sep = "-" if "-" in like or " " not in like else " "
        w = EN_TENS[v // 10] + (sep + EN_ONES[v % 10] if v % 10 else "")
    if like.isupper():
        return w.upper()
    if like[:1].isupper():
        return w[:1].upper() + w[1:]
    return w


def line_start(text, i):
    j = i - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    return j < 0 or text[j] == "\n"


DATE_AFTER_RE = re.compile(r"\s*(?:[月日号號時时]|[:：][0-9])")
DATE_RANGE_MONTH_RE = re.compile(r"\s*[到至\-–~]\s*[0-9０-９一二三四五六七八九十]+\s*月")
ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b", re.I)
DAY_MONTH_RE = re.compile(r"(?:st|nd|rd|th)?['’.]?\s*(?:[-–]\s*\d{1,2}\s*)?,?\s+" + MONTH_RE + r"(?![A-Za-z])", re.I)
MONTH_DAY_BEFORE_RE = re.compile(MONTH_RE + r"\s+(?:\d{1,2}\s*[-–]\s*)?$", re.I)
SLASH_DATE_AFTER = re.compile(r"[/／][0-9]{1,2}[/／][0-9]{2,4}")
SLASH_DATE_MID = re.compile(r"[0-9]{1,2}[/／]$")
ISO_AFTER = re.compile(r"-[0-9]{1,2}-[0-9]{1,2}")
FISCAL_AFTER = re.compile(r"[-–/](?:[0-9]{2}|[0-9]{4})(?![0-9])(?![-–/][0-9])")
YEAR_UNIT_AFTER = re.compile(r"\s?(?:%|％|per\s*cent|percent|[億亿萬万兆]|元|宗|人|名|個|个|所|間|间|家|項|项|件|份|次|million|billion|thousand)", re.I)


def classify_arabic(text, n):
    """Flags for an Arabic number: year, date, label, percent, money."""
    s, e = n.start, n.end
    before = text[max(0, s - 12):s]
    after = text[e:e + 16]
    if PERCENT_RE.match(after):
        n.flags.add("percent")
    if before.rstrip().endswith(("$", "＄")) or MONEY_AFTER_RE.match(after):
        n.flags.add("money")
    plain4 = n.is_int and not n.groups and len(to_ascii(n.text)) == 4
    if plain4 and 1800 <= int(n.value) <= 2100 and "money" not in n.flags \
            and not YEAR_UNIT_AFTER.match(after):
        n.flags.add("year")
        if FISCAL_AFTER.match(after):
            n.flags.add("fiscal")
    if DATE_AFTER_RE.match(after) or DATE_RANGE_MONTH_RE.match(after) or SLASH_DATE_AFTER.match(after) \
            or SLASH_DATE_MID.search(before) or ISO_AFTER.match(after) \
            or re.search(r"[0-9][:：]$", before) or re.search(r"[0-9]{4}-(?:[0-9]{1,2}-)?$", before) \
            or re.search(r"[0-9]{1,2}[/／][0-9]{1,2}[/／]$", before):
        if "year" not in n.flags:
            n.flags.add("date")
    if n.is_int and not n.groups and int(n.value) <= 31:
        if DAY_MONTH_RE.match(after) or MONTH_DAY_BEFORE_RE.search(before):
            n.flags.add("date")
    if ORDINAL_RE.match(after):
        n.flags.add("date")
    # labels
    if re.search(r"[(（\[]\s*$", before) and re.match(r"\s*[)）\]]", after):
        n.flags.add("label")
    if LABEL_WORD_BEFORE.search(before):
        n.flags.add("label")
    if s > 0 and (text[s - 1].isalpha() and text[s - 1].isascii()):
        n.flags.add("label")
    if s > 1 and text[s - 1] == "-" and text[s - 2].isalpha() and text[s - 2].isascii():
        n.flags.add("label")
    if e < len(text) and text[e].isascii() and text[e].isalpha() and not ORDINAL_RE.match(after) \
            and not re.match(r"(?:m|bn|b|k|mn)\b", after, re.I):
        n.flags.add("label")
    if line_start(text, s) and n.is_int and not n.groups:
        if re.match(r"[.．、)）](?:\s|$)", after):
            n.flags.add("label")
        elif int(n.value) <= 300 and re.match(r"[ \t]+(?:\*|[A-Z]|[\u4e00-\u9fff])", after):
            nxt = after.lstrip(" \t")[:1]
            if nxt not in CLASSIFIERS:
                n.flags.add("label")
    return n


def classify_cn(text, n):
    s, e = n.start, n.end
    before = text[max(0, s - 6):s]
    after = text[e:e + 8]
    digit_only = not any(c in "十百千万萬亿億兆廿卅" for c in n.text)
    if re.search(r"百分之$", before) or PERCENT_RE.match(after):
        n.flags.add("percent")
    if MONEY_AFTER_RE.match(after):
        n.flags.add("money")
    if digit_only and len(n.text) == 4 and after.lstrip().startswith("年"):
        n.flags.add("year")
    elif re.match(r"\s*(?:[月日号號時时季]|月份)", after) or DATE_RANGE_MONTH_RE.match(after) \
            or re.search(r"(?:星期|禮拜|礼拜|週|周)$", before):
        n.flags.add("date")
    if before.endswith("第") or re.search(r"[(（]\s*$", before) and re.match(r"\s*[)）]", after):
        n.flags.add("label")
    if after.startswith("是") or (line_start(text, s) and re.match(r"[、．.]", after)):
        n.flags.add("label")
    return n


def in_word(text, st, en):
    """Is text[st:en] part of a word such as 統一, 進一步, 兩岸, 五年计划?"""
    lo = max(0, st - 4)
    window = text[lo:en + 4]
    for w in CN_NOT_NUMBER:
        k = window.find(w)
        while k >= 0:
            if lo + k < en and lo + k + len(w) > st:
                return True
            k = window.find(w, k + 1)
    return False


def find_numbers(text, qs, qe, words=False):
    """Numbers whose first character lies in text[qs:qe], in order; end clipped to qe."""
    out = []
    i = qs
    while i < qe:
        c = text[i]
        if c in DIGITS and (i == 0 or text[i - 1] not in DIGITS):
            n = scan_arabic(text, i, qe)
            if i > 0 and text[i - 1] in ".．" and i > 1 and text[i - 2] in DIGITS:
                i = n.end
                continue
            out.append(classify_arabic(text, n))
            i = n.end
            continue
        i += 1
    for m in CN_RUN_RE.finditer(text, qs, qe):
        run = m.group(0)
        if not any(ch in CN_DIGITISH for ch in run):
            continue
        st, en = m.start(), m.end()
        # leading bare units (百分之, 亿) are not part of the number
        while run and run[0] in "百千万萬亿億兆" and not (len(run) > 1 and run[1] in CN_DIGITISH and run[0] in "百千"):
            run, st = run[1:], st + 1
        # trailing big unit glued after a Chinese number stays in (七十四万)
        if not run or not any(ch in CN_DIGITISH for ch in run):
            continue
        if len(run) <= 2 and in_word(text, st, en):
            continue
        if all(ch in "零〇○" for ch in run) and len(run) == 1:
            continue
        if len(run) == 1:
            nxt = text[en:en + 1]
            if run == "一" and nxt not in CLASSIFIERS:
                continue
        try:
            val, dec = parse_cn(run)
        except (KeyError, ValueError, AttributeError):
            continue
        n = Num(st, en, "cn", run, val, dec == 0, decimals=dec)
        out.append(classify_cn(text, n))
    if words:
        for m in EN_WORD_RE.finditer(text, qs, qe):
            n = Num(m.start(), m.end(), "en", m.group(0), Decimal(en_word_value(m)), True)
            after = text[m.end():m.end() + 12]
            if PERCENT_RE.match(after):
                n.flags.add("percent")
            if MONEY_AFTER_RE.match(after) and not re.match(r"\s?m\b", after):
                n.flags.add("money")
            out.append(n)
    out.sort(key=lambda n: n.start)
    return out


def plain(n):
    return not (n.flags & {"year", "date", "label"})


def unit_after(text, n):
    m = UNIT_RE.match(text, n.end, min(len(text), n.end + 12))
    if not m:
        return 1
    u = m.group(1)
    return UNIT_VALUE.get(u, UNIT_VALUE.get(u.lower(), 1))


# ------------------------------------------------------------------------------------------------
# Edits

class Edit:
    def __init__(self, qi, pos, old, new, desc):
        self.qi, self.pos, self.old, self.new, self.desc = qi, pos, old, new, desc

    def as_json(self):
        return {"quote": self.qi + 1, "pos": self.pos, "old": self.old, "new": self.new,
                "desc": self.desc}


def short(s, n=40):
    s = s.replace("\n", "⏎")
    return s if len(s) <= n else s[:n - 1] + "…"


def edit_for(text, qi, start, end, new, what):
    old = text[start:end]
    return Edit(qi, start, old, new, f"{what}: '{short(old)}' -> '{short(new)}' (quote {qi + 1})")


def bump_leading_digit(n, hant):
    """(offset in n.text, old, new) changing the leading significant digit."""
    t = n.text
    if n.kind == "arabic":
        for k, c in enumerate(t):
            if c in DIGITS and dval(c) != 0:
                d = dval(c)
                nd = 8 if d == 9 else d + 1
                nc = FW_DIGITS[nd] if c in FW_DIGITS else str(nd)
                return k, c, nc
        for k, c in enumerate(t):
            if c in DIGITS:
                return k, c, (FW_DIGITS[1] if c in FW_DIGITS else "1")
        return None
    if n.kind == "cn":
        for k, c in enumerate(t):
            if c == "十" and (k == 0 or t[k - 1] not in CN_DIGIT or CN_DIGIT.get(t[k - 1]) == 0):
                return k, c, "二十"
            if c == "廿":
                return k, c, "卅"
            if c == "卅":
                return k, c, "四十"
            if c in CN_DIGIT and CN_DIGIT[c] != 0:
                d = CN_DIGIT[c]
                if d == 9:
                    return k, c, "八"
                return k, c, "一二三四五六七八九"[d]
        return None
    if n.kind == "en":
        v = int(n.value)
        if v < 10:
            nv = 8 if v == 9 else v + 1
        else:
            d = v // 10
            nv = (8 if d == 9 else d + 1) * 10 + v % 10
        return 0, t, render_en(nv, t)
    return None


def plus_one(n, hant):
    """New text for the number + 1 (counts and labels)."""
    v = int(n.value)
    if n.kind == "arabic":
        s = str(v + 1)
        return to_fullwidth(s) if n.fullwidth else s
    if n.kind == "cn":
        if n.text in ("兩", "两", "二"):
            return "三"
        return render_cn(v + 1, hant)
    return render_en(v + 1, n.text)


def times_ten(n, hant):
    """New text for ten times the number (digits shift: 1.5 -> 15)."""
    if n.kind == "arabic":
        v = n.value * 10
        dec = max(n.decimals - 1, 0)
        ip = int(v)
        if n.groups == ",":
            s = f"{ip:,}"
        elif n.groups == " ":
            s = f"{ip:,}".replace(",", " ")
        else:
            s = str(ip)
        if dec:
            frac = str(v.quantize(Decimal(1).scaleb(-dec)))
            s += "." + frac.split(".")[1]
        return to_fullwidth(s) if n.fullwidth else s
    if n.kind == "cn":
        if not any(c in "十百千万萬亿億兆廿卅" for c in n.text):
            # digit by digit (六四〇．五): shift the point
            m = re.match(r"([^點点．.]+)(?:([點点．.])(.+))?$", n.text)
            ip, pt, dp = m.group(1), m.group(2), m.group(3)
            if dp:
                return ip + dp[0] + (pt + dp[1:] if len(dp) > 1 else "")
            return ip + "〇"
        v = n.value * 10
        ip = int(v)
        s = render_cn(ip, hant)
        frac = v - ip
        if frac:
            fd = str(frac.normalize()).split(".")[1]
            s += ("點" if hant else "点") + "".join("零一二三四五六七八九"[int(c)] for c in fd)
        return s
    v = int(n.value) * 10
    return render_en(v, n.text) if v < 100 else str(v)


ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman_to_int(s):
    s = s.lower()
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        if i + 1 < len(s) and vals[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def int_to_roman(n):
    out = ""
    for v, r in ROMAN:
        while n >= v:
            out += r
            n -= v
    return out


def _compat_fold_table():
    import unicodedata
    table = {}
    for lo, hi in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            f = unicodedata.normalize("NFKC", chr(cp))
            if len(f) == 1 and f != chr(cp):
                table[cp] = f
    return table


COMPAT_FOLD = _compat_fold_table()


class Paper:
    """A paper; `folded()` is its text with CJK compatibility ideographs (U+F98E for 年 …) folded
    to the common characters, one code point for one, so positions are shared with the text."""

    def __init__(self, name, path, lang):
        self.name, self.path, self.lang = name, path, lang
        self.text = None
        self.ftext = None
        self.cum = None
        self.error = None

    def load(self):
        if self.text is None:
            with open(self.path, "rb") as f:
                self.text = f.read().decode("utf-8", errors="surrogateescape")
        return self.text

    def folded(self):
        if self.ftext is None:
            self.ftext = self.load().translate(COMPAT_FOLD)
        return self.ftext

    def byte_at(self, cp):
        if self.cum is None:
            cum = [0]
            acc = 0
            for ch in self.load():
                acc += len(ch.encode("utf-8", errors="surrogateescape"))
                cum.append(acc)
            self.cum = cum
        return self.cum[cp]

    @property
    def hant(self):
        return self.lang == "zh-Hant"


def find_occurrence(text, needle, n):
    i, k = -1, 0
    while True:
        i = text.find(needle, i + 1)
        if i < 0:
            return -1
        k += 1
        if k == n:
            return i


def resolve_quotes(paper, rel):
    text = paper.load()
    spans = []
    for q in rel["quotes"]:
        if isinstance(q, dict):
            s = find_occurrence(text, q["text"], int(q.get("occurrence", 1)))
            needle = q["text"]
        else:
            s = text.find(q)
            needle = q
        if s < 0:
            raise ValueError(f"quote not found: {short(needle, 60)!r}")
        spans.append((s, s + len(needle)))
    return spans


# --- mutation per kind ----------------------------------------------------------------------------

def signature(v):
    """Significant digits of a value: 270000000, 2.7 and 27 are all '27'."""
    d = format(Decimal(v).normalize(), "f").replace(".", "").strip("0")
    return d or "0"


CLAIM_NUM_RE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def claim_signatures(claim):
    out = set()
    for m in CLAIM_NUM_RE.finditer(claim or ""):
        t = m.group(0).rstrip(",").replace(",", "")
        try:
            out.add(signature(Decimal(t)))
        except ArithmeticError:
            pass
    return out


def mutate_equality(p, rel, qspans):
    text, ft = p.load(), p.folded()
    cands = [(qi, n) for qi, (qs, qe) in enumerate(qspans) for n in find_numbers(ft, qs, qe)
             if plain(n) and n.kind in ("arabic", "cn")]
    sigs = claim_signatures(rel.get("claim"))
    # the first number that takes part in the claim's arithmetic (not the 18.1% growth rate
    # quoted beside the two figures of a difference), else the first number
    in_claim = [c for c in cands if signature(c[1].value) in sigs]
    for qi, n in in_claim[:1] + cands:
        r = bump_leading_digit(n, p.hant)
        if r:
            k, old, new = r
            e = edit_for(text, qi, n.start + k, n.start + k + len(old), new, "leading digit")
            e.desc = (f"leading digit: '{short(n.text)}' -> "
                      f"'{short(n.text[:k] + new + n.text[k + len(old):])}' (quote {qi + 1})")
            return e
    for qi, (qs, qe) in enumerate(qspans):
        for n in find_numbers(ft, qs, qe, words=True):
            if n.kind == "en" and plain(n) and int(n.value) > 1:
                k, old, new = bump_leading_digit(n, p.hant)
                return edit_for(text, qi, n.start, n.end, new, "number word")
    if rel["kind"] == "repeated":
        for qi, (qs, qe) in enumerate(qspans):
            for n in find_numbers(ft, qs, qe):
                if "year" in n.flags and n.kind == "arabic":
                    c = n.text[-1]
                    d = dval(c)
                    nd = 8 if d == 9 else d + 1
                    nc = FW_DIGITS[nd] if c in FW_DIGITS else str(nd)
                    return edit_for(text, qi, n.end - 1, n.end, nc, "year's last digit")
    return "no number outside years, dates and labels"


def is_count(ft, n):
    return (n.is_int and plain(n) and not (n.flags & {"percent", "money"})
            and 0 < int(n.value) <= 1000 and unit_after(ft, n) == 1)


LIST_KEYWORD_RE = re.compile(r"分别|分別|各自|各|respectively", re.I)
LIST_SEP_RE = re.compile(r"^\s*(?:%|％|per\s*cent)?\s*(?:、|,|，|及|和|与|與|以及|and)\s*(?:百分之)?\s*$", re.I)


def mutate_list_count(p, rel, qspans):
    text, ft = p.load(), p.folded()
    qs, qe = qspans[0]
    for n in find_numbers(ft, qs, qe, words=True):
        if is_count(ft, n) and not (n.kind == "en" and int(n.value) <= 1):
            return edit_for(text, 0, n.start, n.end, plus_one(n, p.hant), "count +1")
    m = LIST_KEYWORD_RE.search(ft, qs, qe)
    if m:
        nums = [n for n in find_numbers(ft, m.end(), qe) if n.kind in ("arabic", "cn")]
        group = []
        for n in nums:
            if group and LIST_SEP_RE.match(ft[group[-1].end:n.start]):
                group.append(n)
                continue
            if len(group) >= 2:
                break
            group = [n]
        if len(group) >= 2:
            last, prev = group[-1], group[-2]
            pe = prev.end
            pm = PERCENT_RE.match(ft, pe)
            if pm:
                pe = pm.end()
            le = last.end
            lm = PERCENT_RE.match(ft, le)
            if lm:
                le = lm.end()
            return edit_for(text, 0, pe, le, "", "dropped the last figure of the list")
    return "no stated count in the first quote"


LABEL_PATTERNS = [
    re.compile(r"[(（\[]\s*([0-9０-９]+|[a-zA-Z]{1,4}|[〇一二三四五六七八九十]+)\s*(?:[)）\]]|\s+of\b)"),
    re.compile(r"第\s*([0-9０-９]+|[〇一二三四五六七八九十百]+)"),
    re.compile(r"(?:^|\n)[ \t]*([0-9０-９]+|[〇一二三四五六七八九十]+)(?=\s*(?:[.、．,，]|是|\s|$))"),
    re.compile(r"^[ \t\n]*([0-9０-９]+|[〇一二三四五六七八九十]+)"),
]


def label_increment(label, siblings_roman, hant):
    if label[0] in DIGITS:
        s = str(int(to_ascii(label)) + 1)
        return to_fullwidth(s) if label[0] in FW_DIGITS else s
    if label[0] in CN_NUM_CHARS:
        return render_cn(cn_int(label) + 1, hant)
    low = label.lower()
    if re.fullmatch(r"[ivxlcdm]+", low) and (len(low) > 1 or siblings_roman):
        r = int_to_roman(roman_to_int(low) + 1)
        return r.upper() if label.isupper() else r
    if len(label) == 1:
        return chr(ord(label) + 1) if label not in "zZ" else None
    return None


def mutate_numbering(p, rel, qspans):
    text, ft = p.load(), p.folded()
    qi = len(qspans) - 1
    qs, qe = qspans[qi]
    quote = ft[qs:qe]
    siblings_roman = any(re.search(r"[(（]\s*(?:ii|iii|iv|vi|vii)\s*[)）]", ft[a:b], re.I)
                         for a, b in qspans)
    best = None
    for pat in LABEL_PATTERNS:
        m = pat.search(quote)
        if m and (best is None or m.start(1) < best.start(1)):
            best = m
    if best is not None:
        label = best.group(1)
        new = label_increment(label, siblings_roman, p.hant)
        if new:
            s = qs + best.start(1)
            return edit_for(text, qi, s, s + len(label), new, "label +1")
    for n in find_numbers(ft, qs, qe, words=True):
        if n.is_int and not (n.flags & {"percent", "money", "year", "date"}):
            return edit_for(text, qi, n.start, n.end, plus_one(n, p.hant), "number +1")
    return "no label in the last quote"


FOOTNOTE_RE = re.compile(r"[(（\[]\s*([0-9０-９]+)\s*[)）\]]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def mutate_footnote(p, rel, qspans):
    text, ft = p.load(), p.folded()
    qs, qe = qspans[0]
    m = FOOTNOTE_RE.search(ft, qs, qe)
    if m:
        if m.group(1):
            s, e = m.start(1), m.end(1)
            lab = m.group(1)
            new = str(int(to_ascii(lab)) + 1)
            if lab[0] in FW_DIGITS:
                new = to_fullwidth(new)
        else:
            s, e = m.start(2), m.end(2)
            v = int("".join(str(SUPERSCRIPT.index(c)) for c in m.group(2))) + 1
            new = "".join(SUPERSCRIPT[int(c)] for c in str(v))
        return edit_for(text, 0, s, e, new, "footnote marker +1")
    if "*" in ft[qs:qe] or "＊" in ft[qs:qe]:
        return "asterisk marker"
    return "no marker in the first quote"


def _swap_regex(family):
    en = sorted(SWAPS[family]["en"], key=len, reverse=True)
    zh = sorted(SWAPS[family]["zh"], key=len, reverse=True)
    return (re.compile(r"\b(" + "|".join(en) + r")\b", re.I), re.compile("|".join(zh)))


SWAP_RES = {f: _swap_regex(f) for f in SWAPS}


def find_swap(p, text, qspans, family):
    en_re, zh_re = SWAP_RES[family]
    for qi, (qs, qe) in enumerate(qspans):
        cands = []
        for m in en_re.finditer(text, qs, qe):
            cands.append((m.start(), -len(m.group(0)), "en", m))
        for m in zh_re.finditer(text, qs, qe):
            w = m.group(0)
            if w in ("多", "少"):
                prev = text[m.start() - 1:m.start()]
                if prev in DIGITS or prev in CN_NUM_CHARS or prev in "许許很至眾众" or text[m.end():m.end() + 1] in "數数年个個次":
                    continue
            if w in ("高", "低") and text[m.start() - 1:m.start()] in "提降最":
                continue
            cands.append((m.start(), -len(w), "zh", m))
        if not cands:
            continue
        # a two-character Chinese word (擴大, 年減) before a lone character (跌, 高), then position
        cands.sort(key=lambda c: (c[2] == "zh" and c[1] == -1, c[0], c[1]))
        _, _, lang, m = cands[0]
        w = m.group(0)
        if lang == "en":
            rep = SWAPS[family]["en"][w.lower()]
            if w.isupper() and len(w) > 1:
                rep = rep.upper()
            elif w[:1].isupper():
                rep = rep[:1].upper() + rep[1:]
        else:
            pair = SWAPS[family]["zh"][w]
            rep = pair[0] if p.hant else pair[1]
        return edit_for(text, qi, m.start(), m.end(), rep, f"{family} word swapped")
    return None


def mutate_direction(p, rel, qspans):
    text, ft = p.load(), p.folded()
    fams = ["direction", "comparison"] if rel["kind"] == "direction" else ["comparison", "direction"]
    for fam in fams:
        e = find_swap(p, ft, qspans, fam)
        if e:
            return e
    if rel["kind"] == "comparison":
        qs, qe = qspans[0]
        for n in find_numbers(ft, qs, qe):
            if plain(n):
                return edit_for(text, 0, n.start, n.end, times_ten(n, p.hant), "no comparison word; number x10")
        return "no comparison word, no number in the first quote"
    return "no direction word"


def mutate_subset(p, rel, qspans):
    text, ft = p.load(), p.folded()
    per_quote = []
    for qi, (qs, qe) in enumerate(qspans):
        ns = [(qi, n, n.value * unit_after(ft, n)) for n in find_numbers(ft, qs, qe)
              if plain(n) and n.kind in ("arabic", "cn")]
        if ns:
            per_quote.append(ns)
    if not per_quote:
        return "no number"
    if len(per_quote) == 1:
        # one quote holds part and whole: the smallest non-zero number is the part
        firsts = per_quote[0]
        nz = [f for f in firsts if f[2] > 0] or firsts
        part = min(nz, key=lambda f: f[2])
    else:
        firsts = [ns[0] for ns in per_quote]
        part = firsts[0]
        if part[2] >= max(f[2] for ns in per_quote for f in ns):
            part = min(firsts[1:], key=lambda f: f[2])
    whole = max(f[2] for ns in per_quote for f in ns)
    qi, n, v = part
    factor = 10
    if len(firsts) > 1 and v > 0:
        while v * factor <= whole and factor < 1000:
            factor *= 10
    new_n = n
    new_text = n.text
    for _ in range({10: 1, 100: 2, 1000: 3}[factor]):
        new_text = times_ten(new_n, p.hant)
        # re-read the new text as a number so the next x10 shifts it again
        tmp = ft[:new_n.start] + new_text + ft[new_n.end:]
        nn = find_numbers(tmp, new_n.start, new_n.start + len(new_text))
        new_n = nn[0] if nn else new_n
    e = edit_for(text, qi, n.start, n.end, new_text, f"part x{factor}")
    return e


YEAR4_RE = re.compile(r"(?<![0-9０-９])((?:1[89]|20|21)[0-9]{2})(?![0-9０-９])")
CN_YEAR_RE = re.compile(r"([〇○零一二三四五六七八九]{4})(?=\s*年)")


def years_in(text, qs, qe):
    """(start, end, value, kind, fiscal_end) for every 4-digit year in the quote."""
    out = []
    for m in YEAR4_RE.finditer(text, qs, qe):
        after = text[m.end():m.end() + 10]
        if YEAR_UNIT_AFTER.match(after) or text[m.start() - 1:m.start()] in ",$":
            continue
        if m.start() > 0 and text[m.start() - 1] in "/-–" and re.search(r"[0-9]{4}[-–/]$", text[max(0, m.start() - 5):m.start()]):
            # second half of 2008/2009 or 2012-2013: handled with the first half
            continue
        f = FISCAL_AFTER.match(text, m.end(), min(len(text), m.end() + 6))
        out.append((m.start(), m.end(), int(m.group(1)), "arabic", f))
    for m in CN_YEAR_RE.finditer(text, qs, qe):
        v = int("".join(str(CN_DIGIT[c]) for c in m.group(1)))
        out.append((m.start(), m.end(), v, "cn", None))
    out.sort()
    return out


def year_edit(p, text, qi, y, newv, what):
    s, e, v, kind, fiscal = y
    if kind == "cn":
        src = text[s:e]
        zero = "〇" if "〇" in src else ("○" if "○" in src else "〇")
        new = "".join("〇一二三四五六七八九"[int(c)] if c != "0" else zero for c in str(newv))
        return edit_for(text, qi, s, e, new, what)
    if fiscal:
        tail = fiscal.group(0)
        sep, num = tail[0], tail[1:]
        if len(num) == 2:
            newtail = sep + f"{(int(num) + newv - v) % 100:02d}"
        else:
            newtail = sep + str(int(num) + newv - v)
        return edit_for(text, qi, s, fiscal.end(), str(newv) + newtail, what)
    return edit_for(text, qi, s, e, str(newv), what)


def paper_date_quote(p, text, qspans):
    for qi, (qs, qe) in enumerate(qspans):
        q = text[qs:qe]
        if "立法會" in q and "─" in q or re.match(r"\s*date \d{4}-\d\d-\d\d", q):
            return qi
    dated = [qi for qi, (qs, qe) in enumerate(qspans)
             if years_in(text, qs, qe) or re.search(r"\d{1,2}[/／]\d{1,2}[/／]\d{2,4}", text[qs:qe])]
    if len(dated) >= 2:
        return min(dated, key=lambda qi: qspans[qi][0])
    return None


def mutate_date_after(p, rel, qspans):
    text, ft = p.load(), p.folded()
    own = paper_date_quote(p, ft, qspans) if len(qspans) > 1 else None
    others = [qi for qi in range(len(qspans)) if qi != own]
    qi = others[-1]
    ys = years_in(ft, *qspans[qi])
    if not ys:
        return "no 4-digit year outside the paper's date"
    y = ys[-1]
    return year_edit(p, text, qi, y, y[2] + 3, "year +3")


def mutate_weekday(p, rel, qspans):
    text, ft = p.load(), p.folded()
    for qi, (qs, qe) in enumerate(qspans):
        q = ft[qs:qe]
        m = re.search(r"([0-9]{1,2})\s*日", q)
        year = month = None
        if m:
            ym = re.search(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*$", q[:m.start()])
            if ym:
                year, month = int(ym.group(1)), int(ym.group(2))
            ds, de = m.start(1), m.end(1)
        else:
            m = re.search(r"\b([0-9]{1,2})(st|nd|rd|th)?\s+(" + MONTH_RE + r")\s*,?\s*([0-9]{4})?", q, re.I) or \
                re.search(r"(" + MONTH_RE + r")\s+([0-9]{1,2})(st|nd|rd|th)?\b,?\s*([0-9]{4})?", q, re.I)
            if not m:
                continue
            if m.group(1)[0].isdigit():
                ds, de, suf, mon, yr = m.start(1), m.end(1), m.group(2), m.group(3), m.group(4)
            else:
                ds, de, suf, mon, yr = m.start(2), m.end(2), m.group(3), m.group(1), m.group(4)
            month = MONTHS.get(mon.lower().rstrip("."))
            year = int(yr) if yr else None
            if suf:
                de += len(suf)
        day = int(re.match(r"[0-9]+", q[ds:de]).group(0))
        dim = calendar.monthrange(year, month)[1] if year and month else 31
        nd = day + 1 if day + 1 <= dim else day - 1
        new = str(nd)
        old = q[ds:de]
        if re.search(r"(st|nd|rd|th)$", old):
            suffix = "th" if 10 <= nd % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(nd % 10, "th")
            new += suffix
        return edit_for(text, qi, qs + ds, qs + de, new, "day of month")
    return "no day of month"


def mutate_relative(p, rel, qspans):
    text, ft = p.load(), p.folded()
    qi = len(qspans) - 1
    ys = years_in(ft, *qspans[qi])
    if not ys:
        return "no 4-digit year in the last quote"
    y = ys[-1]
    newv = y[2] - 3
    what = "last year -3"
    if rel["kind"] == "date-range" and len(ys) > 1:
        y0 = ys[0][2]
        if newv >= y0:
            newv, what = y0 - 1, "range end moved before its start"
    return year_edit(p, text, qi, y, newv, what)


MUTATORS = {
    "sum": mutate_equality, "difference": mutate_equality, "share": mutate_equality,
    "change": mutate_equality, "average": mutate_equality, "multiple": mutate_equality,
    "repeated": mutate_equality, "list-count": mutate_list_count, "numbering": mutate_numbering,
    "footnote": mutate_footnote, "direction": mutate_direction, "comparison": mutate_direction,
    "subset": mutate_subset, "date-after-paper": mutate_date_after, "weekday": mutate_weekday,
    "relative-date": mutate_relative, "date-range": mutate_relative,
}


def plan_mutation(p, rel, qspans):
    f = MUTATORS.get(rel["kind"])
    if f is None:
        return f"no strategy for kind {rel['kind']}"
    try:
        r = f(p, rel, qspans)
    except Exception as exc:  # a strategy bug must not stop the report
        return f"mutation failed: {type(exc).__name__}: {exc}"
    if isinstance(r, Edit) and r.old == r.new:
        return "edit would not change the text"
    return r


# ------------------------------------------------------------------------------------------------
# Running the binary

class Runner:
    def __init__(self, binary, workdir, timeout=300):
        self.bin, self.cwd, self.timeout = binary, workdir, timeout

    def _run(self, args):
        try:
            pr = subprocess.run([self.bin] + args, cwd=self.cwd, capture_output=True,
                                timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, "timeout", None
        except OSError as exc:
            return None, f"cannot run: {exc}", None
        return pr.stdout, pr.stderr.decode("utf-8", "replace"), pr.returncode

    def lint(self, path):
        """(diagnostics, error) for one paper."""
        out, err, rc = self._run(["--format", "json", path])
        if out is None:
            return None, err
        try:
            doc = json.loads(out.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None, f"exit {rc}, no JSON: {err.strip()[:200]}"
        files = doc.get("files", []) if isinstance(doc, dict) else []
        for f in files:
            if os.path.abspath(f.get("path", "")) == path or len(files) == 1:
                if rc == 2 and not f.get("diagnostics"):
                    return f.get("diagnostics", []), f"exit 2: {err.strip()[:200]}"
                return f.get("diagnostics", []), None
        return None, f"exit {rc}: {err.strip()[:200] or 'file missing from the JSON'}"

    def figures(self, path):
        out, err, rc = self._run(["figures", "--format", "json", path])
        if out is None:
            return None, err
        try:
            doc = json.loads(out.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None, f"exit {rc}, no JSON: {err.strip()[:200]}"
        if isinstance(doc, list):
            doc = next((d for d in doc if os.path.abspath(d.get("path", "")) == path), doc[0] if doc else {})
        if not isinstance(doc, dict):
            return None, "unexpected JSON shape"
        return doc.get("checks", []), (f"exit {rc}: {err.strip()[:200]}" if rc not in (0, 1) else None)

    def version(self):
        out, err, rc = self._run(["--version"])
        return out.decode("utf-8", "replace").strip() if out else "?"


# ------------------------------------------------------------------------------------------------
# Overlaps

def span_range(sp):
    o, l = int(sp["offset"]), int(sp["length"])
    return o, o + max(l, 1)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def diag_ranges(d):
    rs = [span_range(d["span"])] if d.get("span") else []
    for lab in d.get("labels") or []:
        if lab.get("span"):
            rs.append(span_range(lab["span"]))
    return rs


def diag_hits(d, qbytes):
    rs = diag_ranges(d)
    return any(overlaps(r, q) for r in rs for q in qbytes)


def shift_span(o, l, bpos, bold, bnew):
    end = o + l
    delta = bnew - bold
    if o >= bpos + bold:
        return o + delta, l
    if end <= bpos:
        return o, l
    ns = min(o, bpos)
    ne = end + delta if end >= bpos + bold else max(end, bpos + bnew)
    return ns, ne - ns


def diag_key(d, shift=None):
    o, l = int(d["span"]["offset"]), int(d["span"]["length"])
    if shift:
        o, l = shift_span(o, l, *shift)
    return (d.get("rule"), d.get("message"), o, l)


# ------------------------------------------------------------------------------------------------
# Report helpers

def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "    -"


def fmt_table(headers, rows, aligns=None):
    cols = len(headers)
    aligns = aligns or ["<"] + [">"] * (cols - 1)
    width = [max(len(str(r[i])) for r in [headers] + rows) for i in range(cols)]
    lines = []
    for r in [headers] + rows:
        lines.append("  ".join(f"{str(r[i]):{aligns[i]}{width[i]}}" for i in range(cols)).rstrip())
        if r is headers:
            lines.append("  ".join("-" * width[i] for i in range(cols)))
    return "\n".join("  " + l for l in lines)


def load_languages(corpus, names):
    langs = {}
    src = os.path.join(corpus, "SOURCES.md")
    if os.path.exists(src):
        with open(src, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\|\s*`([^`]+)`\s*\|[^|]*\|\s*([^|]+?)\s*\|", line)
                if m and m.group(2) in LANGS:
                    langs[m.group(1)] = m.group(2)
    out, notes = {}, []
    for n in names:
        if n.startswith("en-"):
            guess = "en"
        elif n.startswith("zh-CN"):
            guess = "zh-Hans"
        elif re.match(r"zh-(HK|TW|MO|Hant)", n):
            guess = "zh-Hant"
        else:
            guess = None
        lang = langs.get(n, guess)
        if n in langs and guess and guess != langs[n]:
            notes.append(f"{n}: SOURCES.md says {langs[n]}, the file name suggests {guess}")
        if lang is None:
            notes.append(f"{n}: no language (not in SOURCES.md, unknown prefix); counted as en")
            lang = "en"
        out[n] = lang
    return out, notes


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_corpus():
    for c in (os.path.join(repo_root(), "..", "shared", "corpus-wide"), "/work/shared/corpus-wide"):
        if os.path.isdir(c):
            return os.path.abspath(c)
    return os.path.abspath(os.path.join(repo_root(), "..", "shared", "corpus-wide"))


# ------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="policy-lint binary (default: target/release/policy-lint)")
    ap.add_argument("--corpus", default=default_corpus(), help="corpus directory (default: %(default)s)")
    ap.add_argument("--json", dest="json_out", metavar="PATH", help="write every figure and per-relation result as JSON")
    ap.add_argument("--compare", metavar="OLD.json", help="print before -> after against an earlier --json")
    ap.add_argument("--findings-out", metavar="PATH",
                    default=os.path.join(repo_root(), "target", "corpus-wide-findings.txt"),
                    help="every finding on the untouched papers (default: %(default)s)")
    ap.add_argument("--only-kind", metavar="KIND", help="only relations of this kind")
    ap.add_argument("--file", metavar="SUBSTR", help="only papers whose name contains SUBSTR")
    ap.add_argument("--show-missed", metavar="KIND", help="list missed mutations of KIND ('all' for every kind)")
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2), help="parallel runs (default: %(default)s)")
    ap.add_argument("--list-relations", action="store_true", help="print every relation's read/mutation status")
    ap.add_argument("--write-mutated", metavar="DIR",
                    help="also keep each mutated paper as DIR/<relation id>.txt, to run by hand")
    args = ap.parse_args()
    t0 = time.time()

    binary = args.bin or os.path.join(repo_root(), "target", "release", "policy-lint")
    if not os.path.isfile(binary) or not os.access(binary, os.X_OK):
        print(f"corpus-wide: no binary at {binary}\n"
              f"  build one with `cargo build --release` in {repo_root()}, or pass --bin PATH",
              file=sys.stderr)
        return 2
    binary = os.path.abspath(binary)
    corpus = os.path.abspath(args.corpus)
    rel_path = os.path.join(corpus, "relations.jsonl")
    if not os.path.isdir(corpus) or not os.path.exists(rel_path):
        print(f"corpus-wide: no corpus (relations.jsonl) at {corpus}", file=sys.stderr)
        return 2

    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    langs, lang_notes = load_languages(corpus, names)
    papers = {n: Paper(n, os.path.join(corpus, n), langs[n]) for n in names}
    rels = []
    with open(rel_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rels.append(json.loads(line))
    n_rel_all = len(rels)
    if args.file:
        papers = {n: p for n, p in papers.items() if args.file in n}
    rels = [r for r in rels if r["file"] in papers and (not args.only_kind or r["kind"] == args.only_kind)]
    if args.only_kind and args.only_kind not in COMPATIBLE_RULES:
        print(f"corpus-wide: note: kind {args.only_kind!r} is not in COMPATIBLE_RULES", file=sys.stderr)

    # resolve quotes, plan mutations
    problems = []
    rstate = collections.OrderedDict()
    for r in rels:
        p = papers[r["file"]]
        st = {"id": r["id"], "file": r["file"], "kind": r["kind"], "lang": p.lang,
              "holds": bool(r["holds"]), "quotes": r["quotes"]}
        try:
            p.load()
            qsp = resolve_quotes(p, r)
        except (OSError, ValueError) as exc:
            problems.append(f"{r['id']}: {exc}")
            st["error"] = str(exc)
            rstate[r["id"]] = st
            continue
        st["qspans"] = qsp
        st["qbytes"] = [(p.byte_at(a), p.byte_at(b)) for a, b in qsp]
        if st["holds"]:
            m = plan_mutation(p, r, qsp)
            if isinstance(m, Edit):
                st["edit"] = m
                st["mutation"] = m.desc
            else:
                st["not_mutable"] = m
        rstate[r["id"]] = st

    annotated = sorted({st["file"] for st in rstate.values() if "qspans" in st})
    tmp = tempfile.mkdtemp(prefix="corpus-wide-")
    run_dir = os.path.join(tmp, "cwd")
    os.makedirs(run_dir)
    runner = Runner(binary, run_dir)
    version = runner.version()

    base_diags, base_err, checks, checks_err = {}, {}, {}, {}
    mutated = [st for st in rstate.values() if "edit" in st]
    try:
        with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            fut = {}
            for n, p in papers.items():
                fut[ex.submit(runner.lint, p.path)] = ("lint", n)
            for n in annotated:
                fut[ex.submit(runner.figures, papers[n].path)] = ("figures", n)
            for k, st in enumerate(mutated):
                p = papers[st["file"]]
                e = st["edit"]
                text = p.load()
                mtext = text[:e.pos] + e.new + text[e.pos + len(e.old):]
                d = os.path.join(tmp, f"m{k:04d}")
                os.makedirs(d)
                mpath = os.path.join(d, p.name)
                with open(mpath, "wb") as f:
                    f.write(mtext.encode("utf-8", errors="surrogateescape"))
                st["_mtext"] = mtext
                if args.write_mutated:
                    os.makedirs(args.write_mutated, exist_ok=True)
                    with open(os.path.join(args.write_mutated, st["id"] + ".txt"), "wb") as f:
                        f.write(mtext.encode("utf-8", errors="surrogateescape"))
                fut[ex.submit(runner.lint, mpath)] = ("mut", st["id"])
            for f in cf.as_completed(fut):
                what, key = fut[f]
                res, err = f.result()
                if what == "lint":
                    base_diags[key], base_err[key] = res, err
                elif what == "figures":
                    checks[key], checks_err[key] = res, err
                else:
                    rstate[key]["_mdiags"], rstate[key]["_merr"] = res, err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- evaluate relations
    for st in rstate.values():
        if "qspans" not in st:
            continue
        kind, qb = st["kind"], st["qbytes"]
        rules = set(COMPATIBLE_RULES.get(kind, []))
        best = "no"
        via = []
        for c in checks.get(st["file"]) or []:
            if c.get("rule") not in rules:
                continue
            spans = [span_range(s) for s in c.get("spans") or []]
            if not spans:
                continue
            need = min(2, len(qb), len(spans))
            hit = sum(1 for q in qb if any(overlaps(s, q) for s in spans))
            if hit >= need:
                if c.get("verdict") in ("consistent", "inconsistent"):
                    best = "read"
                    via.append(f"{c['rule']}:{c.get('verdict')}")
                elif best != "read":
                    best = "doubt"
                    via.append(f"{c['rule']}:skipped")
        st["read"] = best
        st["read_via"] = sorted(set(via))
        diags = base_diags.get(st["file"]) or []
        if base_diags.get(st["file"]) is None:
            st["lint_error"] = base_err.get(st["file"]) or "not linted"
        hits = [d for d in diags if diag_hits(d, qb)]
        st["overlapping"] = [f"{d.get('rule')}: {d.get('message')}" for d in hits]
        if "edit" in st:
            e = st["edit"]
            p = papers[st["file"]]
            mtext = st.pop("_mtext")
            mdiags, merr = st.pop("_mdiags", None), st.pop("_merr", None)
            if mdiags is None:
                st["mutation_error"] = merr or "no result"
                continue
            bpos = p.byte_at(e.pos)
            bold = len(e.old.encode("utf-8", "surrogateescape"))
            bnew = len(e.new.encode("utf-8", "surrogateescape"))
            shift = (bpos, bold, bnew)
            delta = len(e.new) - len(e.old)
            mq = []
            for a, b in st["qspans"]:
                if a >= e.pos + len(e.old):
                    a2, b2 = a + delta, b + delta
                elif b <= e.pos:
                    a2, b2 = a, b
                else:
                    a2, b2 = min(a, e.pos), (b + delta if b >= e.pos + len(e.old) else max(b, e.pos + len(e.new)))
                mq.append((len(mtext[:a2].encode("utf-8", "surrogateescape")),
                           len(mtext[:b2].encode("utf-8", "surrogateescape"))))
            old_keys = collections.Counter(diag_key(d, shift) for d in diags)
            new_hits = []
            for d in mdiags:
                k = diag_key(d)
                if old_keys[k] > 0:
                    old_keys[k] -= 1
                    continue
                if diag_hits(d, mq):
                    new_hits.append(f"{d.get('rule')}: {d.get('message')}")
            st["caught"] = bool(new_hits)
            st["caught_by"] = new_hits

    # ---- aggregate
    def group_iter(key):
        g = collections.defaultdict(list)
        for st in rstate.values():
            if "qspans" in st:
                g[key(st)].append(st)
        return g

    rel_ok = [st for st in rstate.values() if "qspans" in st]
    report = {"version": 1, "bin": binary, "bin_version": version, "corpus": corpus,
              "filters": {"only_kind": args.only_kind, "file": args.file},
              "generated": time.strftime("%Y-%m-%dT%H:%M:%S")}

    def read_stats(sts):
        n = len(sts)
        r = sum(1 for s in sts if s["read"] == "read")
        d = sum(1 for s in sts if s["read"] == "doubt")
        return {"n": n, "read": r, "doubt": d, "read_share": r / n if n else None,
                "doubt_share": d / n if n else None}

    read = {"overall": read_stats(rel_ok),
            "by_kind": {k: read_stats(v) for k, v in sorted(group_iter(lambda s: s["kind"]).items(), key=lambda kv: KIND_ORDER.index(kv[0]) if kv[0] in KIND_ORDER else 99)},
            "by_lang": {k: read_stats(v) for k, v in group_iter(lambda s: s["lang"]).items()}}
    report["read"] = read

    def mut_stats(sts):
        mut = [s for s in sts if "caught" in s]
        nm = [s for s in sts if s["holds"] and "not_mutable" in s]
        per_paper = collections.defaultdict(list)
        for s in mut:
            per_paper[s["file"]].append(s["caught"])
        avg = (sum(sum(v) / len(v) for v in per_paper.values()) / len(per_paper)) if per_paper else None
        c = sum(1 for s in mut if s["caught"])
        return {"mutated": len(mut), "caught": c, "pooled": c / len(mut) if mut else None,
                "paper_avg": avg, "papers": len(per_paper), "not_mutable": len(nm),
                "errors": sum(1 for s in sts if "mutation_error" in s)}

    mstats = {"overall": mut_stats(rel_ok),
              "by_kind": {k: mut_stats(v) for k, v in group_iter(lambda s: s["kind"]).items()},
              "by_lang": {k: mut_stats(v) for k, v in group_iter(lambda s: s["lang"]).items()}}
    nm_reasons = collections.Counter((s["kind"], s["not_mutable"]) for s in rel_ok if "not_mutable" in s)
    report["mutation"] = mstats

    hf = [s for s in rel_ok if not s["holds"]]
    report["holds_false"] = [{"id": s["id"], "kind": s["kind"], "file": s["file"],
                              "flagged": bool(s["overlapping"]), "findings": s["overlapping"]} for s in hf]
    # A finding that flags a published error (it overlaps a holds-false relation of its paper)
    # is real even where its labels also touch the quotes of holds-true relations (the total of a
    # table that several sums and shares use): such pairs are counted apart, not as false alarms.
    explained = {(s["file"], o) for s in hf for o in s["overlapping"]}
    pairs = [(s, o) for s in rel_ok if s["holds"] for o in s["overlapping"]]
    fa = [(s, o) for s, o in pairs if (s["file"], o) not in explained]
    fa_explained = len(pairs) - len(fa)
    report["false_alarms"] = [{"id": s["id"], "kind": s["kind"], "file": s["file"], "finding": o} for s, o in fa]
    report["false_alarm_pairs_explained"] = fa_explained

    # findings on untouched papers
    by_rule = collections.Counter()
    by_lang = collections.Counter()
    sev = collections.Counter()
    lines = []
    unreadable = []
    for n in sorted(papers):
        ds = base_diags.get(n)
        if base_err.get(n):
            unreadable.append(f"{n}: {base_err[n]}")
        for d in ds or []:
            by_rule[d.get("rule")] += 1
            by_lang[papers[n].lang] += 1
            sev[d.get("severity")] += 1
            lines.append(f"{n}:{d.get('line')}:{d.get('column')} {d.get('rule')} {d.get('message')}")
    total_findings = sum(by_rule.values())
    fo = os.path.abspath(args.findings_out)
    try:
        os.makedirs(os.path.dirname(fo), exist_ok=True)
        with open(fo, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))
    except OSError as exc:
        problems.append(f"cannot write {fo}: {exc}")
    report["findings"] = {"papers": len(papers), "total": total_findings,
                          "by_rule": dict(by_rule.most_common()), "by_lang": dict(by_lang),
                          "by_severity": dict(sev), "unreadable": unreadable, "file": fo}
    figures_errors = [f"{n}: {e}" for n, e in sorted(checks_err.items()) if e]
    report["problems"] = problems + [f"figures {x}" for x in figures_errors] + lang_notes

    report["headline"] = {
        "read_share": {"overall": read["overall"]["read_share"],
                       **{l: read["by_lang"].get(l, {}).get("read_share") for l in LANGS}},
        "doubt_share": {"overall": read["overall"]["doubt_share"],
                        **{l: read["by_lang"].get(l, {}).get("doubt_share") for l in LANGS}},
        "caught_paper_avg": {"overall": mstats["overall"]["paper_avg"],
                             **{l: mstats["by_lang"].get(l, {}).get("paper_avg") for l in LANGS}},
        "caught_pooled": {"overall": mstats["overall"]["pooled"],
                          **{l: mstats["by_lang"].get(l, {}).get("pooled") for l in LANGS}},
        "caught_paper_avg_by_kind": {k: v["paper_avg"] for k, v in mstats["by_kind"].items()},
        "caught_pooled_by_kind": {k: v["pooled"] for k, v in mstats["by_kind"].items()},
        "holds_false_flagged": sum(1 for s in hf if s["overlapping"]),
        "holds_false_total": len(hf),
        "false_alarms": len(fa),
        "false_alarm_relations": len({s["id"] for s, _ in fa}),
        "findings_total": total_findings,
        "findings_by_rule": dict(by_rule.most_common()),
    }
    rel_json = collections.OrderedDict()
    for st in rstate.values():
        j = {k: st.get(k) for k in ("file", "kind", "lang", "holds")}
        if "error" in st:
            j["error"] = st["error"]
        else:
            j["read"] = st["read"]
            j["read_via"] = st["read_via"]
            j["overlapping_findings"] = st["overlapping"]
            if st["holds"]:
                if "edit" in st:
                    j["mutation"] = st["edit"].as_json()
                    j["caught"] = st.get("caught")
                    j["caught_by"] = st.get("caught_by", [])
                    if "mutation_error" in st:
                        j["mutation_error"] = st["mutation_error"]
                else:
                    j["not_mutable"] = st.get("not_mutable")
            else:
                j["flagged"] = None if "lint_error" in st else bool(st["overlapping"])
        rel_json[st["id"]] = j
    report["relations"] = rel_json
    elapsed = time.time() - t0
    report["elapsed_seconds"] = round(elapsed, 1)

    # ---- print
    out = []
    P = out.append
    nf = len(papers)
    P(f"policy-lint on the wide corpus — {binary} ({version})")
    P(f"corpus {corpus}: {nf} papers"
      + (f" (filter --file {args.file})" if args.file else "")
      + f", {len(rel_ok)} relations in {len(annotated)} papers"
      + (f" (of {n_rel_all}; --only-kind {args.only_kind})" if args.only_kind else "")
      + f", {len(hf)} with holds=false")
    P("")
    P("1. Relations read as claims (a check of a compatible rule whose spans overlap min(2, quotes, spans) quotes)")
    rows = []
    for k, v in read["by_kind"].items():
        rows.append([k, v["n"], v["read"], pct(v["read"], v["n"]), v["doubt"], pct(v["doubt"], v["n"]),
                     pct(v["read"] + v["doubt"], v["n"])])
    rows.append(["", "", "", "", "", "", ""])
    for l in LANGS:
        v = read["by_lang"].get(l)
        if v:
            rows.append([l, v["n"], v["read"], pct(v["read"], v["n"]), v["doubt"], pct(v["doubt"], v["n"]),
                         pct(v["read"] + v["doubt"], v["n"])])
    v = read["overall"]
    rows.append(["all", v["n"], v["read"], pct(v["read"], v["n"]), v["doubt"], pct(v["doubt"], v["n"]),
                 pct(v["read"] + v["doubt"], v["n"])])
    P(fmt_table(["kind / language", "n", "read", "read%", "doubt", "doubt%", "either%"], rows))
    P("")
    P("2. Planted operand changes (holds=true relations, one edit each; caught = a new finding on the quotes)")
    rows = []
    for k in KIND_ORDER:
        v = mstats["by_kind"].get(k)
        if not v or (v["mutated"] == 0 and v["not_mutable"] == 0):
            continue
        mark = "*" if v["mutated"] >= MIN_MUTATED_MARK else ""
        rows.append([k + mark, v["mutated"], v["caught"], pct(v["caught"], v["mutated"]),
                     (f"{100 * v['paper_avg']:5.1f}%" if v["paper_avg"] is not None else "    -"),
                     v["papers"], v["not_mutable"]])
    rows.append(["", "", "", "", "", "", ""])
    for l in LANGS:
        v = mstats["by_lang"].get(l)
        if v:
            rows.append([l, v["mutated"], v["caught"], pct(v["caught"], v["mutated"]),
                         (f"{100 * v['paper_avg']:5.1f}%" if v["paper_avg"] is not None else "    -"),
                         v["papers"], v["not_mutable"]])
    v = mstats["overall"]
    rows.append(["all", v["mutated"], v["caught"], pct(v["caught"], v["mutated"]),
                 (f"{100 * v['paper_avg']:5.1f}%" if v["paper_avg"] is not None else "    -"),
                 v["papers"], v["not_mutable"]])
    P(fmt_table(["kind / language", "mutated", "caught", "pooled", "paper-avg", "papers", "not mutable"], rows))
    P(f"  * = at least {MIN_MUTATED_MARK} mutated relations. paper-avg = mean over papers of each paper's caught share.")
    if mstats["overall"]["errors"]:
        P(f"  {mstats['overall']['errors']} mutated papers could not be linted (see --json)")
    if nm_reasons:
        P("  not mutable: " + "; ".join(f"{k} {c}× ({r})" for (k, r), c in sorted(nm_reasons.items())))
    P("")
    P(f"3. Holds-false relations (published errors): {report['headline']['holds_false_flagged']} of {len(hf)} flagged")
    rows = []
    for s in hf:
        rows.append([s["id"], s["kind"], "n/a" if "lint_error" in s else ("yes" if s["overlapping"] else "no"),
                     short(s["overlapping"][0], 70) + (f" (+{len(s['overlapping']) - 1})" if len(s["overlapping"]) > 1 else "") if s["overlapping"] else ""])
    if rows:
        P(fmt_table(["id", "kind", "flagged", "overlapping finding"], rows, ["<", "<", "<", "<"]))
    P("")
    P(f"4. False alarms on holds-true relations: {len(fa)} (finding, relation) pairs on {len({s['id'] for s, _ in fa})} relations"
      f" (not counted: {report['false_alarm_pairs_explained']} pairs whose finding flags a published error)")
    rows = [[s["id"], s["kind"], short(o, 90)] for s, o in fa]
    if rows:
        P(fmt_table(["id", "kind", "finding"], rows, ["<", "<", "<"]))
    P("")
    P(f"5. Findings on the {nf} untouched papers: {total_findings}"
      f" ({sev.get('error', 0)} errors, {sev.get('warning', 0)} warnings"
      + (f", {sev.get('info', 0)} info" if sev.get("info") else "") + ")"
      + "; by language: " + ", ".join(f"{l} {by_lang.get(l, 0)}" for l in LANGS))
    rows = [[r, c] for r, c in by_rule.most_common()]
    if rows:
        P(fmt_table(["rule", "findings"], rows))
    P(f"  every finding: {fo}")
    if unreadable:
        P(f"  could not lint {len(unreadable)} papers:")
        for u in unreadable:
            P("    " + u)
    if report["problems"]:
        P("")
        P("Problems:")
        for x in report["problems"]:
            P("  " + x)

    if args.show_missed:
        P("")
        kinds = None if args.show_missed == "all" else {args.show_missed}
        missed = [s for s in rel_ok if "caught" in s and not s["caught"] and (kinds is None or s["kind"] in kinds)]
        P(f"Missed mutations ({args.show_missed}): {len(missed)}")
        for s in missed:
            P(f"  {s['id']} [{s['kind']}, read: {s['read']}{' ' + ','.join(s['read_via']) if s['read_via'] else ''}]")
            P(f"    edit: {s['mutation']}")
            for q in s["quotes"]:
                qt = q["text"] + f" (occurrence {q['occurrence']})" if isinstance(q, dict) else q
                P(f"    quote: {short(qt, 150)}")
        nm = [s for s in rel_ok if "not_mutable" in s and (kinds is None or s["kind"] in kinds)]
        if nm:
            P(f"Not mutable ({args.show_missed}): " + ", ".join(f"{s['id']} ({s['not_mutable']})" for s in nm))

    if args.list_relations:
        P("")
        P("Relations:")
        for s in rel_ok:
            status = ("caught" if s.get("caught") else "missed") if "caught" in s else \
                (f"not mutable: {s['not_mutable']}" if "not_mutable" in s else ("flagged" if s["overlapping"] else "not flagged") if not s["holds"] else s.get("mutation_error", ""))
            P(f"  {s['id']:40} {s['kind']:16} {s['read']:5} {status:10} {s.get('mutation', '')}")

    if args.compare:
        P("")
        P(compare(args.compare, report))

    P("")
    P(f"elapsed {elapsed:.1f} s")
    print("\n".join(out))

    if args.json_out:
        try:
            jo = os.path.abspath(args.json_out)
            os.makedirs(os.path.dirname(jo), exist_ok=True)
            with open(jo, "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False, indent=1)
        except OSError as exc:
            print(f"corpus-wide: cannot write {args.json_out}: {exc}", file=sys.stderr)
    return 0


def compare(old_path, new):
    try:
        with open(old_path, encoding="utf-8") as f:
            old = json.load(f)
    except (OSError, ValueError) as exc:
        return f"--compare: cannot read {old_path}: {exc}"
    out = [f"Compared with {old_path} ({old.get('bin_version', '?')}, {old.get('generated', '?')})"]
    oh, nh = old.get("headline", {}), new["headline"]

    def pc(x):
        return "   -  " if x is None else f"{100 * x:5.1f}%"

    rows = []
    for label, key in (("read", "read_share"), ("read with doubt", "doubt_share"),
                       ("caught, paper-avg", "caught_paper_avg"), ("caught, pooled", "caught_pooled")):
        for g in ["overall"] + LANGS:
            a, b = oh.get(key, {}).get(g), nh.get(key, {}).get(g)
            rows.append([f"{label} {g}", pc(a), pc(b), "" if a == b else ("+" if (b or 0) > (a or 0) else "-")])
    kinds = sorted(set(oh.get("caught_paper_avg_by_kind", {})) | set(nh["caught_paper_avg_by_kind"]),
                   key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    for k in kinds:
        a, b = oh.get("caught_paper_avg_by_kind", {}).get(k), nh["caught_paper_avg_by_kind"].get(k)
        rows.append([f"caught paper-avg {k}", pc(a), pc(b), "" if a == b else ("+" if (b or 0) > (a or 0) else "-")])
    rows.append(["holds-false flagged", f"{oh.get('holds_false_flagged', '-')}/{oh.get('holds_false_total', '-')}",
                 f"{nh['holds_false_flagged']}/{nh['holds_false_total']}", ""])
    rows.append(["false alarms (pairs)", str(oh.get("false_alarms", "-")), str(nh["false_alarms"]), ""])
    rows.append(["findings, untouched papers", str(oh.get("findings_total", "-")), str(nh["findings_total"]), ""])
    rules = sorted(set(oh.get("findings_by_rule", {})) | set(nh["findings_by_rule"]))
    for r in rules:
        a, b = oh.get("findings_by_rule", {}).get(r, 0), nh["findings_by_rule"].get(r, 0)
        if a or b:
            rows.append([f"  {r}", str(a), str(b), "" if a == b else f"{b - a:+d}"])
    out.append(fmt_table(["figure", "before", "after", ""], rows))

    orl, nrl = old.get("relations", {}), new["relations"]

    def status(j):
        if j is None:
            return None
        return (j.get("read"),
                ("caught" if j.get("caught") else "missed") if "caught" in j else
                ("not-mutable" if "not_mutable" in j else ("flagged" if j.get("flagged") else "unflagged") if not j.get("holds") else "-"),
                len(j.get("overlapping_findings") or []) if j.get("holds") else None)

    changes = []
    for rid in list(nrl) + [r for r in orl if r not in nrl]:
        a, b = status(orl.get(rid)), status(nrl.get(rid))
        if a == b:
            continue
        ja, jb = orl.get(rid) or {}, nrl.get(rid) or {}
        bits = []
        if a is None or b is None:
            bits.append("only in " + ("new" if a is None else "old"))
        else:
            if a[0] != b[0]:
                bits.append(f"read {a[0]} -> {b[0]}")
            if a[1] != b[1]:
                bits.append(f"{a[1]} -> {b[1]}")
            if a[2] != b[2]:
                bits.append(f"false alarms {a[2]} -> {b[2]}")
            if (ja.get("mutation") or {}).get("desc") != (jb.get("mutation") or {}).get("desc"):
                bits.append("(mutation differs)")
        changes.append(f"  {rid} [{(jb or ja).get('kind')}]: " + ", ".join(bits))
    out.append(f"Relations that changed status: {len(changes)}")
    out.extend(changes)
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
