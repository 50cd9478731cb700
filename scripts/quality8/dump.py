"""scripts/quality7/dump_rr.py (the reranker's train rows, R1/R2 gains apart) with a patch of this
folder imported first. Usage: dump.py PATCH ROWS.npz STORIES  (PATCH: artcands or extfeat)."""
import importlib
import runpy
import sys
from pathlib import Path

importlib.import_module(sys.argv[1])
sys.argv = [sys.argv[0], *sys.argv[2:]]
runpy.run_path(str(Path(__file__).resolve().parent.parent / "quality7" / "dump_rr.py"),
               run_name="__main__")
