#!/usr/bin/env python
"""README.md from nbs/index.ipynb (what `nbdev_readme` does with Quarto, which is not always installable).

`python tools/make_readme.py` writes README.md; `--check` exits 1 if README.md is out of date."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def readme_text(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text())
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source']).strip('\n')
        lines = src.split('\n')
        directives = [l for l in lines if re.match(r'^#\|', l)]
        if any(re.match(r'^#\|\s*(hide|include:\s*false)', d) for d in directives): continue
        body = '\n'.join(l for l in lines if not re.match(r'^#\|', l)).strip('\n')
        if not body: continue
        parts.append(body if cell['cell_type'] == 'markdown' else f'```python\n{body}\n```')
    header = '<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->\n\n'
    return header + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, out = readme_text(), ROOT/'README.md'
    if '--check' in sys.argv:
        ok = out.exists() and out.read_text() == text
        print('README.md is in sync with nbs/index.ipynb' if ok else 'README.md is out of date: run `python tools/make_readme.py`')
        sys.exit(0 if ok else 1)
    out.write_text(text); print(f'wrote {out.name}')
