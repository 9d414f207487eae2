#!/usr/bin/env python
"""Edit notebooks as plain text: `nbpct.py tonb FILE.pct.py NB.ipynb` / `nbpct.py topct NB.ipynb [FILE.pct.py]`.

The `.ipynb` files in `nbs/` are the source of truth; the percent format (`# %%` code cells,
`# %% [md]` markdown cells with every line prefixed by `# `) is only a convenient way to write
or review them in a text editor. Round trips are exact for code and markdown cells."""
import hashlib, json, sys
from pathlib import Path

MD = '# %% [md]'

def pct_to_cells(text):
    cells, kind, buf = [], None, []
    def flush():
        if kind is None: return
        src = '\n'.join(buf).strip('\n')
        if kind == 'markdown': src = '\n'.join(l[2:] if l.startswith('# ') else l.lstrip('#') for l in src.split('\n'))
        cells.append(dict(cell_type=kind, source=src))
    for line in text.split('\n'):
        if line.startswith('# %%'):
            flush(); kind, buf = ('markdown' if line.startswith(MD) else 'code'), []
        elif kind is not None: buf.append(line)
    flush()
    return cells

def cells_to_nb(cells, old=None):
    "A notebook dict; cells keep the ids of identical cells in `old` (so exports stay stable), new ones get ids from their content."
    known = {''.join(c['source']): c.get('id') for c in (old or {}).get('cells', []) if c.get('id')}
    out, used = [], set()
    for i, c in enumerate(cells):
        lines = c['source'].split('\n')
        src = [l + '\n' for l in lines[:-1]] + [lines[-1]]
        cid = known.get(c['source'])
        if cid is None or cid in used: cid = hashlib.sha1(f"{i}:{c['source']}".encode()).hexdigest()[:8]
        used.add(cid)
        cell = dict(cell_type=c['cell_type'], id=cid, metadata={}, source=src)
        if c['cell_type'] == 'code': cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return dict(cells=out, metadata=dict(kernelspec=dict(display_name='python3', language='python', name='python3')),
                nbformat=4, nbformat_minor=5)

def nb_to_pct(nb):
    parts = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts.append(MD + '\n' + '\n'.join(('# ' + l) if l else '#' for l in src.split('\n')))
        else: parts.append('# %%\n' + src)
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    cmd, src = sys.argv[1], Path(sys.argv[2])
    if cmd == 'tonb':
        dst = Path(sys.argv[3])
        old = json.loads(dst.read_text()) if dst.exists() else None
        dst.write_text(json.dumps(cells_to_nb(pct_to_cells(src.read_text()), old), indent=1, ensure_ascii=False) + '\n')
    elif cmd == 'topct':
        text = nb_to_pct(json.loads(src.read_text()))
        if len(sys.argv) > 3: Path(sys.argv[3]).write_text(text)
        else: sys.stdout.write(text)
    else: sys.exit(__doc__)
