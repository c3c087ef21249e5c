"""The hostile run of issue #23, again: about 400 generated cases through the installed CLI.

    python bench/hostile_round2.py             # every case: the table of docs/robustness.md
    python bench/hostile_round2.py --quick     # one case in ten of each class (about 45)
    python bench/hostile_round2.py --class 5   # one class only; --jobs 2 runs two at once

Each class of the issue has a generator (``CLASSES``): numbers in every numeric option
and variable, declared encodings in every carrier, standard-input states, scheduler
replies, Akoma Ntoso containers, DOCTYPE forms, damaged index arrays, CSV formula cells
in every field of every command, escape sequences in every field, ``check`` names, and
the budgets (PDF pages, Word paragraphs, Akoma Ntoso articles, a 49 MB treaty through
every command and format). Every case runs ``python -m treatycmp`` in a fresh process
(timeout 120 s) on inputs written to a temporary folder, and is classified:

- **traceback**: "Traceback" on stderr, or an exit code other than 0, 1, 2;
- **over 60 s**: wall time of the process (a refusal must come within 5 s of CPU);
- **unsafe**: a raw escape sequence from a file (conceal, OSC, C1 CSI, clear screen,
  a bidi override) in stdout or stderr, a CSV/TSV cell a spreadsheet would run, a live
  ``<script>`` in HTML or markdown, an expanded external entity;
- **silent drop**: an import that exits 0 without the words of an Akoma Ntoso
  container and says nothing, or a ``-o`` failure that leaves a temporary file;
- **wrong index answer**: ``nearest`` on a damaged stored index answering differently
  from a fresh build.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

TREATYCMP = [sys.executable, "-m", "treatycmp"]
AKN = (
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta>'
    '<identification source="#x"><FRBRWork><FRBRalias value="h"/></FRBRWork>'
    "</identification></meta><body>{body}</body></act></akomaNtoso>"
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
RAW = ("\x1b[8m", "\x1b]0;", "\x9b", "\x1b[2J", "\u202e", "\x07")
CLASS_NAMES = {
    1: "unknown codecs",
    2: "numbers from the user",
    3: "closed / odd standard input",
    4: "scheduler replies",
    5: "CSV/TSV formula cells",
    6: "escape sequences in every field",
    7: "Akoma Ntoso containers",
    8: "DOCTYPE and entities",
    9: "damaged stored index",
    10: "partial files",
    11: "check names",
    12: "budgets and 49 MB inputs",
}


@dataclass
class Outcome:
    rc: int
    secs: float  # wall
    out: str
    err: str
    cpu: float = 0.0  # user + system seconds of the process (the machine is shared)


@dataclass(frozen=True)
class Case:
    klass: int
    name: str
    call: Callable[[], Outcome]
    kind: str | None = None  # what "unsafe" and "drop" mean for it: csv, tsv, html, akn, index


def run(
    args: list[str],
    *,
    shell: str | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    cwd: Path | None = None,
) -> Outcome:
    """One process under ``/usr/bin/time`` (its CPU seconds), timeout 120 s of wall time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as clock:
        timer = ["/usr/bin/time", "-q", "-f", "%U %S", "-o", clock.name]
        command = [*timer, "sh", "-c", shell] if shell is not None else [*timer, *TREATYCMP, *args]
        start = time.monotonic()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(stdin, timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the command, not just /usr/bin/time
            proc.communicate()
            return Outcome(-1, time.monotonic() - start, "", "timeout", 120.0)
        secs = time.monotonic() - start
        fields = clock.read().split()
        cpu = sum(float(x) for x in fields[-2:]) if len(fields) >= 2 else secs
    out = stdout.decode("utf-8", "replace")
    return Outcome(proc.returncode, secs, out, stderr.decode("utf-8", "replace"), cpu)


def unsafe(o: Outcome, kind: str | None) -> bool:
    if any(r in o.out or r in o.err for r in RAW):
        return True
    if "root:x:0" in o.out or "EXPANDED" in o.out:
        return True
    if kind in ("csv", "tsv"):
        rows = csv.reader(io.StringIO(o.out), dialect="excel" if kind == "csv" else "excel-tab")
        return any(c.startswith(FORMULA) and c != "-" for row in rows for c in row)
    if kind in ("html", "markdown"):
        return "<script>alert" in o.out or "<img src=x onerror" in o.out
    return False


# -- the treaty with hostile text in every field -----------------------------------------


def hostile_text(tid: str, payload: str) -> str:
    """A valid treaty (as JSON) with ``payload`` at the start of every field a file can hold."""
    treaty = {
        "id": tid,
        "title": f"{payload}title",
        "short_title": f"{payload}short",
        "parties": [f"{payload}party", "B"],
        "language": "en",
        "source": {"text": f"{payload}source", "notes": [f"{payload}note"]},
        "completeness": "partial",
        "aliases": [f"{tid}-alias"],
        "preamble": [f"{payload}The Parties to this Treaty reaffirm their faith."],
        "articles": [
            {
                "number": "1",
                "label": f"{payload}label",
                "paragraphs": [
                    f"{payload}The Parties shall consult together in case of an armed attack.",
                    f"{payload} each Party shall assist by all means at its disposal.",
                ],
            },
            {
                "number": f"2{payload}",
                "paragraphs": [
                    "The Parties shall consult together whenever the security of any is threatened."
                ],
            },
            {"gap": f"{payload}the source breaks off here"},
        ],
    }
    return json.dumps(treaty)


def hostile_treaty(corpus: Path, tid: str, payload: str) -> Path:
    """``hostile_text`` written as ``corpus/TID.yaml``."""
    path = corpus / f"{tid}.yaml"
    path.write_text(hostile_text(tid, payload), encoding="utf-8")
    return path


#: A command of a table: the case's name, the arguments, what "unsafe" means for it. In
#: both, ``{label}``, ``{path}``, ``{dir}`` and ``{id}`` stand for the row's label, file,
#: folder and file name without suffix (a treaty's id).
TableCommand = tuple[str, list[str], str | None]


def table_cases(
    klass: int,
    tmp: Path,
    rows: Iterable[tuple[str, str, str | bytes]],
    commands: list[TableCommand],
) -> list[Case]:
    """The cases of a class that writes one input a row and runs every command on it:
    ``rows`` are (label, file name below ``tmp``, content; text is written as UTF-8)."""
    out = []
    for label, name, content in rows:
        path = tmp / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        # The label last: what it says is never read as a placeholder.
        fill = {"{path}": str(path), "{dir}": str(path.parent), "{id}": path.stem, "{label}": label}
        for case_name, args, kind in commands:
            filled = [_filled(a, fill) for a in args]
            out.append(Case(klass, _filled(case_name, fill), lambda a=filled: run(a), kind))
    return out


def _filled(text: str, fill: dict[str, str]) -> str:
    for key, value in fill.items():
        text = text.replace(key, value)
    return text


def class_1(tmp: Path) -> list[Case]:
    charsets = [
        "undefined",
        "base64",
        "rot13",
        "bogus",
        "zlib",
        "hex",
        "uu",
        "bz2",
        "quopri",
        "idna",
        "punycode",
        "unicode_escape",
        "raw_unicode_escape",
        "mbcs",
        "utf-7",
        "utf-16",
        "utf-32",
        "x" * 300,
        "",
        "utf-8\x00",
        "cp65001",
        "ascii",
        "latin-1\u202e",
    ]
    body = "<p>Article 1</p><p>The Parties shall consult together.</p>"
    carriers = {
        "meta": lambda c: f'<html><head><meta charset="{c}"></head><body>{body}</body></html>',
        "http-equiv": lambda c: (
            '<html><head><meta http-equiv="Content-Type" content="text/'
            f'html; charset={c}"></head><body>{body}</body></html>'
        ),
        "xml": lambda c: (
            f'<?xml version="1.0" encoding="{c}"?>'
            + AKN.format(
                body='<article eId="art_1"><num>1</num><content><p>X y z.</p></content></article>'
            )
        ),
    }
    rows = (
        (
            f"{carrier} {charset[:20]!r}",
            f"c1-{carrier}-{k}.{'xml' if carrier == 'xml' else 'html'}",
            make(charset).encode("utf-8", "surrogateescape"),
        )
        for carrier, make in carriers.items()
        for k, charset in enumerate(charsets)
    )
    return table_cases(1, tmp, rows, [("{label}", ["import", "{path}", "--id", "x"], None)])


def class_2(tmp: Path) -> list[Case]:
    values = [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "-1",
        "0",
        "1e30",
        "1e309",
        "0.5",
        "1e-9",
        "",
        " ",
        "abc",
        "1_000",
        "0x10",
        "1,5",
        "\u0661\u0660",
        "+5",
        "5 MB",
        "9" * 400,
    ]
    out = []
    for v in values:
        out += [
            Case(
                2,
                f"--max-input {v!r}",
                lambda v=v: run(["import", "--max-input", v, "-", "--id", "x"], stdin=b""),
            ),
            Case(
                2,
                f"$TREATYCMP_MAX_INPUT_MB={v!r} list",
                lambda v=v: run(["list"], env={"TREATYCMP_MAX_INPUT_MB": v}),
            ),
            Case(
                2,
                f"diff --threshold {v!r}",
                lambda v=v: run(["diff", "nato", "us-rok-1953", "--threshold", v, "-q"]),
            ),
            Case(
                2,
                f"grep --min-score {v!r}",
                lambda v=v: run(["grep", "armed attack", "--min-score", v, "-q"]),
            ),
            Case(
                2,
                f"$TREATYCMP_MAX_CLAUSES={v!r} show",
                lambda v=v: run(["show", "nato"], env={"TREATYCMP_MAX_CLAUSES": v}),
            ),
        ]
    return out


def class_3(tmp: Path) -> list[Case]:
    (tmp / "u16.txt").write_bytes("Article 1\nThe Parties shall consult.\n".encode("utf-16"))
    (tmp / "bin").write_bytes(bytes(range(256)) * 40)
    states = {
        "closed": "<&-",
        "write-only": f"0>{tmp}/w",
        "/dev/null": "</dev/null",
        "UTF-16": f"<{tmp}/u16.txt",
        "binary": f"<{tmp}/bin",
        "/dev/zero (endless)": "</dev/zero",
        "read-write": f"<>{tmp}/rw",
    }
    commands = {
        "import -": "import - --id x",
        "diff - nato": "diff - nato -f json",
        "validate -": "validate -",
    }
    out = []
    for label, redirect in states.items():
        for cname, args in commands.items():
            line = " ".join(TREATYCMP) + f" {args} {redirect}"
            out.append(Case(3, f"{cname} {label}", lambda s=line: run([], shell=s)))
    return out


def scheduler(reply: bytes | None, args: list[str]) -> Outcome:
    """``args --scheduler`` on a loopback listener that is not Dask (or a refused port)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    port = server.getsockname()[1]
    if reply == b"refused":
        server.close()
    else:
        server.listen(4)

        def serve() -> None:
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                if reply == b"close":
                    conn.close()
                elif reply is not None:
                    conn.sendall(reply)

        threading.Thread(target=serve, daemon=True).start()
    try:
        return run([*args, "--scheduler", f"tcp://127.0.0.1:{port}"])
    finally:
        server.close()


def class_4(tmp: Path) -> list[Case]:
    replies: dict[str, bytes | None] = {
        "HTTP 400": b"HTTP/1.1 400 Bad Request\r\n\r\n",
        "silent": None,
        "refused": b"refused",
        "closes at once": b"close",
        "SSH banner": b"SSH-2.0-OpenSSH_9.6\r\n",
        "TLS alert": b"\x15\x03\x03\x00\x02\x02\x28",
        "8 zero bytes": b"\x00" * 8,
        "length 2**63": b"\xff" * 7 + b"\x7f" + b"x" * 64,
        "length 100 then junk": (100).to_bytes(8, "little") + os.urandom(100),
        "random 4 KB": random.Random(4).randbytes(4096),
    }
    out = []
    for label, reply in replies.items():
        for args in (
            ["nearest", "armed attack", "-k", "3"],
            ["matrix", "nato", "us-rok-1953", "--top-k", "3"],
        ):
            out.append(Case(4, f"{args[0]} {label}", lambda r=reply, a=args: scheduler(r, a)))
    return out


def class_5(tmp: Path) -> list[Case]:
    commands = [
        ["list"],
        ["grep", "consult", "--treaty", "{id}"],
        ["nearest", "shall consult", "-k", "3"],
        ["buffers", "{id}"],
        ["profile", "{id}", "--level", "paragraph"],
        ["diff", "{id}", "north-atlantic-1949"],
        ["show", "{id}"],
        ["lineup", "{id}:1", "north-atlantic-1949"],
        ["matrix", "{id}", "north-atlantic-1949"],
    ]
    rows = (
        (
            repr(start),
            f"c5-{k}/formula-{k}.yaml",
            hostile_text(f"formula-{k}", f'{start}HYPERLINK("http://x","y")+cmd|x@SUM(1+1)'),
        )
        for k, start in enumerate(FORMULA)
    )
    table: list[TableCommand] = [
        (f"{args[0]} -f {fmt} {{label}}", [*args, "--corpus", "{dir}", "-f", fmt], fmt)
        for args in commands
        for fmt in ("csv", "tsv")
    ]
    return table_cases(5, tmp, rows, table)


def class_6(tmp: Path) -> list[Case]:
    payloads = {
        "conceal SGR": "51\x1b[8mHIDDEN\x1b[0m",
        "OSC title": "\x1b]0;PWNED\x07",
        "C1 CSI": "\x9b2J",
        "bidi override": "\u202eevil",
        "clear screen": "\x1b[2J",
    }
    commands = [
        ["diff", "{id}", "north-atlantic-1949"],
        ["show", "{id}"],
        ["buffers", "{id}"],
        ["grep", "consult", "--treaty", "{id}"],
        ["list"],
        ["profile", "{id}"],
        ["lineup", "{id}:1", "north-atlantic-1949"],
        ["nearest", "consult"],
    ]
    rows = (
        (label, f"c6-{k}/colour-{k}.yaml", hostile_text(f"colour-{k}", payload))
        for k, (label, payload) in enumerate(payloads.items())
    )
    table: list[TableCommand] = [
        (f"{args[0]} {{label}}", [*args, "--corpus", "{dir}", "--color", "always"], None)
        for args in commands
    ]
    return table_cases(6, tmp, rows, [*table, ("validate {label}", ["validate", "{path}"], None)])


def class_7(tmp: Path) -> list[Case]:
    inner = {
        "section": "<section><content><p>Zqx words.</p></content></section>",
        "content text": "<content>Zqx words outside p.</content>",
        "level": "<level><content><p>Zqx level.</p></content></level>",
        "hcontainer": '<hcontainer name="x"><content><p>Zqx hc.</p></content></hcontainer>',
        "list/point": "<list><point><content><p>Zqx point.</p></content></point></list>",
        "indent": "<indent><content><p>Zqx indent.</p></content></indent>",
        "paragraph": "<paragraph><content><p>Zqx para.</p></content></paragraph>",
        "subsection": "<subsection><content><p>Zqx sub.</p></content></subsection>",
        "alinea": "<alinea><content><p>Zqx alinea.</p></content></alinea>",
        "intro/wrapUp": "<list><intro><p>Zqx intro.</p></intro><point><content><p>b.</p>"
        "</content></point><wrapUp><p>c.</p></wrapUp></list>",
        "blockList": "<content><blockList><item><p>Zqx item.</p></item></blockList></content>",
        "table": "<content><table><tr><td><p>Zqx cell.</p></td></tr></table></content>",
        "nested 30 deep": "<section>" * 30
        + "<content><p>Zqx deep.</p></content>"
        + "</section>" * 30,
        "inline markup": "<content><p>The <b>Zqx</b> <i>words</i> <ref href='#'>ref</ref>.</p>"
        "</content>",
        "heading only": "<heading>Zqx heading</heading>",
    }
    rows = (
        (label, f"a{k}.xml", AKN.format(body=f'<article eId="art_1"><num>1</num>{xml}</article>'))
        for k, (label, xml) in enumerate(inner.items())
    )
    return table_cases(7, tmp, rows, [("{label}", ["import", "{path}"], "akn")])


def class_8(tmp: Path) -> list[Case]:
    body = '<article eId="art_1"><num>1</num><content><p>X &a; y.</p></content></article>'
    docs = {
        "internal subset": '<!DOCTYPE akomaNtoso [\n<!ENTITY a "EXPANDED">\n]>',
        "subset with >": '<!DOCTYPE akomaNtoso [<!ENTITY a "1 > 0 EXPANDED">]>',
        "XXE file": '<!DOCTYPE akomaNtoso [<!ENTITY a SYSTEM "file:///etc/passwd">]>',
        "parameter entity": '<!DOCTYPE akomaNtoso [<!ENTITY % p "x"> %p;]>',
        "billion laughs": '<!DOCTYPE akomaNtoso [<!ENTITY a "EXPANDED">'
        + "".join(f'<!ENTITY a{i} "{"&a;" * 10}">' for i in range(8))
        + "]>",
        "long subset": "<!DOCTYPE akomaNtoso ["
        + "<!-- pad -->" * 2000
        + '<!ENTITY a "EXPANDED">]>',
        "external SYSTEM": '<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/x.dtd">',
        "PUBLIC": '<!DOCTYPE akomaNtoso PUBLIC "-//X//DTD//EN" "x.dtd">',
    }
    rows = (
        (label, f"dtd{k}.xml", '<?xml version="1.0"?>\n' + doctype + "\n" + AKN.format(body=body))
        for k, (label, doctype) in enumerate(docs.items())
    )
    imports = ["import", "{path}", "--id", "x"]
    commands: list[TableCommand] = [
        ("{label}", imports, None),
        ("{label} (--from akn)", [*imports, "--from", "akn"], None),
    ]
    return table_cases(8, tmp, rows, commands)


def damaged_index(tmp: Path, damage: str) -> Outcome:
    """``nearest`` on a fresh index, then on the same index damaged: the answers agree
    (the stdout returned is "WRONG" when they differ)."""
    env = {"TREATYCMP_CACHE": str(tmp / f"cache-{damage}")}
    query = ["nearest", "in case of an armed attack", "-k", "5", "-f", "json"]
    fresh = run(query, env=env).out
    folder = Path(env["TREATYCMP_CACHE"])
    arrays = sorted(folder.glob("nearest/*/*.npy"), key=os.path.getsize)
    target = arrays[-1]
    data = target.read_bytes()
    kind, _, arg = damage.partition(":")
    if kind == "flip":
        at = int(float(arg) * (len(data) - 1))
        target.write_bytes(data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :])
    elif kind == "truncate":
        target.write_bytes(data[: int(arg)])
    elif kind == "zero":
        target.write_bytes(data[:128] + bytes(len(data) - 128))
    elif kind == "append":
        target.write_bytes(data + b"\x00" * 64)
    elif kind == "swap":
        other = arrays[0].read_bytes()
        arrays[0].write_bytes(data)
        target.write_bytes(other)
    elif kind in ("fifo", "symlink", "directory"):
        target.unlink()
        {"fifo": os.mkfifo, "symlink": lambda p: os.symlink("/dev/zero", p), "directory": os.mkdir}[
            kind
        ](target)
    elif kind == "meta":
        meta = next(folder.glob("nearest/*/meta.json"))
        meta.write_text(arg)
    o = run(query, env=env)
    return Outcome(o.rc, o.secs, o.out if o.out == fresh else "WRONG", o.err, o.cpu)


def class_9(tmp: Path) -> list[Case]:
    damages = [
        "flip:0.0",
        "flip:0.05",
        "flip:0.5",
        "flip:0.999",
        "truncate:0",
        "truncate:100",
        "truncate:200",
        "zero",
        "append",
        "swap",
        "fifo",
        "symlink",
        "directory",
        "meta:{}",
        "meta:not json",
        "meta:[1,2]",
    ]
    return [Case(9, d, lambda d=d: damaged_index(tmp, d), "index") for d in damages]


def class_10(tmp: Path) -> list[Case]:
    corpus = tmp / "c10"
    corpus.mkdir()
    hostile_treaty(corpus, "cache-10", "")

    def limited(args: str, label: str) -> Outcome:
        cache = tmp / f"cache10-{label}"
        shell = f"ulimit -f 1; {' '.join(TREATYCMP)} {args}"
        o = run([], shell=shell, env={"TREATYCMP_CACHE": str(cache)}, cwd=tmp)
        left = list(cache.rglob("*.tmp")) + list(tmp.glob("*.tmp")) + list(tmp.glob(".*.tmp"))
        return Outcome(o.rc, o.secs, "LEFT " + str(left) if left else o.out, o.err, o.cpu)

    return [
        Case(
            10,
            "parse cache, ulimit -f",
            lambda: limited(f"list --corpus {corpus}", "list"),
            "partial",
        ),
        Case(
            10,
            "nearest index, ulimit -f",
            lambda: limited("nearest 'armed attack'", "nearest"),
            "partial",
        ),
        Case(
            10,
            "-o file, ulimit -f",
            lambda: limited(f"show nato -f json -o {tmp}/o.json", "out"),
            "partial",
        ),
        Case(
            10,
            "import -o, ulimit -f",
            lambda: limited(f"export nato -o {tmp}/n.yaml", "export"),
            "partial",
        ),
    ]


def class_11(tmp: Path) -> list[Case]:
    names = [
        "{a: b}",
        "[1, 2]",
        "12",
        "null",
        "true",
        "2024-01-01",
        "'x\\e[8my'",
        "''",
        "'" + "n" * 5000 + "'",
        "!!binary aGVsbG8=",
        "&a x",
    ]
    rows = (
        (
            f"name: {name[:20]}",
            f"exp{k}.yaml",
            f"expectations:\n- name: {name}\n  expect: north-atlantic-1949:5.1 has discretion\n",
        )
        for k, name in enumerate(names)
    )
    return table_cases(11, tmp, rows, [("{label}", ["check", "{path}"], None)])


def big_text_treaty(path: Path, articles: int) -> None:
    """A valid treaty file of ``articles`` articles of four ~390-character paragraphs full
    of rule words (the worst case for rules): 31,200 articles are about 49 MB."""
    rng = random.Random(articles)
    words = [
        "party",
        "parties",
        "shall",
        "attack",
        "armed",
        "territory",
        "consult",
        "assist",
        "agreement",
        "treaty",
        "each",
        "other",
        "measures",
        "security",
        "council",
        "nations",
        "united",
        "defence",
        "collective",
        "individual",
        "forthwith",
        "action",
        "necessary",
        "including",
        "use",
        "force",
        "restore",
        "maintain",
        "area",
        "immediately",
        "all",
        "means",
        "at",
        "its",
        "disposal",
        "in",
        "accordance",
        "with",
        "constitutional",
        "processes",
    ]
    with path.open("w", encoding="utf-8") as f:
        f.write(
            "id: big\ntitle: Big\nshort_title: Big\nparties: [A, B]\nlanguage: en\n"
            "source: {text: synthetic}\ncompleteness: complete\narticles:\n"
        )
        for i in range(1, articles + 1):
            f.write(f"- number: '{i}'\n  paragraphs:\n")
            for _ in range(4):
                para: list[str] = []
                while sum(len(w) + 1 for w in para) < 390:
                    para.append(rng.choice(words))
                f.write(f"  - {json.dumps(' '.join(para).capitalize() + '.')}\n")


RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def write_docx(path: Path, parts: Iterable[str | bytes], paragraph: bool = False) -> None:
    """A minimal Word file whose body is ``parts`` (streamed: python-docx takes minutes)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
        "/></Types>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as f:
            f.write(
                f"<w:document {ns}><w:body>".encode() + (b"<w:p><w:r><w:t>" if paragraph else b"")
            )
            for part in parts:
                f.write(part if isinstance(part, bytes) else part.encode())
            f.write((b"</w:t></w:r></w:p>" if paragraph else b"") + b"</w:body></w:document>")


def class_12(tmp: Path) -> list[Case]:
    import pypdf

    out = []
    big = tmp / "big.xml"
    big.write_text(
        AKN.format(
            body="".join(
                f'<article eId="art_{i}"><num>{i}</num><content>'
                f"<p>The Parties shall consult {i}.</p></content></article>"
                for i in range(1, 100_001)
            )
        )
    )
    out.append(Case(12, "AKN 100,000 articles", lambda: run(["import", str(big)])))
    out.append(
        Case(12, "AKN 100,000 articles, -f akn", lambda: run(["import", str(big), "-f", "akn"]))
    )
    writer = pypdf.PdfWriter()
    for _ in range(10_000):
        writer.add_blank_page(612, 792)
    pdf = tmp / "p.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    out.append(Case(12, "PDF 10,000 pages", lambda: run(["import", str(pdf), "--id", "x"])))
    docx = tmp / "d.docx"
    write_docx(docx, (f"<w:p><w:r><w:t>P {k}.</w:t></w:r></w:p>" for k in range(210_000)))
    out.append(Case(12, "DOCX 210,000 paragraphs", lambda: run(["import", str(docx), "--id", "x"])))
    zipped = tmp / "bomb.docx"  # one paragraph of 400 MB, zipped to about 400 KB
    write_docx(zipped, (b"a" * 1_000_000 for _ in range(400)), paragraph=True)
    out.append(Case(12, "DOCX zip bomb", lambda: run(["import", str(zipped), "--id", "x"])))
    text = tmp / "big.txt"
    with text.open("w") as f:
        for i in range(1, 31_201):
            f.write(f"Article {i}\n" + ("The Parties shall consult together. " * 10 + "\n") * 4)
    out.append(
        Case(
            12,
            "import - 49 MB text",
            lambda: run([], shell=f"{' '.join(TREATYCMP)} import - --id x <{text}"),
        )
    )
    (tmp / "corpus49").mkdir()
    treaty = tmp / "corpus49" / "big49.yaml"
    big_text_treaty(treaty, 31_200)
    t = str(treaty)
    runs = [
        ["validate", t],
        ["show", t, "-f", "json"],
        ["show", t, "-f", "markdown"],
        ["show", t, "-f", "csv"],
        ["show", t, "--no-pager"],
        ["buffers", t],
        ["profile", t],
        ["grep", "consult", "--treaty", t, "-f", "json"],
        ["grep", "consult", "--treaty", t, "--exact", "-f", "csv"],
        ["report", t, "north-atlantic-1949"],
    ]
    runs += [
        ["diff", t, "north-atlantic-1949", "-f", f]
        for f in ("table", "markdown", "html", "json", "csv", "tsv")
    ]
    runs += [
        ["diff", t, "north-atlantic-1949", "--stat"],
        ["diff", t, "north-atlantic-1949", "--level", "article", "-f", "json"],
        ["diff", t, t, "-f", "json"],
    ]
    folder = ["--corpus", str(tmp / "corpus49")]
    runs += [
        ["lineup", "north-atlantic-1949:5", t],
        ["matrix", "big", "north-atlantic-1949", *folder],
        ["nearest", "armed attack", *folder],
        ["list", *folder],
    ]
    for args in runs:
        kind = args[args.index("-f") + 1] if "-f" in args else None
        out.append(
            Case(12, "49 MB: " + " ".join(a for a in args if a != t), lambda a=args: run(a), kind)
        )
    return out


CLASSES: dict[int, Callable[[Path], list[Case]]] = {
    1: class_1,
    2: class_2,
    3: class_3,
    4: class_4,
    5: class_5,
    6: class_6,
    7: class_7,
    8: class_8,
    9: class_9,
    10: class_10,
    11: class_11,
    12: class_12,
}


def classify(case: Case, o: Outcome) -> dict[str, bool]:
    return {
        "tracebacks": "Traceback" in o.err or o.rc not in (0, 1, 2),
        "over 60 s": o.cpu > 60 or o.rc == -1,
        "unsafe": unsafe(o, case.kind),
        "silent drops": (case.kind == "akn" and o.rc == 0 and "Zqx" not in o.out)
        or (case.kind == "partial" and o.out.startswith("LEFT")),
        "wrong index answers": case.kind == "index" and o.out == "WRONG",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one case in ten of each class")
    parser.add_argument("--class", dest="only", type=int, action="append", help="class number")
    parser.add_argument("--jobs", type=int, default=1, help="cases run at once")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    started = time.monotonic()
    columns = ["runs", "tracebacks", "over 60 s", "unsafe", "silent drops", "wrong index answers"]
    table = {k: dict.fromkeys(columns, 0) for k in CLASSES}
    try:
        cases: list[Case] = []
        for number, make in CLASSES.items():
            if args.only and number not in args.only:
                continue
            folder = tmp / f"class{number}"
            folder.mkdir()
            made = make(folder)
            cases += made[:: 10 if args.quick else 1]

        def one(case: Case) -> tuple[Case, Outcome]:
            return case, case.call()

        with ThreadPoolExecutor(args.jobs) as pool:
            for case, o in pool.map(one, cases):
                marks = classify(case, o)
                row = table[case.klass]
                row["runs"] += 1
                for key, hit in marks.items():
                    row[key] += hit
                last = o.err.strip().splitlines()[-1][:100] if o.err.strip() else ""
                flagged = ", ".join(k for k, v in marks.items() if v)
                print(
                    f"{case.klass:2} {case.name[:44]:44} rc={o.rc:<3} {o.secs:5.1f}s "
                    f"{o.cpu:5.1f}cpu "
                    f"{last!r}" + (f"  <-- {flagged}" if flagged else ""),
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{len(cases)} cases in {time.monotonic() - started:.0f} s\n")
    print("| class | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    total = dict.fromkeys(columns, 0)
    for number, row in table.items():
        if row["runs"]:
            print(
                f"| {number} {CLASS_NAMES[number]} | "
                + " | ".join(f"{row[c]:,}" for c in columns)
                + " |"
            )
            for c in columns:
                total[c] += row[c]
    print("| total | " + " | ".join(f"{total[c]:,}" for c in columns) + " |")


if __name__ == "__main__":
    main()
