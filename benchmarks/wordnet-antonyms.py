#!/usr/bin/env python3
"""Writes the antonym list of the grounding check (eval-assertions/src/main/resources/
dev/evalgate/checks/thesaurus/antonyms.txt) from WordNet 3.0's database files: every direct
antonym pointer ("!") between two single lowercase words, one sorted pair a line, sorted.

Usage: benchmarks/wordnet-antonyms.py [WORDNET_DIR] > antonyms.txt
WORDNET_DIR defaults to /usr/share/wordnet (Debian's wordnet-base package: apt-get install
wordnet-base). Uses only the Python standard library. The same database gives the same file.
"""
import os
import re
import sys

directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
word = re.compile(r"^[a-z]+$")
files = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}


def synsets(pos):
    """(offset, [lemmas], [(pointer, offset, pos, source/target)]) of each synset of a data file."""
    with open(os.path.join(directory, files[pos]), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split("|")[0].split()
            count = int(fields[3], 16)
            # an adjective's lemma may carry its syntactic marker: "galore(ip)"
            lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i].lower()) for i in range(count)]
            k = 4 + 2 * count
            pointers = [tuple(fields[k + 1 + 4 * i : k + 5 + 4 * i]) for i in range(int(fields[k]))]
            yield fields[0], lemmas, pointers


lemmas_of = {}
links = []
for pos in files:
    for offset, lemmas, pointers in synsets(pos):
        lemmas_of[(pos, offset)] = lemmas
        for symbol, target, target_pos, words in pointers:
            source, other = int(words[:2], 16), int(words[2:], 16)
            if symbol == "!" and source > 0:
                links.append((lemmas[source - 1], "a" if target_pos == "s" else target_pos, target, other))

pairs = set()
for a, pos, target, other in links:
    b = lemmas_of[(pos, target)][other - 1]
    if word.match(a) and word.match(b) and a != b:
        pairs.add(tuple(sorted((a, b))))
print("# WordNet 3.0 direct antonyms (single words), written by benchmarks/wordnet-antonyms.py;")
print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: LICENSE")
for a, b in sorted(pairs):
    print(a, b)
