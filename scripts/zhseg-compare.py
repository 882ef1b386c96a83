#!/usr/bin/env python3
"""Compare two segmentations of the same lines with jieba's.

Usage: scripts/zhseg-compare.py NAME...   reads NAME.in (lines "SCRIPT<TAB>TEXT"), NAME.base and
NAME.new (token lengths per line from `go run ./internal/segdump < NAME.in`, before and after a
change) and NAME.jieba (the same from ../shared/bench/zhbreak/segment.js), and prints per script:
lines segmented differently, boundaries inside a jieba word, and jieba boundaries found.
"""
import json,sys
def bounds(l):
    s=set();p=0
    for n in l[:-1]:
        p+=n; s.add(p)
    return s
def cmp(name, a, b, j, scripts):
    A=[json.loads(x) for x in open(a)]; B=[json.loads(x) for x in open(b)]; J=[json.loads(x) for x in open(j)]
    for sc in ('Hans','Hant'):
        diff=0; ia=ib=0; ba=bb=0; ra=rb=0; jb=0; lines=0
        for x,y,z,s in zip(A,B,J,scripts):
            if s!=sc or z is None: continue
            lines+=1
            if x!=y: diff+=1
            X,Y,Z=bounds(x),bounds(y),bounds(z)
            ba+=len(X); bb+=len(Y); jb+=len(Z)
            # inside: a jieba word spans the boundary = boundary not in Z
            ia+=len(X-Z); ib+=len(Y-Z); ra+=len(Z&X); rb+=len(Z&Y)
        if lines==0: continue
        print(f"{name} {sc}: {lines} lines, {diff} segmented differently; boundaries inside a jieba word: before {ia}/{ba} ({100*ia/max(ba,1):.1f}%), after {ib}/{bb} ({100*ib/max(bb,1):.1f}%); jieba boundaries found: before {ra}/{jb} ({100*ra/jb:.1f}%), after {rb}/{jb} ({100*rb/jb:.1f}%)")
for name in sys.argv[1:]:
    scripts=[l.split('\t')[0] for l in open(name+'.in')]
    cmp(name, name+'.base', name+'.new', name+'.jieba', scripts)
