"""The hostile run of issue #23, again: each class's examples through the installed CLI.

    python bench/hostile_round2.py            # the table of docs/robustness.md

Every case runs ``treatycmp`` in a fresh process (timeout 120 s) on inputs written to a
temporary folder, and is classified: a traceback, a run over 60 s, unsafe output (a
raw escape sequence from a file, a CSV/TSV cell a spreadsheet would run), a silent
drop (an Akoma Ntoso article's words missing with exit 0 and no warning), a wrong
answer from a damaged stored index (``nearest`` differing from a fresh build).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TREATYCMP = [sys.executable, "-m", "treatycmp"]
AKN = (
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta>'
    '<identification source="#x"><FRBRWork><FRBRalias value="h"/></FRBRWork>'
    "</identification></meta><body>{body}</body></act></akomaNtoso>"
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def run(args: list[str], *, shell: str | None = None, env: dict[str, str] | None = None,
        stdin: bytes | None = None) -> tuple[int, float, str, str]:  # fmt: skip
    start = time.monotonic()
    command: list[str] | str = shell if shell is not None else [*TREATYCMP, *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=120,
                              env={**os.environ, **(env or {})}, shell=shell is not None,
                              check=False)  # fmt: skip
        out, err, rc = done.stdout.decode("utf-8", "replace"), done.stderr.decode(), done.returncode
    except subprocess.TimeoutExpired:
        out, err, rc = "", "", -1
    return rc, time.monotonic() - start, out, err


def unsafe(out: str, fmt: str | None) -> bool:
    if "\x1b[8m" in out:
        return True
    if fmt in ("csv", "tsv"):
        rows = csv.reader(io.StringIO(out), dialect="excel" if fmt == "csv" else "excel-tab")
        return any(c.startswith(FORMULA) and c != "-" for row in rows for c in row)
    return False


def cases(tmp: Path) -> list[tuple[str, Callable[[], tuple[int, float, str, str]], str | None]]:
    corpus = tmp / "corpus"
    corpus.mkdir()
    treaty = {
        "id": "hostile-2", "title": '=HYPERLINK("http://x","y")', "short_title": "+cmd|x",
        "parties": ["@SUM(1+1)", "B"], "language": "en", "source": {"text": "s"},
        "completeness": "complete",
        "articles": [{"number": "51\x1b[8mHIDDEN\x1b[0m", "paragraphs": [
            "=1+1 shall consult in case of an armed attack", "-2+3 shall assist"]}],
    }  # fmt: skip
    (corpus / "h.yaml").write_text(json.dumps(treaty), encoding="utf-8")
    c = ["--corpus", str(corpus)]
    out: list[tuple[str, Callable[[], tuple[int, float, str, str]], str | None]] = []
    for charset in ("undefined", "base64", "rot13", "bogus"):
        page = tmp / f"{charset}.html"
        page.write_text(f'<html><head><meta charset="{charset}"></head><body><p>Article 1</p>'
                        "<p>The Parties shall consult together.</p></body></html>")  # fmt: skip
        out.append(("1 codec", lambda p=page: run(["import", str(p), "--id", "x"]), None))
    for value in ("nan", "inf", "-1", "1e30"):
        args = ["import", "--max-input", value, "-", "--id", "x"]
        out.append(("2 numbers", lambda a=args: run(a, stdin=b""), None))
        env = {"TREATYCMP_MAX_INPUT_MB": value}
        out.append(("2 numbers", lambda e=env: run(["list"], env=e), None))
    out.append(("3 stdin", lambda: run([], shell=" ".join(TREATYCMP) + " import - --id x <&-"),
                None))  # fmt: skip
    out.append(("3 stdin", lambda: run([], shell=" ".join(TREATYCMP)
                                       + f" import - --id x 0>{tmp}/w"), None))  # fmt: skip
    for fmt in ("csv", "tsv"):
        for args in (["list"], ["grep", "shall", "--treaty", "hostile-2"],
                     ["nearest", "shall consult", "-k", "3"],
                     ["buffers", "hostile-2"]):  # fmt: skip
            out.append(("5 csv", lambda a=args, f=fmt: run([*a, *c, "-f", f]), fmt))
    for args in (["diff", "hostile-2", "north-atlantic-1949", "--no-pager"],
                 ["show", "hostile-2", "--no-pager"], ["buffers", "hostile-2"],
                 ["grep", "consult", "--treaty", "hostile-2"]):  # fmt: skip
        out.append(("6 colour", lambda a=args: run([*a, *c, "--color", "always"]), "colour"))
    for inner in ("<section><content><p>Zqx words.</p></content></section>",
                  "<content>Zqx words outside p.</content>",
                  "<level><content><p>Zqx level.</p></content></level>"):  # fmt: skip
        xml = tmp / f"a{len(out)}.xml"
        xml.write_text(AKN.format(body=f'<article eId="art_1"><num>1</num>{inner}</article>'))
        out.append(("7 akn", lambda x=xml: run(["import", str(x)]), "akn"))
    for reply in (b"HTTP/1.1 400 Bad Request\r\n\r\n", None, b"refused"):
        out.append(("4 dask", lambda r=reply: scheduler(r, c), None))
    cache = {"TREATYCMP_CACHE": str(tmp / "cache")}
    query = ["nearest", "in case of an armed attack", "-k", "5", "-f", "json"]
    for damage in ("flip", "truncate", "fifo"):
        out.append(("9 index", lambda d=damage: damaged_index(query, cache, tmp, d), "index"))
    dtd = tmp / "dtd.xml"
    dtd.write_text('<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY a "b">\n]>\n'
                   + AKN.format(body="<article><content><p>X</p></content></article>"))  # fmt: skip
    out.append(("8 doctype", lambda: run(["import", str(dtd), "--id", "x"]), None))
    big = tmp / "big.xml"
    big.write_text(AKN.format(body="".join(
        f'<article eId="art_{i}"><num>{i}</num><content><p>The Parties shall consult {i}.</p>'
        "</content></article>" for i in range(1, 100_001))))  # fmt: skip
    out.append(("12 budget", lambda: run(["import", str(big)]), None))
    return out


def scheduler(reply: bytes | None, corpus: list[str]) -> tuple[int, float, str, str]:
    """``nearest --scheduler`` on a loopback listener that is not Dask (or a refused port)."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    port = server.getsockname()[1]
    if reply == b"refused":
        server.close()
    else:
        server.listen(2)

        def serve() -> None:
            while True:
                try:
                    conn, _ = server.accept()
                except OSError:
                    return
                if reply is not None:
                    conn.sendall(reply)

        threading.Thread(target=serve, daemon=True).start()
    try:
        return run(["nearest", "armed attack", *corpus, "--scheduler", f"tcp://127.0.0.1:{port}"])
    finally:
        server.close()


def damaged_index(
    query: list[str], env: dict[str, str], tmp: Path, damage: str
) -> tuple[int, float, str, str]:
    """``nearest`` on a fresh index, then on the same index damaged: the answers agree
    (the stdout returned is "WRONG" when they differ)."""
    shutil.rmtree(env["TREATYCMP_CACHE"], ignore_errors=True)
    _, _, fresh, _ = run(query, env=env)
    target = max(Path(env["TREATYCMP_CACHE"]).glob("nearest/*/*.npy"), key=os.path.getsize)
    if damage == "flip":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x55
        target.write_bytes(bytes(data))
    elif damage == "truncate":
        target.write_bytes(target.read_bytes()[:200])
    else:
        target.unlink()
        os.mkfifo(target)
    rc, secs, out, err = run(query, env=env)
    return rc, secs, out if out == fresh else "WRONG", err


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    counts = {"runs": 0, "tracebacks": 0, "over 60 s": 0, "unsafe": 0, "silent drops": 0,
              "wrong index answers": 0}  # fmt: skip
    try:
        for klass, call, kind in cases(tmp):
            rc, secs, out, err = call()
            counts["runs"] += 1
            tb = "Traceback" in err or rc not in (0, 1, 2)
            drop = kind == "akn" and rc == 0 and "Zqx" not in out
            bad = unsafe(out, kind)
            counts["tracebacks"] += tb
            counts["over 60 s"] += secs > 60
            counts["unsafe"] += bad
            counts["silent drops"] += drop
            counts["wrong index answers"] += kind == "index" and out == "WRONG"
            marks = [n for n, v in (("traceback", tb), ("unsafe", bad), ("drop", drop)) if v]
            last = err.strip().splitlines()[-1][:90] if err.strip() else ""
            print(
                f"{klass:10} rc={rc} {secs:5.1f}s {last}",
                "<-- " + ", ".join(marks) if marks else "",
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(counts)


if __name__ == "__main__":
    main()
