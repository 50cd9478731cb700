import sys
from newsbrief import pipeline, trees
f = trees.load_file(sys.argv[1])
pipeline.rerank_model = lambda: f
sys.argv = ["newsbrief", "eval"] + sys.argv[2:]
from newsbrief.cli import main
main()
