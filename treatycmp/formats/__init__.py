"""The input layer: every file treatycmp reads, and every format a treaty can come in.

``inputs`` reads bytes (bounded, regular files only) and decodes text;
``yamlkit`` reads YAML for treaties, rules and expectations; ``sniff`` tells a
format from its bytes; ``segment`` turns the lines of any text-like document into
a treaty; one reader per format (``text``, ``pdf``, ``docx``, ``html``, ``akn``,
and ToTA in ``treatycmp.formats.tota``) feeds it. The heavy libraries (pypdf,
python-docx, trafilatura, lxml) are imported only by the reader that needs them.
"""
