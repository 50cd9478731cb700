"""Measuring newsbrief against reference summaries and against reference systems.

``newsbrief eval`` (see ``run.py``) scores every system on the same stories, the same sentence
splits and the same word budget; ``systems.py`` holds the systems, ``rouge.py`` the scoring,
``data.py`` the reading of Multi-News style JSONL, ``report.py`` the tables. Nothing here is
imported by the pipeline: the ``eval`` extra (rouge-score, lexrank, sumy) is needed only here.
"""
