#!/usr/bin/env python3
"""Keeps a fuzz corpus small: greedy set cover over the edge coverage that libFuzzer's
merge control file records, at most MAX files. Usage:
  fuzz-shrink.py BINARY CORPUS_DIR [MAX]   (run from fuzz/, after cargo fuzz build -O)"""
import os, shutil, subprocess, sys, tempfile

binary, corpus = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 90
with tempfile.TemporaryDirectory() as tmp:
    control, dry = os.path.join(tmp, "control"), os.path.join(tmp, "dry")
    os.mkdir(dry)
    subprocess.run([binary, "-merge=1", "-use_counters=0", "-max_len=8192",
                    "-timeout=10", "-rss_limit_mb=2048",
                    f"-merge_control_file={control}", dry, corpus],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    lines = open(control).read().split("\n")
    n = int(lines[0])
    files = lines[2:2 + n]
    cov = {}
    for line in lines[2 + n:]:
        parts = line.split()
        if parts and parts[0] == "COV":
            cov[int(parts[1])] = set(parts[2:])
    covered, chosen = set(), []
    while len(chosen) < limit and cov:
        best = max(cov, key=lambda i: (len(cov[i] - covered), -os.path.getsize(files[i])))
        if not cov[best] - covered:
            break
        chosen.append(best)
        covered |= cov[best]
    keep = os.path.join(tmp, "keep")
    os.mkdir(keep)
    for i in chosen:
        shutil.copy(files[i], keep)
    shutil.rmtree(corpus)
    shutil.copytree(keep, corpus)
    total = set().union(*cov.values()) if cov else set()
    print(f"{corpus}: kept {len(chosen)} of {n} files, {len(covered)} of {len(total)} edges")
