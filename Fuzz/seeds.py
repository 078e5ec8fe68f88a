#!/usr/bin/env python3
"""Regenerates the committed seed corpora in Fuzz/Corpus/<target>/ from the repository's own examples.

FuzzNXQL            one query per distinct shape of Tests/NXCoreTests/NXQLCaseTable.swift (valid and invalid),
                    plus fulltext texts and nesting probes
FuzzJSON            the entity examples of Spec/entities/ (from Client/Generated/NXModel/EntityExamples.swift), plus edge cases of the grammar
FuzzPercentEncoding paths and query strings with valid, malformed and non-UTF-8 escapes
FuzzSpec            the small files of Spec/ (whole files; larger ones would slow every run)

Run from the repository root: python3 Fuzz/seeds.py. Output is deterministic (files named by content hash).
"""
import hashlib
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")


def write(target, seeds):
    directory = os.path.join(CORPUS, target)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    unique = {}
    for seed in seeds:
        data = seed if isinstance(seed, bytes) else seed.encode()
        unique[hashlib.sha1(data).hexdigest()[:16]] = data
    for name, data in sorted(unique.items()):
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(unique)} seeds")


def nxql():
    text = open(os.path.join(ROOT, "Tests/NXCoreTests/NXQLCaseTable.swift")).read()
    queries = re.findall(r'#"(.*?)"#', text)
    shapes = {}
    for query in queries:
        shape = re.sub(r"'[^']*'", "S", query)
        shape = re.sub(r"\b\d+(\.\d+)?\b", "N", shape)
        shape = re.sub(r"\b[a-z]+:[A-Za-z_:./*0-9\[\]-]+", "P", shape)
        shapes.setdefault(shape, query)
    seeds = list(shapes.values())
    seeds += [
        "quick fox", "fox OR dogs", "fox -brown", "sleep*", '"lazy dog" -cat', "OR", "- * \"",
        "SELECT * FROM Document WHERE NOT NOT (dc:title = 'x' OR (dc:title = 'y' AND NOT dc:title = 'z'))",
        "SELECT * FROM Document WHERE uid:major_version + 1 * 2 - 3 / 4 = DATE(dc:issued)",
        "SELECT * FROM Document WHERE files:files/*1/file/name = 'a' AND files:files/*1/file/length > 1",
        "SELECT * FROM Document WHERE dc:subjects[0] = 'art' AND files:files/0/file/name LIKE 'a\\%b'",
        "SELECT ecm:uuid, dc:title FROM File, Note WHERE ecm:fulltext.dc:title = 'quick fox' ORDER BY dc:title DESC, ecm:name",
    ]
    write("FuzzNXQL", seeds)


def json_seeds():
    # The examples of Spec/entities/ as nxgen compiled them (Swift string literals).
    generated = open(os.path.join(ROOT, "Client/Generated/NXModel/EntityExamples.swift")).read()
    seeds = [json.loads('"' + literal + '"') for literal in re.findall(r'json: "((?:[^"\\]|\\.)*)", decode', generated)]
    seeds += [
        '{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-1.25,"g":"\\u00e9\\ud83d\\ude00\\n\\"\\\\/"}',
        "[]", "{}", "  [ 1 , 2 ,3 ]  ", '"plain"', "0", "-0.25", "1E2", "-1.5e-3", "9223372036854775807", "9223372036854775808",
        '{"dc:title":"Caf\\u00e9 cr\\u00e8me","n":9007199254740993}', '"\\b\\f\\t\\r"', "[[[[[[[[[[]]]]]]]]]]",
        '{"a":{"a":{"a":{"a":{}}}}}', '{"a":1,"a":2}', "\"caf\xc3\xa9\"",
    ]
    write("FuzzJSON", seeds)


def percent():
    write("FuzzPercentEncoding", [
        "/nuxeo/api/v1/path/default-domain/workspaces/My%20Folder", "query=SELECT+*+FROM+Document+WHERE+dc%3Atitle+%3D+%27x%27",
        "a%2Fb", "%", "%4", "%zz", "100%", "%%41", "%C3%A9t%C3%A9", "%E2%82", "%FF%FE", "caf\u00e9 +plus+", "%00", "~._-!$&'()*+,;=:@",
        b"raw\xff\xfebytes%2",
    ])


def spec():
    seeds = []
    for directory, _, files in sorted(os.walk(os.path.join(ROOT, "Spec"))):
        for name in sorted(files):
            path = os.path.join(directory, name)
            if name.endswith(".yaml") and os.path.getsize(path) <= 6000:
                seeds.append(open(path, "rb").read())
    write("FuzzSpec", seeds)


if __name__ == "__main__":
    nxql()
    json_seeds()
    percent()
    spec()
