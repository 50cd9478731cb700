"""`newsbrief` CLI with a reranker model in place and patches imported first.
Usage: evalpatched.py MODEL.npz PATCH[,PATCH] eval|brief ARGS...  (PATCH: module in this folder, or -)"""
import importlib
import sys

from newsbrief import pipeline, trees

model = trees.load_file(sys.argv[1])
pipeline.rerank_model = lambda: model
for name in sys.argv[2].split(","):
    if name != "-":
        importlib.import_module(name)
sys.argv = ["newsbrief"] + sys.argv[3:]
from newsbrief.cli import main  # noqa: E402

main()
