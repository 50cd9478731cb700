"""The cross-fitted priors ``newsbrief train --only sentences`` gives its rows: story n's features
use ``T._PRIORS[n % 5]`` and ``T._PAIR_PRIORS[n % 5]``, counted on the other folds."""
import tempfile
from pathlib import Path
from newsbrief.evaluate import train as T
from newsbrief import pair_prior, score as score_mod


def fold_priors(path: str) -> None:
    """Fill ``T._PRIORS`` and ``T._PAIR_PRIORS`` from the train file at ``path``."""
    folds = T.count_prior(path)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(len(folds)):
            p = Path(tmp) / f"fold{k}.tsv.gz"
            T.write_prior(T.merge_counts(folds[:k] + folds[k + 1:]), p)
            T._PRIORS.append(score_mod.read_prior(p))
    pairs, _, pseen, phit, (fs, fh) = T.count_pair_prior(path, len(folds))
    for k in range(len(folds)):
        rest = [j for j in range(len(folds)) if j != k]
        T._PAIR_PRIORS.append(pair_prior.from_counts(
            pairs, pseen[:, rest].sum(axis=1), phit[:, rest].sum(axis=1), int(fs[rest].sum()),
            int(fh[rest].sum()), score_mod.PRIOR_SMOOTHING))
        T._PAIR_PRIORS[-1].packed
