# Reads a TTML file with ttconv (Debian python3-ttconv) and prints, as JSON,
# each paragraph's text, its region's origin, extent and displayAlign, and
# its text alignment (specified on it or an ancestor, else its region's,
# else start). Used by place_test.go.
import sys, json
import xml.etree.ElementTree as et
import ttconv.imsc.reader as reader
from ttconv.style_properties import StyleProperties as SP
import ttconv.model as model
out = []
doc = reader.to_model(et.parse(sys.argv[1]))
def walk(e):
    if isinstance(e, model.P):
        r = e.get_region()
        def g(el, p):
            v = el.get_style(p) if el is not None else None
            return v
        o = g(r, SP.Origin); x = g(r, SP.Extent); d = g(r, SP.DisplayAlign); ta = None
        a = e
        while a is not None and ta is None:
            ta = a.get_style(SP.TextAlign)
            a = a.parent()
        if ta is None and r is not None:
            ta = r.get_style(SP.TextAlign)
        text = "".join(t.get_text() for t in iter_text(e))
        out.append({"region": r.get_id() if r else None,
            "origin": [o.x.value, o.y.value] if o else None, "extent": [x.width.value, x.height.value] if x else None,
            "displayAlign": d.value if d else None, "textAlign": ta.value if ta else "start", "text": text,
            "begin": float(e.get_begin() or 0), "end": float(e.get_end()) if e.get_end() is not None else None})
    for c in e:
        walk(c)
def iter_text(e):
    for c in e:
        if isinstance(c, model.Text):
            yield c
        else:
            yield from iter_text(c)
walk(doc.get_body())
print(json.dumps(out))
