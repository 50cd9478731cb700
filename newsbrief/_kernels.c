/* Compiled kernels for the per-story arithmetic of newsbrief (issue 3, the throughput target).
 *
 * A story is small once cleaned (a dozen candidate sentences, a vocabulary of about 130
 * terms, three to five articles), so the numpy code these replace pays numpy's per-call cost
 * about a hundred times per story, not arithmetic. Each kernel here is one call doing the
 * same computation in plain loops. The Python modules keep their numpy versions as the
 * reference and as the fallback when this extension was not built (see newsbrief/native.py).
 *
 * Only the C API and the buffer protocol are used (no numpy headers), so building needs a C
 * compiler and Python's headers, nothing else.
 *
 * What is and is not bit-for-bit the same as the Python and numpy versions:
 *   heap_predict, forest_predict: the same (same comparisons; the per-row sum over trees
 *     replicates numpy's pairwise summation).
 *   index_terms (with dicts or a term_table), surface, pair_support, terms_of,
 *     tokens_and_terms, token_bag, words, count_words, count_control, contains_lowered,
 *     boundary_cuts, line_spans,
 *     shingle_overlap: the same (counts, then the same divisions and sums in the same order;
 *     words told apart by equality).
 *   put_rows: the same (numbers copied as the doubles numpy's assignment would store).
 *   sentence_features, article_features: the same formulas, but dot products are summed in
 *     index order where numpy calls BLAS (another order), so values can differ in the last
 *     bits; tests compare with a tolerance, and the effect on briefs is measured in
 *     docs/benchmarks.md ("Compiled kernels").
 *   pair_prior_features: sums in hash order, not the set's (the last bits can differ); pairs
 *     of one sentence told apart by 64-bit hashes, and with the compact table (the default) a
 *     pair looked up by 48 bits of its hash, so an unlisted pair is read as a listed one about
 *     once in 1e14 look-ups (PairTable).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* numpy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src), accumulating in the
 * element type as numpy does: for doubles (a sum over trees has numpy's bits) and floats (the
 * float32 similarities of screening). */
#define DEFINE_PAIRWISE_SUM(name, type)                                                     \
    static type name(const type *a, Py_ssize_t n)                                           \
    {                                                                                       \
        if (n < 8) {                                                                        \
            type res = 0;                                                                   \
            for (Py_ssize_t i = 0; i < n; i++) res += a[i];                                 \
            return res;                                                                     \
        }                                                                                   \
        else if (n <= 128) {                                                                \
            type r[8], res;                                                                 \
            Py_ssize_t i;                                                                   \
            for (int j = 0; j < 8; j++) r[j] = a[j];                                        \
            for (i = 8; i < n - (n % 8); i += 8)                                            \
                for (int j = 0; j < 8; j++) r[j] += a[i + j];                               \
            res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));        \
            for (; i < n; i++) res += a[i];                                                 \
            return res;                                                                     \
        }                                                                                   \
        else {                                                                              \
            Py_ssize_t n2 = n / 2;                                                          \
            n2 -= n2 % 8;                                                                   \
            return name(a, n2) + name(a + n2, n - n2);                                      \
        }                                                                                   \
    }
DEFINE_PAIRWISE_SUM(pairwise_sum, double)
DEFINE_PAIRWISE_SUM(pairwise_sum_f, float)

/* A Python sequence of numbers as a new C array (NULL with an exception set on error). */
static double *as_doubles(PyObject *seq, Py_ssize_t expect, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    if (expect >= 0 && n != expect) {
        Py_DECREF(fast);
        PyErr_Format(PyExc_ValueError, "%s: expected %zd values, got %zd", what, expect, n);
        return NULL;
    }
    double *out = PyMem_Malloc(sizeof(double) * (n ? n : 1));
    if (!out) { Py_DECREF(fast); PyErr_NoMemory(); return NULL; }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyFloat_AsDouble(items[i]);
        if (out[i] == -1.0 && PyErr_Occurred()) { PyMem_Free(out); Py_DECREF(fast); return NULL; }
    }
    Py_DECREF(fast);
    return out;
}

static Py_ssize_t *as_indices(PyObject *seq, Py_ssize_t *len, const char *what)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    Py_ssize_t *out = PyMem_Malloc(sizeof(Py_ssize_t) * (n ? n : 1));
    if (!out) { Py_DECREF(fast); PyErr_NoMemory(); return NULL; }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsSsize_t(items[i]);
        if (out[i] == -1 && PyErr_Occurred()) { PyMem_Free(out); Py_DECREF(fast); return NULL; }
    }
    Py_DECREF(fast);
    *len = n;
    return out;
}

static int cmp_index(const void *a, const void *b)
{
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return x < y ? -1 : x > y;
}

/* Ranks as a stable argsort gives them: rank[i] = the place of i when the values are sorted
 * (largest first when ``descending``), equal values in index order. */
typedef struct { double key; Py_ssize_t i; } Keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const Keyed *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int ranks(const double *v, Py_ssize_t n, int descending, double *rank, double scale)
{
    Keyed *k = PyMem_Malloc(sizeof(Keyed) * (n ? n : 1));
    if (!k) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < n; i++) { k[i].key = descending ? -v[i] : v[i]; k[i].i = i; }
    qsort(k, (size_t)n, sizeof(Keyed), cmp_keyed);
    for (Py_ssize_t r = 0; r < n; r++) rank[k[r].i] = (double)r / scale;
    PyMem_Free(k);
    return 0;
}

/* Rows r .. r + 3 of ``xs`` walked down tree t side by side, so their independent chains of
 * loads overlap instead of each waiting on the one before: ``STEP(g, x)`` moves node g one
 * level down for the row at x, ``steps`` times from ``start``; ``LEAF(g)`` is the value at
 * the end, written to ``leaf`` (rows x trees). */
#define WALK_FOUR(T, STEP, start, steps, LEAF)                                              \
    do {                                                                                    \
        const double *x0 = xs + r * width, *x1 = x0 + width, *x2 = x1 + width,              \
                     *x3 = x2 + width;                                                      \
        T g0 = (start), g1 = g0, g2 = g0, g3 = g0;                                          \
        for (Py_ssize_t step_ = 0; step_ < (steps); step_++) {                              \
            STEP(g0, x0);                                                                   \
            STEP(g1, x1);                                                                   \
            STEP(g2, x2);                                                                   \
            STEP(g3, x3);                                                                   \
        }                                                                                   \
        leaf[r * trees + t] = LEAF(g0);                                                     \
        leaf[(r + 1) * trees + t] = LEAF(g1);                                               \
        leaf[(r + 2) * trees + t] = LEAF(g2);                                               \
        leaf[(r + 3) * trees + t] = LEAF(g3);                                               \
    } while (0)

/* ---- forest_predict ----------------------------------------------------------------------- */

static PyObject *forest_predict(PyObject *self, PyObject *args)
{
    Py_buffer x, feature, threshold, kids, value, roots, depths, out;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "y*ny*y*y*y*y*y*w*", &x, &width, &feature, &threshold, &kids,
                          &value, &roots, &depths, &out))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = width > 0 ? x.len / (Py_ssize_t)sizeof(double) / width : 0;
    Py_ssize_t trees = roots.len / (Py_ssize_t)sizeof(int);
    Py_ssize_t nodes = feature.len / (Py_ssize_t)sizeof(int);
    if (out.len < n * (Py_ssize_t)sizeof(double) || threshold.len != nodes * 8
        || kids.len != nodes * 8 || value.len != nodes * 8 || depths.len != roots.len) {
        PyErr_SetString(PyExc_ValueError, "forest_predict: buffer sizes do not match");
        goto done;
    }
    {
        const double *xs = x.buf, *thr = threshold.buf, *val = value.buf;
        const int *feat = feature.buf, *kid = kids.buf, *root = roots.buf, *deep = depths.buf;
        double *o = out.buf;
        double *leaf = PyMem_Malloc(sizeof(double) * (n * trees > 0 ? n * trees : 1));
        if (!leaf) { PyErr_NoMemory(); goto done; }
        /* Node g's children are kid[2g] (left) and kid[2g + 1]; a leaf's are itself, with a
         * threshold of +inf, so a row that has reached its leaf stays there. Every row steps
         * as many times as its tree is deep, choosing the child by arithmetic rather than a
         * branch (rows of one story take unpredictable paths: a mispredicted branch per step
         * cost three times the walk), four rows side by side so their chains of loads
         * overlap. NaN goes right. */
#define POINTER_STEP(g, xr) g = kid[2 * g + !((xr)[feat[g]] <= thr[g])]
        for (Py_ssize_t t = 0; t < trees; t++) {
            Py_ssize_t r = 0;
#define POINTER_LEAF(g) val[g]
            for (; r + 4 <= n; r += 4) WALK_FOUR(int, POINTER_STEP, root[t], deep[t], POINTER_LEAF);
#undef POINTER_LEAF
            for (; r < n; r++) {
                const double *x0 = xs + r * width;
                int g0 = root[t];
                for (int step = 0; step < deep[t]; step++) POINTER_STEP(g0, x0);
                leaf[r * trees + t] = val[g0];
            }
        }
#undef POINTER_STEP
        for (Py_ssize_t r = 0; r < n; r++) o[r] = pairwise_sum(leaf + r * trees, trees);
        PyMem_Free(leaf);
    }
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&x); PyBuffer_Release(&feature); PyBuffer_Release(&threshold);
    PyBuffer_Release(&kids); PyBuffer_Release(&value); PyBuffer_Release(&roots);
    PyBuffer_Release(&depths); PyBuffer_Release(&out);
    return result;
}

/* The same prediction with the forest laid out as perfect binary trees of one depth
 * (newsbrief.trees.heap_layout): every row takes exactly ``depth`` steps per tree, without a
 * branch on the outcome, and four rows of one tree are walked side by side, so their
 * independent loads overlap instead of each waiting on the one before. */
static PyObject *heap_predict(PyObject *self, PyObject *args)
{
    Py_buffer x, feature, threshold, value, out;
    Py_ssize_t width, trees, depth;
    if (!PyArg_ParseTuple(args, "y*ny*y*y*nnw*", &x, &width, &feature, &threshold, &value,
                          &trees, &depth, &out))
        return NULL;
    PyObject *result = NULL;
    double *leaf = NULL;
    Py_ssize_t n = width > 0 ? x.len / (Py_ssize_t)sizeof(double) / width : 0;
    Py_ssize_t splits = ((Py_ssize_t)1 << depth) - 1, leaves = (Py_ssize_t)1 << depth;
    int bytes = feature.len == trees * splits ? 1
                : feature.len == trees * splits * (Py_ssize_t)sizeof(Py_ssize_t) ? 8 : 0;
    if (depth < 1 || depth > 20 || !bytes
        || threshold.len != trees * splits * 8 || value.len != trees * leaves * 8
        || out.len < n * 8) {
        PyErr_SetString(PyExc_ValueError, "heap_predict: buffer sizes do not match");
        goto done;
    }
    const double *xs = x.buf, *thr_all = threshold.buf, *val = value.buf;
    leaf = PyMem_Malloc(sizeof(double) * (n * trees > 0 ? n * trees : 1));
    if (!leaf) { PyErr_NoMemory(); goto done; }
    /* Each feature index is checked where a row reads it, not all of them up front: a scan of
     * the whole feature array on every call read 100-200 KB that the walk itself never
     * touches (a row visits ``depth`` of a tree's 2^depth - 1 splits), cold in ``eval``. The
     * check is one unsigned compare per step, ORed together and tested once per tree. */
    size_t bad = 0;
    const size_t w = (size_t)width;
#define HEAP_STEP(g, xr)                                                                    \
    do {                                                                                    \
        size_t f_ = (size_t)feat[g];                                                        \
        bad |= f_ >= w;                                                                     \
        g = 2 * g + 2 - ((xr)[f_ < w ? f_ : 0] <= thr[g]);                                  \
    } while (0)
/* In ``eval`` the trees are cold (ROUGE runs between two stories' calls) and a step's loads
 * wait on the step before, so without help a tree's cache misses come one after another: the
 * tree HEAP_AHEAD on is prefetched while this one is walked (in ``eval``-like conditions, val
 * 0-1,499 in one process with ROUGE after each brief, the three forests went from about 130
 * to 85 us a story; docs/benchmarks.md, "Round 21"). */
#define HEAP_AHEAD 4
/* Prefetch trees [from, to) (those that exist): their splits' feature indices and thresholds
 * and their leaves. */
#define HEAP_PREFETCH(FT, from, to)                                                         \
    for (Py_ssize_t p_ = (from); p_ < (to) && p_ < trees; p_++) {                           \
        const char *pt_ = (const char *)(thr_all + p_ * splits);                            \
        const char *pv_ = (const char *)(val + p_ * leaves);                                \
        const char *pf_ = (const char *)((const FT *)feature.buf + p_ * splits);            \
        for (Py_ssize_t b_ = 0; b_ < splits * 8; b_ += 64) {                                \
            __builtin_prefetch(pt_ + b_); __builtin_prefetch(pv_ + b_);                     \
        }                                                                                   \
        for (Py_ssize_t b_ = 0; b_ < splits * (Py_ssize_t)sizeof(FT); b_ += 64)             \
            __builtin_prefetch(pf_ + b_);                                                   \
    }
#define HEAP_WALK(FT)                                                                       \
    HEAP_PREFETCH(FT, 0, HEAP_AHEAD);                                                       \
    for (Py_ssize_t t = 0; t < trees; t++) {                                                \
        const FT *feat = (const FT *)feature.buf + t * splits;                              \
        const double *thr = thr_all + t * splits;                                           \
        const double *tv = val + t * leaves - splits;                                       \
        Py_ssize_t r = 0;                                                                   \
        HEAP_PREFETCH(FT, t + HEAP_AHEAD, t + HEAP_AHEAD + 1);                              \
        for (; r + 4 <= n; r += 4) WALK_FOUR(Py_ssize_t, HEAP_STEP, 0, depth, HEAP_LEAF);   \
        for (; r < n; r++) {                                                                \
            const double *x0 = xs + r * width;                                              \
            Py_ssize_t g0 = 0;                                                              \
            for (Py_ssize_t level = 0; level < depth; level++) HEAP_STEP(g0, x0);           \
            leaf[r * trees + t] = tv[g0];                                                   \
        }                                                                                   \
        if (bad) {                                                                          \
            PyErr_SetString(PyExc_ValueError, "heap_predict: feature out of range");        \
            goto done;                                                                      \
        }                                                                                   \
    }
    /* Four rows at a time, their heap indices in registers: four independent chains of loads
     * per level, none waiting on a store. Left child 2g + 1, right 2g + 2; NaN goes right. */
#define HEAP_LEAF(g) tv[g]
    if (bytes == 1) {
        HEAP_WALK(uint8_t)
    } else {
        HEAP_WALK(Py_ssize_t)
    }
#undef HEAP_LEAF
#undef HEAP_WALK
#undef HEAP_AHEAD
#undef HEAP_PREFETCH
#undef HEAP_STEP
    double *o = out.buf;
    for (Py_ssize_t r = 0; r < n; r++) o[r] = pairwise_sum(leaf + r * trees, trees);
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(leaf);
    PyBuffer_Release(&x); PyBuffer_Release(&feature); PyBuffer_Release(&threshold);
    PyBuffer_Release(&value); PyBuffer_Release(&out);
    return result;
}

/* ---- sentence_features -------------------------------------------------------------------- */

/* Output column order of sentence_features' ``columns`` argument. */
enum { C_MEAN_IDF, C_CENTRALITY, C_ART_CENTRALITY, C_SUPPORT, C_SUPPORT_MAX, C_MAX_OTHER,
       C_MEAN_SIM, C_SIM_FIRST, C_ART_FIT, C_WORD_PROB, C_WORD_ARTICLES, C_KEYWORDS,
       C_PRIOR_MEAN, C_PRIOR_MAX, C_PRIOR_SUM, C_PRIOR_IMPORTANCE, C_COUNT };

static PyObject *sentence_features(PyObject *self, PyObject *args)
{
    PyObject *tokens_obj, *lengths_obj, *idf_obj, *prior_obj, *art_obj, *columns_obj;
    PyObject *rel_base_obj, *rel_rank_obj, *rel_gap_base_obj, *rel_gap_obj;
    Py_ssize_t V, n_art, keywords;
    Py_buffer cols_buf, vec_buf;
    if (!PyArg_ParseTuple(args, "OOnOOOnOOOOOnw*w*", &tokens_obj, &lengths_obj, &V, &idf_obj,
                          &prior_obj, &art_obj, &n_art, &columns_obj, &rel_base_obj,
                          &rel_rank_obj, &rel_gap_base_obj, &rel_gap_obj, &keywords,
                          &cols_buf, &vec_buf))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_tok = 0, n = 0, n_a = 0, n_cols = 0, n_base = 0, n_rank = 0, n_gb = 0, n_gap = 0;
    Py_ssize_t *tok = NULL, *len = NULL, *art = NULL, *col = NULL, *rel_base = NULL;
    Py_ssize_t *rel_rank = NULL, *gap_base = NULL, *gap_col = NULL, *ints = NULL;
    double *idf = NULL, *prior = NULL, *work = NULL;
    if (V < 1) V = 1;
    if (!(tok = as_indices(tokens_obj, &n_tok, "tokens"))) goto done;
    if (!(len = as_indices(lengths_obj, &n, "lengths"))) goto done;
    if (!(art = as_indices(art_obj, &n_a, "articles"))) goto done;
    if (!(col = as_indices(columns_obj, &n_cols, "columns"))) goto done;
    if (!(rel_base = as_indices(rel_base_obj, &n_base, "rel_base"))) goto done;
    if (!(rel_rank = as_indices(rel_rank_obj, &n_rank, "rel_rank"))) goto done;
    if (!(gap_base = as_indices(rel_gap_base_obj, &n_gb, "rel_gap_base"))) goto done;
    if (!(gap_col = as_indices(rel_gap_obj, &n_gap, "rel_gap"))) goto done;
    if (!(idf = as_doubles(idf_obj, -1, "idf"))) goto done;
    if (!(prior = as_doubles(prior_obj, -1, "prior"))) goto done;
    {
        Py_ssize_t total_tokens = 0;
        for (Py_ssize_t i = 0; i < n; i++) total_tokens += len[i];
        Py_ssize_t F = n ? cols_buf.len / (Py_ssize_t)sizeof(double) / n : 0;
        if (n_a != n || n_cols != C_COUNT || n_rank != n_base || n_gb != n_gap
            || total_tokens != n_tok || n_art < 1
            || vec_buf.len != n * V * (Py_ssize_t)sizeof(double) || F * n * 8 != cols_buf.len) {
            PyErr_SetString(PyExc_ValueError, "sentence_features: arguments do not match");
            goto done;
        }
        for (Py_ssize_t i = 0; i < n_tok; i++)
            if (tok[i] < 0 || tok[i] >= V) {
                PyErr_SetString(PyExc_ValueError, "sentence_features: token column out of range");
                goto done;
            }
        for (Py_ssize_t i = 0; i < n; i++)
            if (art[i] < 0 || art[i] >= n_art) {
                PyErr_SetString(PyExc_ValueError, "sentence_features: article out of range");
                goto done;
            }
        for (Py_ssize_t k = 0; k < n_cols; k++)
            if (col[k] < 0 || col[k] >= F) {
                PyErr_SetString(PyExc_ValueError, "sentence_features: column out of range");
                goto done;
            }
        if (n == 0) { result = Py_NewRef(Py_None); goto done; }

        /* Work space, one allocation: similarities (n x n); the story's and each article's
         * centroid and presence (V, A x V, A x V); per term: story count, article count,
         * sentence count, word probability, prior importance, whether a keyword (6V); per
         * sentence: terms, rank, one base column (3n); per article: fit, first sentence (2A);
         * the count of each distinct column of each sentence (at most one per token).
         * Integers: each sentence's first distinct column (n + 1), the distinct columns.
         * Nothing is sentences x vocabulary but the output ``vec``. */
        Py_ssize_t A = n_art;
        size_t cells = (size_t)(n * n + V + 2 * A * V + 6 * V + 3 * n + 2 * A + n_tok);
        work = PyMem_Calloc(cells, sizeof(double));
        ints = PyMem_Malloc(sizeof(Py_ssize_t) * (n + 1 + n_tok));
        if (!work || !ints) { PyErr_NoMemory(); goto done; }
        Py_ssize_t *nz_start = ints, *nz = nz_start + n + 1;
        double *sim = work, *centroid = sim + n * n;
        double *art_centroid = centroid + V, *art_present = art_centroid + A * V;
        double *story_counts = art_present + A * V, *art_count = story_counts + V;
        double *term_sentences = art_count + V, *story_weight = term_sentences + V;
        double *importance = story_weight + V, *is_top = importance + V, *n_terms = is_top + V;
        double *rank = n_terms + n, *base = rank + n;
        double *art_fit = base + n, *first = art_fit + A, *nzc = first + A;
        double *vec = vec_buf.buf, *cols = cols_buf.buf;
#define OUT(c, i) cols[col[c] * n + (i)]

        /* Each sentence's distinct columns in increasing order (``nz``) with their counts
         * (``nzc``): a sentence has a dozen of the story's hundred-odd terms, and skipping a
         * zero term adds nothing a dense loop in the same order would not (x + 0 = x). */
        Py_ssize_t at = 0, k_nz = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            nz_start[i] = k_nz;
            Py_ssize_t *run = nz + k_nz;
            memcpy(run, tok + at, sizeof(Py_ssize_t) * len[i]);
            at += len[i];
            qsort(run, (size_t)len[i], sizeof(Py_ssize_t), cmp_index);
            for (Py_ssize_t k = 0; k < len[i]; k++) {
                if (k_nz > nz_start[i] && nz[k_nz - 1] == run[k]) nzc[k_nz - 1] += 1.0;
                else { nz[k_nz] = run[k]; nzc[k_nz++] = 1.0; }
            }
        }
        nz_start[n] = k_nz;
        memset(vec, 0, sizeof(double) * n * V);
#define EACH_TERM(i, v) for (Py_ssize_t q_ = nz_start[i], v; \
                             q_ < nz_start[(i) + 1] && ((v = nz[q_]), 1); q_++)

        /* TF-IDF rows: (1 + log count) x idf, L2-normalised; presence; mean idf. */
        for (Py_ssize_t i = 0; i < n; i++) {
            double sq = 0.0, terms = 0.0, idf_sum = 0.0;
            EACH_TERM(i, v) {
                double c = nzc[q_];
                double tf = (1.0 + (c > 1.0 ? log(c) : 0.0)) * idf[v];  /* log(1) = +0 */
                vec[i * V + v] = tf;
                sq += tf * tf;
                terms += 1.0;
                idf_sum += idf[v];
            }
            double norm = sqrt(sq);
            if (norm == 0) norm = 1.0;
            EACH_TERM(i, v) vec[i * V + v] /= norm;
            n_terms[i] = terms;
            OUT(C_MEAN_IDF, i) = idf_sum / (terms > 1.0 ? terms : 1.0);
        }
        for (Py_ssize_t i = 0; i < n; i++)
            for (Py_ssize_t j = 0; j <= i; j++) {
                double s = 0.0;
                EACH_TERM(i, v) s += vec[i * V + v] * vec[j * V + v];
                sim[i * n + j] = sim[j * n + i] = s;
            }
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t a = art[i];
            EACH_TERM(i, v) {
                centroid[v] += vec[i * V + v];
                art_centroid[a * V + v] += vec[i * V + v];
                art_present[a * V + v] = 1.0;
                story_counts[v] += nzc[q_];
                term_sentences[v] += 1.0;
            }
        }
        double cn = 0.0, story_total = 0.0;
        for (Py_ssize_t v = 0; v < V; v++) {
            cn += centroid[v] * centroid[v];
            story_total += story_counts[v];
        }
        cn = sqrt(cn);
        /* Per term, once: the unit centroid, the word probability, the prior's weight by how
         * many sentences carry the term, and in how many articles it occurs. */
        for (Py_ssize_t v = 0; v < V; v++) {
            centroid[v] = cn > 0 ? centroid[v] / cn : 0.0;
            story_weight[v] = story_counts[v] / (story_total > 1.0 ? story_total : 1.0);
            importance[v] = prior[v] * log1p(term_sentences[v]);
        }
        for (Py_ssize_t a = 0; a < A; a++) {
            double sq = 0.0;
            for (Py_ssize_t v = 0; v < V; v++) sq += art_centroid[a * V + v] * art_centroid[a * V + v];
            double norm = sqrt(sq);
            if (norm < 1e-12) norm = 1e-12;
            double fit = 0.0;
            for (Py_ssize_t v = 0; v < V; v++) {
                art_centroid[a * V + v] /= norm;
                fit += art_centroid[a * V + v] * centroid[v];
                art_count[v] += art_present[a * V + v];
            }
            art_fit[a] = fit;
            first[a] = -1;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            if (first[art[i]] < 0) first[art[i]] = (double)i;

        /* The story's top KEYWORDS terms by count x idf (ties: the earlier column). */
        Py_ssize_t *top = PyMem_Malloc(sizeof(Py_ssize_t) * (keywords > 0 ? keywords : 1));
        if (!top) { PyErr_NoMemory(); goto done; }
        Py_ssize_t n_top = 0;
#define W(v) (story_counts[v] * idf[v])
        for (Py_ssize_t v = 0; v < V; v++) {
            double w = W(v);
            if (n_top == keywords) {
                if (keywords == 0 || w <= W(top[keywords - 1])) continue;
                n_top--;
            }
            Py_ssize_t j = n_top++;
            while (j > 0 && W(top[j - 1]) < w) { top[j] = top[j - 1]; j--; }
            top[j] = v;
        }
#undef W
        for (Py_ssize_t k = 0; k < n_top; k++) is_top[top[k]] = 1.0;

        double denom_other = (double)(A > 1 ? A - 1 : 1);
        double mean_div = (double)(n > 1 ? n - 1 : 1);
        for (Py_ssize_t i = 0; i < n; i++) {
            const double *vi = vec + i * V;
            Py_ssize_t a = art[i];
            double safe = n_terms[i] > 1.0 ? n_terms[i] : 1.0;
            double cent = 0.0, acent = 0.0, wp = 0.0, wa = 0.0, psum = 0.0, pmax = 0.0, pimp = 0.0;
            EACH_TERM(i, v) {
                cent += vi[v] * centroid[v];
                acent += vi[v] * art_centroid[a * V + v];
                wp += story_weight[v];
                wa += art_count[v];
                psum += prior[v];
                if (prior[v] > pmax) pmax = prior[v];
                pimp += importance[v];
            }
            OUT(C_CENTRALITY, i) = cent;
            OUT(C_ART_CENTRALITY, i) = acent;
            OUT(C_ART_FIT, i) = cn > 0 ? art_fit[a] : 0.0;
            OUT(C_WORD_PROB, i) = wp / safe;
            OUT(C_WORD_ARTICLES, i) = wa / safe / (double)A;
            OUT(C_PRIOR_SUM, i) = psum;
            OUT(C_PRIOR_MEAN, i) = psum / safe;
            OUT(C_PRIOR_MAX, i) = pmax;
            OUT(C_PRIOR_IMPORTANCE, i) = pimp / safe;
            double kw = 0.0;
            EACH_TERM(i, v) kw += is_top[v];
            OUT(C_KEYWORDS, i) = kw;
            /* Support: the share of the sentence's terms each other article has. */
            double sup = 0.0, sup_max = 0.0, other = -1.0, row_sum = 0.0;
            if (A > 1) {
                for (Py_ssize_t b = 0; b < A; b++) {
                    if (b == a) continue;
                    double shared = 0.0;
                    EACH_TERM(i, v) shared += art_present[b * V + v];
                    shared /= safe;
                    sup += shared;
                    if (shared > sup_max) sup_max = shared;
                }
                sup /= denom_other;
                for (Py_ssize_t j = 0; j < n; j++)
                    if (art[j] != a && sim[i * n + j] > other) other = sim[i * n + j];
                if (other < 0.0) other = 0.0;
            }
            else other = 0.0;
            for (Py_ssize_t j = 0; j < n; j++) row_sum += sim[i * n + j];
            OUT(C_SUPPORT, i) = sup;
            OUT(C_SUPPORT_MAX, i) = sup_max;
            OUT(C_MAX_OTHER, i) = other;
            OUT(C_MEAN_SIM, i) = (row_sum - 1.0) / mean_div;
            OUT(C_SIM_FIRST, i) = sim[i * n + (Py_ssize_t)first[a]];
        }
        PyMem_Free(top);
#undef EACH_TERM

        /* Story-relative: percentile rank (largest first, stable) and gap to the best. */
        for (Py_ssize_t k = 0; k < n_base; k++) {
            for (Py_ssize_t i = 0; i < n; i++) base[i] = cols[rel_base[k] * n + i];
            if (ranks(base, n, 1, rank, mean_div) < 0) goto done;
            for (Py_ssize_t i = 0; i < n; i++) cols[rel_rank[k] * n + i] = rank[i];
        }
        for (Py_ssize_t k = 0; k < n_gap; k++) {
            double best = -INFINITY;
            for (Py_ssize_t i = 0; i < n; i++)
                if (cols[gap_base[k] * n + i] > best) best = cols[gap_base[k] * n + i];
            for (Py_ssize_t i = 0; i < n; i++)
                cols[gap_col[k] * n + i] = best - cols[gap_base[k] * n + i];
        }
#undef OUT
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(tok); PyMem_Free(len); PyMem_Free(art); PyMem_Free(col);
    PyMem_Free(rel_base); PyMem_Free(rel_rank); PyMem_Free(gap_base); PyMem_Free(gap_col);
    PyMem_Free(idf); PyMem_Free(prior); PyMem_Free(work); PyMem_Free(ints);
    PyBuffer_Release(&cols_buf); PyBuffer_Release(&vec_buf);
    return result;
}

/* ---- article_features --------------------------------------------------------------------- */

/* The story-level columns of newsbrief.screen.ARTICLE_FEATURES (0 to 7) from each article's
 * term counts: log length, articles, topic ratio, mean and max similarity to the others,
 * similarity to the rest of the story, rank of the topic ratio and its gap to the best. The
 * TF-IDF rows and everything computed from them are float32, as in the numpy version. */
static PyObject *article_features(PyObject *self, PyObject *args)
{
    PyObject *columns_obj, *counts_obj, *sizes_obj, *tokens_obj, *idf_obj;
    PyObject *surface_obj = Py_None;
    Py_ssize_t V;
    Py_buffer rows_buf;
    if (!PyArg_ParseTuple(args, "OOOOnOw*|O", &columns_obj, &counts_obj, &sizes_obj,
                          &tokens_obj, &V, &idf_obj, &rows_buf, &surface_obj))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_cells = 0, n = 0;
    Py_ssize_t *column = NULL, *size = NULL;
    double *count = NULL, *tokens = NULL, *idf = NULL, *dwork = NULL, *surface = NULL;
    float *work = NULL;
    if (!(column = as_indices(columns_obj, &n_cells, "columns"))) goto done;
    if (!(size = as_indices(sizes_obj, &n, "sizes"))) goto done;
    if (!(count = as_doubles(counts_obj, n_cells, "counts"))) goto done;
    if (!(tokens = as_doubles(tokens_obj, n, "tokens"))) goto done;
    if (V < 1) V = 1;
    if (!(idf = as_doubles(idf_obj, -1, "idf"))) goto done;
    /* Columns 8-14, computed by the caller, row after row: copied here rather than assigned
     * through numpy, whose conversion of nested Python sequences costs more than this call. */
    if (surface_obj != Py_None && !(surface = as_doubles(surface_obj, n * 7, "surface")))
        goto done;
    {
        const Py_ssize_t F = 15;
        Py_ssize_t total = 0;
        for (Py_ssize_t i = 0; i < n; i++) total += size[i];
        if (total != n_cells || rows_buf.len != n * F * (Py_ssize_t)sizeof(double)) {
            PyErr_SetString(PyExc_ValueError, "article_features: arguments do not match");
            goto done;
        }
        for (Py_ssize_t k = 0; k < n_cells; k++)
            if (column[k] < 0 || column[k] >= V) {
                PyErr_SetString(PyExc_ValueError, "article_features: column out of range");
                goto done;
            }
        if (n == 0) { result = Py_NewRef(Py_None); goto done; }
        /* float32: m (n x V), rest row, column totals, squares (3V), sim and a copy (2 n x n),
         * one row of sim (n). float64: a TF row and its squares (2V), ratios and their ranks
         * (2n). */
        work = PyMem_Calloc((size_t)(n * V + 3 * V + 2 * n * n + n), sizeof(float));
        dwork = PyMem_Calloc((size_t)(2 * V + 2 * n), sizeof(double));
        if (!work || !dwork) { PyErr_NoMemory(); goto done; }
        float *m = work, *rest = m + n * V, *colsum = rest + V, *sq = colsum + V, *sim = sq + V;
        float *offdiag = sim + n * n, *sim_row = offdiag + n * n;
        double *tf = dwork, *sqd = tf + V, *ratios = sqd + V, *ratio_rank = ratios + n;
        double *rows = rows_buf.buf;
        int any_term = n_cells > 0;

        /* TF-IDF rows: (1 + log count) x idf / L2 norm in float64, stored as float32. The
         * norm is numpy's pairwise float64 sum over the squares (zeros included). */
        Py_ssize_t at = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            memset(tf, 0, sizeof(double) * V);
            for (Py_ssize_t k = 0; k < size[i]; k++, at++) {
                double c = count[at];
                if (c > 0) tf[column[at]] = (1.0 + (c > 1.0 ? log(c) : 0.0)) * idf[column[at]];
            }
            for (Py_ssize_t v = 0; v < V; v++) sqd[v] = tf[v] * tf[v];
            double norm = sqrt(pairwise_sum(sqd, V));
            if (norm == 0) norm = 1.0;
            for (Py_ssize_t v = 0; v < V; v++) m[i * V + v] = any_term ? (float)(tf[v] / norm) : 0.f;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            for (Py_ssize_t j = 0; j <= i; j++) {
                float s = 0.f;
                for (Py_ssize_t v = 0; v < V; v++) s += m[i * V + v] * m[j * V + v];
                sim[i * n + j] = sim[j * n + i] = s;
            }
        for (Py_ssize_t i = 0; i < n; i++)  /* column sums, rows in order (numpy's axis-0 sum) */
            for (Py_ssize_t v = 0; v < V; v++) colsum[v] += m[i * V + v];

        /* Topic ratio: mean similarity to the others over the others' mean among themselves. */
        if (n < 3) {
            for (Py_ssize_t i = 0; i < n; i++) ratios[i] = 1.0;
        }
        else {
            memcpy(offdiag, sim, sizeof(float) * n * n);
            for (Py_ssize_t i = 0; i < n; i++) offdiag[i * n + i] = 0.f;
            float total_sim = pairwise_sum_f(offdiag, n * n) / 2.f;
            double pairs_rest = (double)((n - 1) * (n - 2)) / 2.0;
            for (Py_ssize_t i = 0; i < n; i++) {
                float own = pairwise_sum_f(offdiag + i * n, n);
                float mean_rest = (float)((total_sim - own) / (float)pairs_rest);
                ratios[i] = mean_rest > 0 ? (double)(own / (float)(n - 1) / mean_rest) : 1.0;
            }
        }
        double best = -INFINITY;
        for (Py_ssize_t i = 0; i < n; i++)
            if (ratios[i] > best) best = ratios[i];
        /* Rank of the ratio, smallest first (ties in index order). */
        if (ranks(ratios, n, 0, ratio_rank, (double)(n > 1 ? n - 1 : 1)) < 0) goto done;
        for (Py_ssize_t i = 0; i < n; i++) {
            double *row = rows + i * F;
            row[0] = log1p(tokens[i]);
            row[1] = (double)n;
            row[2] = ratios[i];
            if (n > 1) {
                float s = 0.f, best_sim = 0.f;
                for (Py_ssize_t j = 0; j < n; j++) {
                    float x = j == i ? 0.f : sim[i * n + j];
                    if (x > best_sim) best_sim = x;
                }
                for (Py_ssize_t j = 0; j < n; j++) sim_row[j] = j == i ? 0.f : sim[i * n + j];
                s = pairwise_sum_f(sim_row, n);
                row[3] = (double)(s / (float)(n - 1));
                row[4] = (double)best_sim;
            }
            /* Similarity to the rest of the story (every other article's rows summed). */
            float dot = 0.f;
            for (Py_ssize_t v = 0; v < V; v++) {
                rest[v] = colsum[v] - m[i * V + v];
                sq[v] = rest[v] * rest[v];
                dot += m[i * V + v] * rest[v];
            }
            float rest_norm = sqrtf(pairwise_sum_f(sq, V));
            row[5] = rest_norm > 0 ? (double)(dot / rest_norm) : 0.0;
            row[6] = ratio_rank[i];
            row[7] = best - ratios[i];
            if (surface) memcpy(row + 8, surface + i * 7, 7 * sizeof(double));
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(column); PyMem_Free(size); PyMem_Free(count); PyMem_Free(tokens);
    PyMem_Free(idf); PyMem_Free(work); PyMem_Free(dwork); PyMem_Free(surface);
    PyBuffer_Release(&rows_buf);
    return result;
}

/* Words to small integer ids, by equality (as a Python dict would tell them apart), in an
 * open-addressing table on the strings' own cached hashes: no Python objects are made. */
typedef struct { Py_hash_t hash; PyObject *key; Py_ssize_t id; } Slot;
typedef struct { Slot *slots; Py_ssize_t mask, size; } WordIds;

static int word_ids_init(WordIds *t, Py_ssize_t expect)
{
    Py_ssize_t cap = 16;
    while (cap < 2 * expect + 2) cap <<= 1;
    t->slots = PyMem_Calloc((size_t)cap, sizeof(Slot));
    t->mask = cap - 1;
    t->size = 0;
    if (!t->slots) { PyErr_NoMemory(); return -1; }
    return 0;
}

/* The id of ``w`` (a new one if unseen); -1 with an exception set on error. The table never
 * fills: it is sized for every token of the call. */
static Py_ssize_t word_id(WordIds *t, PyObject *w)
{
    Py_hash_t h = PyObject_Hash(w);
    if (h == -1) return -1;
    for (Py_ssize_t i = (Py_ssize_t)((size_t)h & (size_t)t->mask);; i = (i + 1) & t->mask) {
        Slot *s = &t->slots[i];
        if (!s->key) { s->hash = h; s->key = w; s->id = t->size++; return s->id; }
        if (s->hash == h) {
            if (s->key == w) return s->id;
            int eq = PyObject_RichCompareBool(s->key, w, Py_EQ);
            if (eq < 0) return -1;
            if (eq) return s->id;
        }
    }
}

/* ---- term_table --------------------------------------------------------------------------- */

/* Up to two dicts of term -> number (the idf table and the term prior) packed as one
 * open-addressing table of 64-byte slots, each holding the key's hash, its UTF-8 bytes (up to
 * TERM_INLINE of them; a longer key's live in ``blob``) and its value in every table. A look-up
 * of a term then reads one cache line, where a look-up in a big dict reads three (the index,
 * the entry, the key's characters) and, once other work has run between two stories, misses
 * the CPU cache on each. Two str are equal exactly when their UTF-8 bytes are, so a look-up
 * finds what the dicts would. The dicts are read once: they must not change afterwards. */
#define TERM_TABLES 2
#define TERM_INLINE 31
typedef struct {
    Py_hash_t hash;
    unsigned int len, off;  /* UTF-8 length; where a long key starts in blob */
    double value[TERM_TABLES];
    unsigned char has;  /* bit t: the key is in table t; 0: an empty slot */
    char key[TERM_INLINE];
} TermSlot;
_Static_assert(sizeof(TermSlot) == 64, "a slot is one cache line");
typedef struct {
    TermSlot *slots;
    void *memory;  /* what was allocated, before aligning slots to 64 bytes */
    char *blob;
    Py_ssize_t mask, tables;
} TermTable;

#define TERM_TABLE_CAPSULE "newsbrief._kernels.TermTable"

static void term_table_free(PyObject *capsule)
{
    TermTable *t = PyCapsule_GetPointer(capsule, TERM_TABLE_CAPSULE);
    if (!t) return;
    PyMem_Free(t->memory); PyMem_Free(t->blob); PyMem_Free(t);
}

/* The slot of ``w`` (a str), or NULL when no table has it or on error (then with an exception
 * set: check PyErr_Occurred). A str that UTF-8 cannot encode (a lone surrogate) equals no key,
 * since every key was encoded when the table was made. */
static const TermSlot *term_find(const TermTable *t, PyObject *w)
{
    Py_hash_t h = PyObject_Hash(w);
    if (h == -1) return NULL;
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(w, &n);
    if (!u) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) PyErr_Clear();
        return NULL;
    }
    for (Py_ssize_t i = (Py_ssize_t)((size_t)h & (size_t)t->mask);; i = (i + 1) & t->mask) {
        const TermSlot *s = &t->slots[i];
        if (!s->has) return NULL;
        if (s->hash == h && s->len == (unsigned int)n
            && memcmp(n <= TERM_INLINE ? s->key : t->blob + s->off, u, (size_t)n) == 0)
            return s;
    }
}

/* term_table(tables): a capsule holding ``tables`` (a tuple of one or two dicts with exact str
 * keys and number values) packed for index_terms. */
static PyObject *term_table(PyObject *self, PyObject *args)
{
    PyObject *tables;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &tables)) return NULL;
    Py_ssize_t n_tables = PyTuple_GET_SIZE(tables), total = 0, blob_size = 0;
    if (n_tables < 1 || n_tables > TERM_TABLES) {
        PyErr_SetString(PyExc_ValueError, "term_table: one or two tables");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n_tables; k++) {
        PyObject *d = PyTuple_GET_ITEM(tables, k), *key, *value;
        if (!PyDict_Check(d)) {
            PyErr_SetString(PyExc_TypeError, "term_table: tables must be dicts");
            return NULL;
        }
        Py_ssize_t pos = 0;
        while (PyDict_Next(d, &pos, &key, &value)) {
            Py_ssize_t len;
            if (!PyUnicode_CheckExact(key)) {
                PyErr_SetString(PyExc_TypeError, "term_table: keys must be str");
                return NULL;
            }
            if (!PyUnicode_AsUTF8AndSize(key, &len)) return NULL;
            /* A key of an earlier table has its slot already: count the union. */
            int seen = 0;
            for (Py_ssize_t j = 0; j < k && !seen; j++) {
                seen = PyDict_Contains(PyTuple_GET_ITEM(tables, j), key);
                if (seen < 0) return NULL;
            }
            if (seen) continue;
            if (len > TERM_INLINE) blob_size += len;
            total++;
        }
    }
    if (blob_size > (Py_ssize_t)UINT_MAX) {
        PyErr_SetString(PyExc_ValueError, "term_table: keys too long");
        return NULL;
    }
    TermTable *t = PyMem_Calloc(1, sizeof *t);
    if (!t) return PyErr_NoMemory();
    Py_ssize_t cap = 16;
    while (cap * 3 < total * 5) cap <<= 1;  /* at most 60% full */
    t->memory = PyMem_Calloc((size_t)cap + 1, sizeof(TermSlot));
    t->blob = PyMem_Malloc((size_t)(blob_size ? blob_size : 1));
    if (!t->memory || !t->blob) {
        PyMem_Free(t->memory); PyMem_Free(t->blob); PyMem_Free(t);
        return PyErr_NoMemory();
    }
    t->slots = (TermSlot *)(((uintptr_t)t->memory + 63) & ~(uintptr_t)63);
    t->mask = cap - 1;
    t->tables = n_tables;
    Py_ssize_t used = 0;
    for (Py_ssize_t k = 0; k < n_tables; k++) {
        PyObject *d = PyTuple_GET_ITEM(tables, k), *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(d, &pos, &key, &value)) {
            double v = PyFloat_AsDouble(value);
            if (v == -1.0 && PyErr_Occurred()) goto fail;
            TermSlot *s = (TermSlot *)term_find(t, key);
            if (!s) {
                if (PyErr_Occurred()) goto fail;
                Py_ssize_t len;
                const char *u = PyUnicode_AsUTF8AndSize(key, &len);
                Py_ssize_t i = (Py_ssize_t)((size_t)PyObject_Hash(key) & (size_t)t->mask);
                while (t->slots[i].has) i = (i + 1) & t->mask;
                s = &t->slots[i];
                s->hash = PyObject_Hash(key);
                s->len = (unsigned int)len;
                if (len <= TERM_INLINE) memcpy(s->key, u, (size_t)len);
                else {
                    s->off = (unsigned int)used;
                    memcpy(t->blob + used, u, (size_t)len);
                    used += len;
                }
            }
            s->value[k] = v;
            s->has |= (unsigned char)(1u << k);
        }
    }
    PyObject *capsule = PyCapsule_New(t, TERM_TABLE_CAPSULE, term_table_free);
    if (capsule) return capsule;
fail:
    PyMem_Free(t->memory); PyMem_Free(t->blob); PyMem_Free(t);
    return NULL;
}

/* ---- index_terms -------------------------------------------------------------------------- */

/* A story's term vocabulary in one pass, as score.features and screen._features built it with
 * dict.fromkeys, zip and map: ``groups`` is a list of term sequences (or of dicts term ->
 * count, whose keys are the terms). Returns (ids, lengths, weights, counts): every term's id
 * (in order of first appearance), each group's length, for each table in ``tables`` the
 * values of the vocabulary's terms in id order (a dict's own objects, or floats of the same
 * values from a term_table; ``defaults[t]`` for a term a table lacks, as dict.get), and the
 * dicts' counts (None for sequences). With ``counted``, a sequence group is read as
 * collections.Counter(group) would be: each term once, in order of first appearance, with its
 * count. */
static PyObject *index_terms(PyObject *self, PyObject *args)
{
    PyObject *groups, *tables, *defaults;
    int counted = 0;
    if (!PyArg_ParseTuple(args, "O!OO!|p", &PyList_Type, &groups, &tables, &PyTuple_Type,
                          &defaults, &counted))
        return NULL;
    const TermTable *packed = NULL;
    Py_ssize_t n = PyList_GET_SIZE(groups), n_tables, total = 0;
    if (PyCapsule_CheckExact(tables)) {
        if (!(packed = PyCapsule_GetPointer(tables, TERM_TABLE_CAPSULE))) return NULL;
        n_tables = packed->tables;
    }
    else if (PyTuple_Check(tables)) {
        n_tables = PyTuple_GET_SIZE(tables);
        for (Py_ssize_t t = 0; t < n_tables; t++)
            if (!PyDict_Check(PyTuple_GET_ITEM(tables, t))) {
                PyErr_SetString(PyExc_TypeError, "index_terms: tables must be dicts");
                return NULL;
            }
    }
    else {
        PyErr_SetString(PyExc_TypeError, "index_terms: tables: a tuple of dicts or a term_table");
        return NULL;
    }
    if (PyTuple_GET_SIZE(defaults) != n_tables) {
        PyErr_SetString(PyExc_ValueError, "index_terms: one default per table");
        return NULL;
    }
    int dicts = n > 0 && PyDict_Check(PyList_GET_ITEM(groups, 0));
    for (Py_ssize_t g = 0; g < n; g++) {
        PyObject *grp = PyList_GET_ITEM(groups, g);
        if (dicts ? !PyDict_Check(grp) : !(PyTuple_Check(grp) || PyList_Check(grp))) {
            PyErr_SetString(PyExc_TypeError,
                            "index_terms: groups must be all dicts or all tuples / lists");
            return NULL;
        }
        total += dicts ? PyDict_GET_SIZE(grp) : PySequence_Fast_GET_SIZE(grp);
    }
    counted = counted && !dicts;  /* a dict group is counted already */
    WordIds vocab = {NULL, 0, 0};
    PyObject **keys = NULL, *ids = NULL, *lengths = NULL, *counts = NULL, *weights = NULL;
    PyObject *result = NULL;
    /* The ids in output order; when counting, per vocabulary id the last group it was seen
     * in (plus one) and its place in the output, and per place its count. */
    Py_ssize_t *idv = NULL, *group_of = NULL, *place = NULL, *tally = NULL;
    if (word_ids_init(&vocab, total) < 0) goto done;
    size_t room = (size_t)(total ? total : 1);
    keys = PyMem_Malloc(sizeof(PyObject *) * room);
    idv = PyMem_Malloc(sizeof(Py_ssize_t) * room);
    if (!keys || !idv) { PyErr_NoMemory(); goto done; }
    if (counted) {
        group_of = PyMem_Calloc(room, sizeof(Py_ssize_t));
        place = PyMem_Malloc(sizeof(Py_ssize_t) * room);
        tally = PyMem_Malloc(sizeof(Py_ssize_t) * room);
        if (!group_of || !place || !tally) { PyErr_NoMemory(); goto done; }
    }
    if (!(lengths = PyList_New(n))) goto done;
    if (dicts && !(counts = PyList_New(total))) goto done;
    Py_ssize_t at = 0;
    for (Py_ssize_t g = 0; g < n; g++) {
        PyObject *grp = PyList_GET_ITEM(groups, g), *key, *value;
        Py_ssize_t pos = 0, k = 0, kept = 0;
        Py_ssize_t len = dicts ? PyDict_GET_SIZE(grp) : PySequence_Fast_GET_SIZE(grp);
        for (; dicts ? PyDict_Next(grp, &pos, &key, &value) : k < len; k++) {
            if (!dicts) key = PySequence_Fast_GET_ITEM(grp, k);
            Py_ssize_t before = vocab.size, id = word_id(&vocab, key);
            if (id < 0) goto done;
            if (vocab.size > before) keys[id] = key;
            if (counted) {
                if (group_of[id] == g + 1) { tally[place[id]]++; continue; }
                group_of[id] = g + 1;
                place[id] = at;
                tally[at] = 1;
            }
            if (dicts) PyList_SET_ITEM(counts, at, Py_NewRef(value));
            idv[at++] = id;
            kept++;
        }
        PyObject *l = PyLong_FromSsize_t(kept);
        if (!l) goto done;
        PyList_SET_ITEM(lengths, g, l);
    }
    if (!(ids = PyList_New(at)) || (counted && !(counts = PyList_New(at)))) goto done;
    for (Py_ssize_t q = 0; q < at; q++) {
        PyObject *v = PyLong_FromSsize_t(idv[q]);
        if (!v) goto done;
        PyList_SET_ITEM(ids, q, v);
        if (counted) {
            if (!(v = PyLong_FromSsize_t(tally[q]))) goto done;
            PyList_SET_ITEM(counts, q, v);
        }
    }
    if (!(weights = PyTuple_New(n_tables))) goto done;
    for (Py_ssize_t t = 0; t < n_tables; t++) {
        PyObject *col = PyList_New(vocab.size);
        if (!col) goto done;
        PyTuple_SET_ITEM(weights, t, col);
    }
    /* The packed slots are out of the CPU cache once other work has run between two stories:
     * ask for every term's first slot before reading any, so their misses overlap instead of
     * each look-up waiting on its own (a str caches its hash: no rehashing here). */
    if (packed)
        for (Py_ssize_t v = 0; v < vocab.size; v++) {
            Py_hash_t h = PyObject_Hash(keys[v]);
            if (h != -1) __builtin_prefetch(&packed->slots[(size_t)h & (size_t)packed->mask]);
            else PyErr_Clear();  /* term_find reports it below */
        }
    for (Py_ssize_t v = 0; v < vocab.size; v++) {
        /* One look-up per term for every table: the packed slot, or each dict. */
        const TermSlot *slot = packed ? term_find(packed, keys[v]) : NULL;
        if (packed && !slot && PyErr_Occurred()) goto done;
        for (Py_ssize_t t = 0; t < n_tables; t++) {
            PyObject *dflt = PyTuple_GET_ITEM(defaults, t), *w;
            if (packed)
                w = slot && (slot->has >> t & 1) ? PyFloat_FromDouble(slot->value[t])
                                                 : Py_NewRef(dflt);
            else {
                w = PyDict_GetItemWithError(PyTuple_GET_ITEM(tables, t), keys[v]);
                if (!w && PyErr_Occurred()) goto done;
                w = Py_NewRef(w ? w : dflt);
            }
            if (!w) goto done;
            PyList_SET_ITEM(PyTuple_GET_ITEM(weights, t), v, w);
        }
    }
    result = PyTuple_Pack(4, ids, lengths, weights, counts ? counts : Py_None);
done:
    Py_XDECREF(ids); Py_XDECREF(lengths); Py_XDECREF(counts); Py_XDECREF(weights);
    PyMem_Free(keys); PyMem_Free(vocab.slots);
    PyMem_Free(idv); PyMem_Free(group_of); PyMem_Free(place); PyMem_Free(tally);
    return result;
}

/* ---- pair_support ------------------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

/* Sort in place: quicksort on a median of three with the comparisons inline (qsort's call
 * through a function pointer per comparison was most of the cost on a story's few hundred
 * keys), insertion sort for short runs, and qsort itself past a depth limit, so no input
 * takes quadratic time. */
static void sort_u64(unsigned long long *a, Py_ssize_t n, int depth)
{
    while (n > 16) {
        if (depth-- <= 0) { qsort(a, (size_t)n, sizeof *a, cmp_u64); return; }
        unsigned long long x = a[0], y = a[n / 2], z = a[n - 1], t;
        unsigned long long pivot = x < y ? (y < z ? y : (x < z ? z : x))
                                         : (x < z ? x : (y < z ? z : y));
        Py_ssize_t i = -1, j = n;
        for (;;) {  /* Hoare's partition: a[0..j] <= pivot <= a[j+1..n-1], both non-empty */
            do i++; while (a[i] < pivot);
            do j--; while (a[j] > pivot);
            if (i >= j) break;
            t = a[i]; a[i] = a[j]; a[j] = t;
        }
        sort_u64(a, j + 1, depth);
        a += j + 1;
        n -= j + 1;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        unsigned long long v = a[i];
        Py_ssize_t j = i;
        for (; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Sort and drop repeats; returns the new length. */
static Py_ssize_t sort_unique(unsigned long long *a, Py_ssize_t n)
{
    if (n < 2) return n;
    sort_u64(a, n, 64);
    Py_ssize_t k = 1;
    for (Py_ssize_t i = 1; i < n; i++)
        if (a[i] != a[k - 1]) a[k++] = a[i];
    return k;
}

static Py_ssize_t count_common(const unsigned long long *a, Py_ssize_t na,
                               const unsigned long long *b, Py_ssize_t nb)
{
    Py_ssize_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else { c++; i++; j++; }
    }
    return c;
}

/* newsbrief.score._pair_support: for each sentence (a sequence of words), the mean and the max
 * over the *other* articles of the share of its distinct consecutive word pairs that article
 * also has. Words are told apart by equality, as the Python sets of pairs do; the shares, their
 * sum in article order and the max are the same floating-point operations as Python 3.11's. */
static PyObject *pair_support(PyObject *self, PyObject *args)
{
    PyObject *sentences, *articles_obj;
    Py_ssize_t n_art;
    if (!PyArg_ParseTuple(args, "OOn", &sentences, &articles_obj, &n_art)) return NULL;
    PyObject *result = NULL, *fast = NULL, *mean = NULL, *most = NULL;
    WordIds ids = {NULL, 0, 0};
    Py_ssize_t n = 0, n_a = 0, total = 0;
    Py_ssize_t *art = NULL, *start = NULL, *art_start = NULL;
    unsigned long long *keys = NULL, *art_keys = NULL;
    if (!(art = as_indices(articles_obj, &n_a, "articles"))) goto done;
    if (!(fast = PySequence_Fast(sentences, "sentences"))) goto done;
    n = PySequence_Fast_GET_SIZE(fast);
    if (n != n_a || n_art < 0) {
        PyErr_SetString(PyExc_ValueError, "pair_support: arguments do not match");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (art[i] < 0 || art[i] >= n_art) {
            PyErr_SetString(PyExc_ValueError, "pair_support: article out of range");
            goto done;
        }
    if (!(mean = PyList_New(n)) || !(most = PyList_New(n))) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyList_SET_ITEM(mean, i, PyFloat_FromDouble(0.0));
        PyList_SET_ITEM(most, i, PyFloat_FromDouble(0.0));
    }
    if (n_art < 2) { result = Py_BuildValue("OO", mean, most); goto done; }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len = PyObject_Length(PySequence_Fast_GET_ITEM(fast, i));
        if (len < 0) goto done;
        total += len > 1 ? len - 1 : 0;
    }
    if (word_ids_init(&ids, total + n) < 0) goto done;
    keys = PyMem_Malloc(sizeof *keys * (total ? total : 1));
    art_keys = PyMem_Malloc(sizeof *art_keys * (total ? total : 1));
    start = PyMem_Malloc(sizeof *start * (n + 1));
    art_start = PyMem_Calloc((size_t)n_art + 1, sizeof *art_start);
    if (!keys || !art_keys || !start || !art_start) { PyErr_NoMemory(); goto done; }
    /* Each sentence's pairs as (id of first word) << 32 | (id of second), sorted, unique. */
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *words = PySequence_Fast(PySequence_Fast_GET_ITEM(fast, i), "words");
        if (!words) goto done;
        Py_ssize_t len = PySequence_Fast_GET_SIZE(words), prev = -1;
        start[i] = at;
        for (Py_ssize_t k = 0; k < len; k++) {
            Py_ssize_t wid = word_id(&ids, PySequence_Fast_GET_ITEM(words, k));
            if (wid < 0) { Py_DECREF(words); goto done; }
            if (k > 0) keys[at++] = ((unsigned long long)prev << 32) | (unsigned long long)wid;
            prev = wid;
        }
        Py_DECREF(words);
        at = start[i] + sort_unique(keys + start[i], at - start[i]);
    }
    start[n] = at;
    /* Each article's pairs: its sentences' pairs, sorted, unique. */
    Py_ssize_t art_at = 0;
    for (Py_ssize_t a = 0; a < n_art; a++) {
        art_start[a] = art_at;
        for (Py_ssize_t i = 0; i < n; i++)
            if (art[i] == a)
                for (Py_ssize_t q = start[i]; q < start[i + 1]; q++) art_keys[art_at++] = keys[q];
        art_at = art_start[a] + sort_unique(art_keys + art_start[a], art_at - art_start[a]);
    }
    art_start[n_art] = art_at;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t np_ = start[i + 1] - start[i];
        if (np_ == 0) continue;
        double sum = 0.0, best = 0.0;
        int first = 1;
        for (Py_ssize_t a = 0; a < n_art; a++) {
            if (a == art[i]) continue;
            double share = (double)count_common(keys + start[i], np_, art_keys + art_start[a],
                                                art_start[a + 1] - art_start[a]) / (double)np_;
            sum += share;
            if (first || share > best) best = share;
            first = 0;
        }
        PyObject *m = PyFloat_FromDouble(sum / (double)(n_art - 1));
        PyObject *b = PyFloat_FromDouble(best);
        if (!m || !b) { Py_XDECREF(m); Py_XDECREF(b); goto done; }
        PyList_SetItem(mean, i, m);
        PyList_SetItem(most, i, b);
    }
    result = Py_BuildValue("OO", mean, most);
done:
    PyMem_Free(ids.slots); Py_XDECREF(fast); Py_XDECREF(mean); Py_XDECREF(most);
    PyMem_Free(art); PyMem_Free(start); PyMem_Free(art_start);
    PyMem_Free(keys); PyMem_Free(art_keys);
    return result;
}

/* ---- term_counts -------------------------------------------------------------------------- */

/* How a word gets its content term (text._term): ``stop`` (text.STOPWORDS) and ``suffixes``
 * (text._SUFFIXES, ASCII) from the ``rules`` tuple (text._rules), and ``cache`` (text._TERMS)
 * with ``term`` (text._term, which fills it) for a word that is not ASCII. */
typedef struct { PyObject *cache, *term, *stop, *suffixes; } TermRules;

static int term_rules(PyObject *cache, PyObject *term, PyObject *rules, TermRules *r)
{
    r->cache = cache; r->term = term;
    if (!PyArg_ParseTuple(rules, "O!O!", &PyFrozenSet_Type, &r->stop, &PyTuple_Type,
                          &r->suffixes))
        return -1;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(r->suffixes); k++) {
        PyObject *suffix = PyTuple_GET_ITEM(r->suffixes, k);
        if (!PyUnicode_Check(suffix) || !PyUnicode_IS_ASCII(suffix)) {
            PyErr_SetString(PyExc_TypeError, "suffixes must be ASCII str");
            return -1;
        }
    }
    return 0;
}

/* text._term of an ASCII word: "" for a stopword or a one-letter word, else text.stem of the
 * word less a final "'s". A new reference; NULL with an exception set on error. */
static PyObject *ascii_term(PyObject *w, PyObject *stop, PyObject *suffixes)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(w);
    int is_stop = n < 2 ? 1 : PySet_Contains(stop, w);
    if (is_stop < 0) return NULL;
    if (is_stop) return PyUnicode_New(0, 0);
    const char *c = (const char *)PyUnicode_1BYTE_DATA(w);
    Py_ssize_t len = n;
    if (c[len - 2] == '\'' && c[len - 1] == 's') len -= 2;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(suffixes); k++) {
        PyObject *suffix = PyTuple_GET_ITEM(suffixes, k);
        Py_ssize_t sl = PyUnicode_GET_LENGTH(suffix);
        const char *sb = (const char *)PyUnicode_1BYTE_DATA(suffix);
        if (len - sl >= 3 && memcmp(c + len - sl, sb, (size_t)sl) == 0) {
            int ies = sl == 3 && memcmp(sb, "ies", 3) == 0;
            PyObject *t = PyUnicode_New(len - sl + ies, 127);
            if (!t) return NULL;
            memcpy(PyUnicode_1BYTE_DATA(t), c, (size_t)(len - sl));
            if (ies) PyUnicode_1BYTE_DATA(t)[len - sl] = 'y';
            return t;
        }
    }
    return len == n ? Py_NewRef(w) : PyUnicode_Substring(w, 0, len);
}

/* A word's content term (a new reference). An ASCII word's is computed here every time, as
 * text._term does, and never looked up: the word -> term dict grows to a large part of the
 * vocabulary, a look-up there misses the CPU cache two or three times (its index, its entry,
 * the key's characters) once other work has run between two stories, and those misses cost
 * more than the stopword test and the suffix comparisons. A word that is not ASCII goes
 * through the cache and text._term. NULL with an exception set on error. */
static PyObject *word_term(TermRules *r, PyObject *w)
{
    if (PyUnicode_CheckExact(w) && PyUnicode_IS_ASCII(w))
        return ascii_term(w, r->stop, r->suffixes);
    PyObject *t = PyDict_GetItemWithError(r->cache, w);
    if (t) return Py_NewRef(t);
    return PyErr_Occurred() ? NULL : PyObject_CallOneArg(r->term, w);
}

/* ---- terms_of ----------------------------------------------------------------------------- */

/* The content terms (word_term) of a sequence of tokens, in order, leaving out the empty ones
 * (stopwords): a new list, NULL with an exception set on error. */
static PyObject *terms_list(TermRules *r, PyObject *tokens)
{
    PyObject *fast = PySequence_Fast(tokens, "tokens");
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject *out = PyList_New(0);
    if (!out) { Py_DECREF(fast); return NULL; }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = word_term(r, PySequence_Fast_GET_ITEM(fast, i));
        int keep = t ? PyObject_IsTrue(t) : -1;
        if (keep > 0 && PyList_Append(out, t) < 0) keep = -1;
        Py_XDECREF(t);
        if (keep < 0) { Py_DECREF(out); Py_DECREF(fast); return NULL; }
    }
    Py_DECREF(fast);
    return out;
}

/* newsbrief.text.terms_of: terms_list of the tokens. */
static PyObject *terms_of(PyObject *self, PyObject *args)
{
    PyObject *tokens, *cache, *term, *rules;
    TermRules r;
    if (!PyArg_ParseTuple(args, "OO!OO!", &tokens, &PyDict_Type, &cache, &term, &PyTuple_Type,
                          &rules) || term_rules(cache, term, rules, &r) < 0)
        return NULL;
    return terms_list(&r, tokens);
}

/* ---- best_matches ------------------------------------------------------------------------- */

static int cmp_ssize(const void *a, const void *b)
{
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return x < y ? -1 : x > y;
}

/* A sentence's distinct terms as sorted ids, written to ``out``; returns how many. */
static Py_ssize_t distinct_ids(WordIds *vocab, PyObject *terms, Py_ssize_t *out)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(terms), u = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t id = word_id(vocab, PySequence_Fast_GET_ITEM(terms, k));
        if (id < 0) return -1;
        out[k] = id;
    }
    qsort(out, (size_t)n, sizeof *out, cmp_ssize);
    for (Py_ssize_t k = 0; k < n; k++)
        if (k == 0 || out[k] != out[u - 1]) out[u++] = out[k];
    return u;
}

/* newsbrief.attribute's matching: for each chosen sentence's terms (``mine``) and each group
 * of sentence terms (an article's sentences), the first sentence with the highest Dice
 * overlap of distinct terms, 2 |A & B| / (|A| + |B|) (0 when either is empty), as
 * (index, overlap); (-1, 0.0) for an empty group and for the sentence's own group
 * (``own[c]``, -1 for none). Terms are told apart by equality. */
static PyObject *best_matches(PyObject *self, PyObject *args)
{
    PyObject *mine, *groups, *own_obj;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyList_Type, &mine, &PyList_Type, &groups, &own_obj))
        return NULL;
    Py_ssize_t n_mine = PyList_GET_SIZE(mine), n_groups = PyList_GET_SIZE(groups), n_own = 0;
    Py_ssize_t n_sent = n_mine, total = 0;
    for (Py_ssize_t g = 0; g < n_groups; g++) {
        PyObject *grp = PyList_GET_ITEM(groups, g);
        if (!PyList_Check(grp)) {
            PyErr_SetString(PyExc_TypeError, "best_matches: groups must be lists");
            return NULL;
        }
        n_sent += PyList_GET_SIZE(grp);
    }
    /* Every sentence, chosen ones first, as one list of term sequences. */
    PyObject **sent = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n_sent ? n_sent : 1));
    Py_ssize_t *start = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n_sent + 1));
    Py_ssize_t *ids = NULL, *own = NULL;
    WordIds vocab = {NULL, 0, 0};
    PyObject *result = NULL;
    Py_ssize_t filled = 0;
    if (!sent || !start) { PyErr_NoMemory(); goto done; }
    if (!(own = as_indices(own_obj, &n_own, "own"))) goto done;
    if (n_own != n_mine) {
        PyErr_SetString(PyExc_ValueError, "best_matches: one own group per chosen sentence");
        goto done;
    }
    for (Py_ssize_t g = -1; g < n_groups; g++) {
        PyObject *list = g < 0 ? mine : PyList_GET_ITEM(groups, g);
        for (Py_ssize_t r = 0; r < PyList_GET_SIZE(list); r++) {
            if (!(sent[filled] = PySequence_Fast(PyList_GET_ITEM(list, r), "terms"))) goto done;
            total += PySequence_Fast_GET_SIZE(sent[filled]);
            filled++;
        }
    }
    if (word_ids_init(&vocab, total) < 0) goto done;
    if (!(ids = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(total ? total : 1)))) {
        PyErr_NoMemory();
        goto done;
    }
    start[0] = 0;
    for (Py_ssize_t i = 0; i < n_sent; i++) {
        Py_ssize_t u = distinct_ids(&vocab, sent[i], ids + start[i]);
        if (u < 0) goto done;
        start[i + 1] = start[i] + u;
    }
    if (!(result = PyList_New(n_mine))) goto done;
    for (Py_ssize_t c = 0; c < n_mine; c++) {
        PyObject *row = PyList_New(n_groups);
        if (!row) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, c, row);
        Py_ssize_t na = start[c + 1] - start[c], first = n_mine;
        for (Py_ssize_t g = 0; g < n_groups; g++) {
            Py_ssize_t size = PyList_GET_SIZE(PyList_GET_ITEM(groups, g)), best = -1;
            double best_d = 0.0;
            for (Py_ssize_t j = 0; j < size && g != own[c]; j++) {
                Py_ssize_t s = first + j, nb = start[s + 1] - start[s], inter = 0;
                double d = 0.0;
                if (na && nb) {
                    const Py_ssize_t *x = ids + start[c], *y = ids + start[s];
                    Py_ssize_t p = 0, q = 0;
                    while (p < na && q < nb) {
                        if (x[p] < y[q]) p++;
                        else if (x[p] > y[q]) q++;
                        else { inter++; p++; q++; }
                    }
                    d = (double)(2 * inter) / (double)(na + nb);
                }
                if (best < 0 || d > best_d) { best = j; best_d = d; }
            }
            first += size;
            PyObject *pair = Py_BuildValue("(nd)", best, best_d);
            if (!pair) { Py_CLEAR(result); goto done; }
            PyList_SET_ITEM(row, g, pair);
        }
    }
done:
    for (Py_ssize_t i = 0; i < filled; i++) Py_DECREF(sent[i]);
    PyMem_Free(sent); PyMem_Free(start); PyMem_Free(ids); PyMem_Free(own);
    PyMem_Free(vocab.slots);
    return result;
}

/* ---- lowering ---------------------------------------------------------------------------- */

/* ``text.lower()`` as bytes for searches over ASCII (a new PyMem buffer of at least one byte
 * per character, its length in ``*m``; NULL with MemoryError set). Lowering sends exactly two
 * characters from outside ASCII into it (checked over all of Unicode by tests/test_native.py):
 * U+0130 (to "i" and a combining dot) and the Kelvin sign U+212A (to "k"). Every other
 * non-ASCII character becomes 0x80, a byte no ASCII pattern holds; U+2019 becomes the
 * apostrophe when ``apostrophe`` is set (text.words' replace). */
static char *lower_bytes(PyObject *text, Py_ssize_t *m, int apostrophe)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), k = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    char *low = PyMem_Malloc((size_t)(2 * n + 1));
    if (!low) { PyErr_NoMemory(); return NULL; }
    if (kind == PyUnicode_1BYTE_KIND) {  /* Latin-1: nothing outside ASCII lowers into it */
        const Py_UCS1 *t = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS1 c = t[i];
            low[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c < 128 ? c : 0x80);
        }
    }
    else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c < 128) low[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            else if (c == 0x2019 && apostrophe) low[k++] = '\'';
            else if (c == 0x212A) low[k++] = 'k';
            else if (c == 0x130) { low[k++] = 'i'; low[k++] = (char)0x80; }
            else low[k++] = (char)0x80;
        }
    }
    low[k] = '\0';
    *m = k;
    return low;
}

/* ---- boundary_cuts ------------------------------------------------------------------------ */

/* A character of a text.words token other than the apostrophe: [a-z0-9]. */
static inline int word_char(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static inline int ascii_upper_or_digit(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static inline int ascii_lower(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
static inline int regex_word(Py_UCS4 c) { return Py_UNICODE_ISALNUM(c) || c == '_'; }
static inline int is_stop(Py_UCS4 c) { return c == '.' || c == '!' || c == '?'; }
static inline int is_closer(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']';
}
static inline int is_opener(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == '[';
}

/* segment._BOUNDARY's first alternative at the stop at ``i``: its end, or -1. */
static Py_ssize_t stop_then_capital(int kind, const void *d, Py_ssize_t i, Py_ssize_t end)
{
    Py_ssize_t j = i + 1;
    while (j < end && is_stop(PyUnicode_READ(kind, d, j))) j++;
    while (j < end && is_closer(PyUnicode_READ(kind, d, j))) j++;
    Py_ssize_t q = j;
    while (q < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, d, q))) q++;
    if (q == j || q >= end) return -1;
    Py_UCS4 c = PyUnicode_READ(kind, d, q);
    if (ascii_upper_or_digit(c)) return j;
    if (!is_opener(c)) return -1;
    Py_ssize_t r = q + 1;
    if (r < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, d, r))) r++;
    return r < end && ascii_upper_or_digit(PyUnicode_READ(kind, d, r)) ? j : -1;
}

/* segment._BOUNDARY's second alternative at the stop at ``i`` (a lost space: "with.on
 * wednesday"): whether it matches (its end is i + 1). */
static int glued_stop(PyObject *text, int kind, const void *d, Py_ssize_t i, Py_ssize_t end,
                      PyObject *domains)
{
    if (i < 2 || PyUnicode_READ(kind, d, i) != '.') return 0;
    for (Py_ssize_t k = i - 2; k < i; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, d, k);
        if (!word_char(c)) return 0;  /* (?<=[a-z0-9]{2}\.) */
    }
    Py_ssize_t p = i + 1, q;
    if (p >= end) return 0;
    Py_UCS4 c = PyUnicode_READ(kind, d, p);
    if (!(ascii_lower(c) || (c >= 'A' && c <= 'Z'))) return 0;
    for (q = p + 1; q < end && ascii_lower(PyUnicode_READ(kind, d, q)); q++) ;
    if (q < p + 2) return 0;
    if (q < end) {
        Py_UCS4 after = PyUnicode_READ(kind, d, q);
        if (regex_word(after) || after == '.' || after == '/' || after == '@' || after == '-')
            return 0;
    }
    PyObject *word = PyUnicode_Substring(text, p, q);
    if (!word) return -1;
    int domain = PySet_Contains(domains, word);
    Py_DECREF(word);
    return domain < 0 ? -1 : !domain;
}

/* segment._is_abbreviation: whether the period at ``stop`` ends an abbreviation or an initial. */
static int abbreviation(PyObject *text, int kind, const void *d, Py_ssize_t stop,
                        PyObject *abbreviations)
{
    if (PyUnicode_READ(kind, d, stop) != '.') return 0;
    Py_ssize_t b = stop - 1;
    while (b >= 0) {
        Py_UCS4 c = PyUnicode_READ(kind, d, b);
        if (c == ' ' || c == '\n') break;
        b--;
    }
    b++;
    while (b < stop) {
        Py_UCS4 c = PyUnicode_READ(kind, d, b);
        if (!is_opener(c)) break;  /* the lstrip of segment._is_abbreviation */
        b++;
    }
    Py_ssize_t n = stop - b;
    if (n == 0 || !Py_UNICODE_ISALPHA(PyUnicode_READ(kind, d, b))) return 0;
    if (n == 1 && Py_UNICODE_ISUPPER(PyUnicode_READ(kind, d, b))) return 1;
    if (n >= 3 && n % 2 == 1) {  /* _INITIALS: (?:[A-Z]\.)+[A-Z] */
        int initials = 1;
        for (Py_ssize_t k = 0; k < n && initials; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, d, b + k);
            initials = k % 2 == 0 ? (c >= 'A' && c <= 'Z') : c == '.';
        }
        if (initials) return 1;
    }
    PyObject *word = PyUnicode_Substring(text, b, stop);
    if (!word) return -1;
    PyObject *lower = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    if (!lower) return -1;
    int found = PySet_Contains(abbreviations, lower);
    Py_DECREF(lower);
    return found;
}

/* segment._cuts' first step: the ends of segment._BOUNDARY's matches in text[begin:end] whose
 * stop does not end an abbreviation (segment._is_abbreviation). ``domains``: the words after
 * a glued stop that are a web address's, not a sentence's. */
static PyObject *boundary_cuts(PyObject *self, PyObject *args)
{
    PyObject *text, *abbreviations, *domains;
    Py_ssize_t begin, end;
    if (!PyArg_ParseTuple(args, "UnnO!O!", &text, &begin, &end, &PyFrozenSet_Type, &abbreviations,
                          &PyFrozenSet_Type, &domains))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (begin < 0) begin = 0;
    if (end > n) end = n;
    int kind = PyUnicode_KIND(text);
    const void *d = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    Py_ssize_t i = begin;
    while (i < end) {
        if (!is_stop(PyUnicode_READ(kind, d, i))) { i++; continue; }
        Py_ssize_t to = stop_then_capital(kind, d, i, end);
        if (to < 0) {
            int glued = glued_stop(text, kind, d, i, end, domains);
            if (glued < 0) { Py_DECREF(out); return NULL; }
            if (!glued) { i++; continue; }
            to = i + 1;
        }
        int abbr = abbreviation(text, kind, d, i, abbreviations);
        if (abbr < 0) { Py_DECREF(out); return NULL; }
        if (!abbr) {
            PyObject *v = PyLong_FromSsize_t(to);
            if (!v || PyList_Append(out, v) < 0) { Py_XDECREF(v); Py_DECREF(out); return NULL; }
            Py_DECREF(v);
        }
        i = to;
    }
    return out;
}

/* ---- line_spans --------------------------------------------------------------------------- */

/* segment.split_spans for one line text[start:end] and its sentence starts ``cuts`` (sorted,
 * inside the line): each piece with the whitespace (str.isspace) trimmed off both ends,
 * appended to ``out`` as (start, end, paragraph) unless nothing is left of it. */
static PyObject *line_spans(PyObject *self, PyObject *args)
{
    PyObject *text, *cuts, *out;
    Py_ssize_t start, end, paragraph;
    if (!PyArg_ParseTuple(args, "UnnO!nO!", &text, &start, &end, &PyList_Type, &cuts, &paragraph,
                          &PyList_Type, &out))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), pieces = PyList_GET_SIZE(cuts);
    if (start < 0 || end > n || start > end) {
        PyErr_SetString(PyExc_ValueError, "line_spans: the line is not inside the text");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *d = PyUnicode_DATA(text);
    for (Py_ssize_t k = 0; k <= pieces; k++) {
        Py_ssize_t b = start, e = end;
        if (k < pieces) {
            e = PyLong_AsSsize_t(PyList_GET_ITEM(cuts, k));
            if (e == -1 && PyErr_Occurred()) return NULL;
            if (e < start || e > end) {
                PyErr_SetString(PyExc_ValueError, "line_spans: a cut outside the line");
                return NULL;
            }
            start = e;
        }
        while (b < e && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, d, b))) b++;
        while (e > b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, d, e - 1))) e--;
        if (e > b) {
            PyObject *span = Py_BuildValue("(nnn)", b, e, paragraph);
            if (!span || PyList_Append(out, span) < 0) { Py_XDECREF(span); return NULL; }
            Py_DECREF(span);
        }
    }
    Py_RETURN_NONE;
}

/* ---- contains_lowered --------------------------------------------------------------------- */

/* Whether ``needle`` (n bytes) occurs in ``hay`` (m bytes). */
static int bytes_contain(const char *hay, Py_ssize_t m, const char *needle, Py_ssize_t n)
{
    if (n == 0) return 1;
    const char *p = hay, *end = hay + m - n + 1;
    while (p < end && (p = memchr(p, needle[0], (size_t)(end - p)))) {
        if (memcmp(p, needle, (size_t)n) == 0) return 1;
        p++;
    }
    return 0;
}

/* any(key in text.lower() for key in keys), for ASCII keys (clean._may_have_rule_sentence),
 * without the lowered copy or a scan per key over it: the text is lowered once into bytes
 * (lower_bytes) and searched once for every key. */
static PyObject *contains_lowered(PyObject *self, PyObject *args)
{
    PyObject *text, *keys;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &keys)) return NULL;
    Py_ssize_t nk = PyTuple_GET_SIZE(keys);
    for (Py_ssize_t k = 0; k < nk; k++) {
        PyObject *key = PyTuple_GET_ITEM(keys, k);
        if (!PyUnicode_Check(key) || !PyUnicode_IS_ASCII(key)) {
            PyErr_SetString(PyExc_TypeError, "contains_lowered: keys must be ASCII str");
            return NULL;
        }
    }
    Py_ssize_t m;
    char *low = lower_bytes(text, &m, 0);
    if (!low) return NULL;
    /* One pass: a position is compared only with the keys its two bytes open. Up to 64 keys
     * this way; more (no caller has that many) are searched one by one. */
    enum { MAX_KEYS = 64 };
    const char *kp[MAX_KEYS];
    Py_ssize_t kl[MAX_KEYS];
    unsigned kb[MAX_KEYS];
    unsigned char opens[8192] = {0};
    int found = 0, one_by_one = nk > MAX_KEYS;
    for (Py_ssize_t k = 0; k < nk && !found; k++) {
        PyObject *key = PyTuple_GET_ITEM(keys, k);
        const char *b = (const char *)PyUnicode_1BYTE_DATA(key);
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        if (one_by_one || len < 2) {
            found = bytes_contain(low, m, b, len);
            if (one_by_one) continue;
            kl[k] = 0;  /* never compared below */
            kb[k] = 0;
            kp[k] = b;
            continue;
        }
        kp[k] = b;
        kl[k] = len;
        kb[k] = (unsigned)(unsigned char)b[0] << 8 | (unsigned char)b[1];
        opens[kb[k] >> 3] |= (unsigned char)(1u << (kb[k] & 7));
    }
    for (Py_ssize_t i = 0; !one_by_one && i + 1 < m && !found; i++) {
        unsigned b = (unsigned)(unsigned char)low[i] << 8 | (unsigned char)low[i + 1];
        if (!(opens[b >> 3] & (1u << (b & 7)))) continue;
        for (Py_ssize_t k = 0; k < nk && !found; k++)
            found = kb[k] == b && kl[k] >= 2 && kl[k] <= m - i &&
                    memcmp(low + i, kp[k], (size_t)kl[k]) == 0;
    }
    PyMem_Free(low);
    return PyBool_FromLong(found);
}

/* ---- count_words -------------------------------------------------------------------------- */

/* len(text.split()): the runs of characters that str.split() does not split at (its whitespace
 * test is Py_UNICODE_ISSPACE), without making the list of words. */
static PyObject *count_words(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "count_words: expected str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), words = 0;
    int kind = PyUnicode_KIND(text), in_word = 0;
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        int space = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i));
        if (!space && !in_word) words++;
        in_word = !space;
    }
    return PyLong_FromSsize_t(words);
}

/* ---- count_control ------------------------------------------------------------------------ */

/* len(ingest._CONTROL.findall(text[:limit])): the characters U+0000-U+0008 and U+000E-U+001F
 * (control characters other than tab, the line breaks, \v and \f) among the first ``limit``. */
static PyObject *count_control(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "Un", &text, &limit)) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), found = 0;
    if (limit < n) n = limit < 0 ? 0 : limit;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        found += c <= 0x08 || (c >= 0x0e && c <= 0x1f);
    }
    return PyLong_FromSsize_t(found);
}

/* ---- words ------------------------------------------------------------------------------- */

/* newsbrief.text.words: _WORD.findall(text.lower().replace("\u2019", "'")) with
 * _WORD = [a-z0-9]+(?:'[a-z]+)?, without making the lowered copy: only ASCII letters, digits
 * and the apostrophe can be part of a token, so lower_bytes' 0x80 is a separator. */

static PyObject *words_of(PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "words: expected str");
        return NULL;
    }
    Py_ssize_t m;
    char *low = lower_bytes(text, &m, 1);
    if (!low) return NULL;
    PyObject *out = PyList_New(0);
    if (!out) { PyMem_Free(low); return NULL; }
    Py_ssize_t i = 0;
    while (i < m) {
        if (!word_char((unsigned char)low[i])) { i++; continue; }
        Py_ssize_t start = i;
        while (i < m && word_char((unsigned char)low[i])) i++;
        if (i + 1 < m && low[i] == '\'' && ascii_lower((unsigned char)low[i + 1])) {
            i += 2;
            while (i < m && ascii_lower((unsigned char)low[i])) i++;
        }
        PyObject *w = PyUnicode_New(i - start, 127);
        if (!w) { Py_DECREF(out); PyMem_Free(low); return NULL; }
        memcpy(PyUnicode_1BYTE_DATA(w), low + start, (size_t)(i - start));
        int bad = PyList_Append(out, w) < 0;
        Py_DECREF(w);
        if (bad) { Py_DECREF(out); PyMem_Free(low); return NULL; }
    }
    PyMem_Free(low);
    return out;
}

static PyObject *words(PyObject *self, PyObject *text)
{
    return words_of(text);
}

/* ---- tokens_and_terms --------------------------------------------------------------------- */

/* (tuple(text.words(s)), tuple(text.terms_of(those words))) of a sentence in one call: what
 * model.Sentence keeps as its tokens and terms. */
static PyObject *tokens_and_terms(PyObject *self, PyObject *args)
{
    PyObject *text, *cache, *term, *rules;
    TermRules r;
    if (!PyArg_ParseTuple(args, "UO!OO!", &text, &PyDict_Type, &cache, &term, &PyTuple_Type,
                          &rules) || term_rules(cache, term, rules, &r) < 0)
        return NULL;
    PyObject *list = words_of(text), *tokens, *terms = NULL;
    if (!list) return NULL;
    tokens = PyList_AsTuple(list);
    Py_DECREF(list);
    if (!tokens) return NULL;
    if ((list = terms_list(&r, tokens))) {
        terms = PyList_AsTuple(list);
        Py_DECREF(list);
    }
    if (!terms) { Py_DECREF(tokens); return NULL; }
    return Py_BuildValue("(NN)", tokens, terms);
}

/* ---- token_bag ---------------------------------------------------------------------------- */

/* screen._Bag's counts of one article from its words (a sequence of str): (different words,
 * tokens among ``english``, tokens that start with a digit, tokens among ``junk``), as
 * len(Counter(words)), screen._count_of and screen._digit_tokens compute them ("starts with a
 * digit" is their ":" > word). Each different word is looked up in the two sets once. */
static PyObject *token_bag(PyObject *self, PyObject *args)
{
    PyObject *tokens, *english, *junk;
    if (!PyArg_ParseTuple(args, "OO!O!", &tokens, &PyFrozenSet_Type, &english, &PyFrozenSet_Type,
                          &junk))
        return NULL;
    PyObject *fast = PySequence_Fast(tokens, "tokens"), *result = NULL;
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    long long eng = 0, digits = 0, junk_n = 0;
    WordIds ids = {NULL, 0, 0};
    unsigned char *kind = PyMem_Malloc((size_t)(n ? n : 1));  /* per word id: bit 0 English,
                                                                 * 1 digit, 2 junk */
    if (!kind) { PyErr_NoMemory(); goto done; }
    if (word_ids_init(&ids, n) < 0) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "token_bag: words must be str");
            goto done;
        }
        Py_ssize_t before = ids.size, id = word_id(&ids, w);
        if (id < 0) goto done;
        if (ids.size > before) {
            int e = PySet_Contains(english, w), j = e < 0 ? -1 : PySet_Contains(junk, w);
            if (e < 0 || j < 0) goto done;
            int digit = PyUnicode_GET_LENGTH(w) == 0 || PyUnicode_READ_CHAR(w, 0) < ':';
            kind[id] = (unsigned char)(e | digit << 1 | j << 2);
        }
        eng += kind[id] & 1;
        digits += kind[id] >> 1 & 1;
        junk_n += kind[id] >> 2 & 1;
    }
    result = Py_BuildValue("(nLLL)", ids.size, eng, digits, junk_n);
done:
    PyMem_Free(kind); PyMem_Free(ids.slots); Py_DECREF(fast);
    return result;
}

/* ---- surface ------------------------------------------------------------------------------ */

/* The quote marks score._surface counts, and ":", made once (module init). */
static PyObject *quote_marks[5], *colon_str;

/* How many tokens are in ``set``; -1 on error. */
static Py_ssize_t count_members(PyObject *toks, PyObject *set)
{
    Py_ssize_t c = 0, n = PySequence_Fast_GET_SIZE(toks);
    for (Py_ssize_t k = 0; k < n; k++) {
        int in = PySet_Contains(set, PySequence_Fast_GET_ITEM(toks, k));
        if (in < 0) return -1;
        c += in;
    }
    return c;
}

/* newsbrief.score._surface for every candidate, as the 12 columns of score._SURFACE: from each
 * sentence's text, its words (text.words tokens), content-term count, position and word count;
 * the three word sets are score's. The same values (counts, then one division each). */
static PyObject *surface(PyObject *self, PyObject *args)
{
    PyObject *texts, *tokens, *n_terms, *positions, *words, *first_person, *attribution;
    PyObject *pronoun_start;
    if (!PyArg_ParseTuple(args, "OOOOOOOO", &texts, &tokens, &n_terms, &positions, &words,
                          &first_person, &attribution, &pronoun_start))
        return NULL;
    PyObject *ft = NULL, *fk = NULL, *result = NULL, *cols[12] = {NULL};
    Py_ssize_t n_pos = 0, n_nt = 0, n_w = 0;
    Py_ssize_t *pos = NULL, *nt_arr = NULL, *w_arr = NULL;
    PyObject *colon = colon_str;
    if (!(ft = PySequence_Fast(texts, "texts")) || !(fk = PySequence_Fast(tokens, "tokens")))
        goto done;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(ft);
    if (!(pos = as_indices(positions, &n_pos, "positions"))) goto done;
    if (!(nt_arr = as_indices(n_terms, &n_nt, "n_terms"))) goto done;
    if (!(w_arr = as_indices(words, &n_w, "words"))) goto done;
    if (PySequence_Fast_GET_SIZE(fk) != n || n_pos != n || n_nt != n || n_w != n) {
        PyErr_SetString(PyExc_ValueError, "surface: arguments do not match");
        goto done;
    }
    for (int c = 0; c < 12; c++)
        if (!(cols[c] = PyList_New(n))) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PySequence_Fast_GET_ITEM(ft, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "surface: texts must be str");
            goto done;
        }
        PyObject *toks = PySequence_Fast(PySequence_Fast_GET_ITEM(fk, i), "tokens");
        if (!toks) goto done;
        Py_ssize_t len = PySequence_Fast_GET_SIZE(toks);
        double nt = (double)(len > 1 ? len : 1);
        Py_ssize_t quotes = 0, q;
        for (int m = 0; m < 5; m++) {
            q = PyUnicode_Count(text, quote_marks[m], 0, PY_SSIZE_T_MAX);
            if (q < 0) { Py_DECREF(toks); goto done; }
            quotes += q;
        }
        /* The first character after leading whitespace (str.lstrip), if any. */
        Py_ssize_t tl = PyUnicode_GET_LENGTH(text), at = 0;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        while (at < tl && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, at))) at++;
        Py_UCS4 first = at < tl ? PyUnicode_READ(kind, data, at) : 0;
        int quote_start = at == tl || first == '"' || first == 0x201C || first == '\'' || first == '`';
        Py_ssize_t fp = count_members(toks, first_person);
        Py_ssize_t att = count_members(toks, attribution);
        Py_ssize_t digits = 0;
        for (Py_ssize_t k = 0; k < len && fp >= 0 && att >= 0; k++) {
            int lt = PyUnicode_Compare(PySequence_Fast_GET_ITEM(toks, k), colon);
            if (lt == -1 && PyErr_Occurred()) { fp = -1; break; }
            digits += lt < 0;
        }
        int pron = 0;
        if (len > 0 && fp >= 0 && att >= 0)
            pron = PySet_Contains(pronoun_start, PySequence_Fast_GET_ITEM(toks, 0));
        Py_DECREF(toks);
        Py_ssize_t bang = PyUnicode_FindChar(text, '!', 0, tl, 1);
        if (fp < 0 || att < 0 || pron < 0 || bang == -2) goto done;
        double p = (double)pos[i];
        double values[12] = {
            p, 1.0 / (1.0 + p), (double)w_arr[i], (double)nt_arr[i], (double)nt_arr[i] / nt,
            (double)quotes, quote_start ? 1.0 : 0.0, (double)fp / nt, att > 0 ? 1.0 : 0.0,
            (double)digits / nt, pron ? 1.0 : 0.0, bang >= 0 ? 1.0 : 0.0,
        };
        for (int c = 0; c < 12; c++) {
            PyObject *v = PyFloat_FromDouble(values[c]);
            if (!v) goto done;
            PyList_SET_ITEM(cols[c], i, v);
        }
    }
    result = PyTuple_New(12);
    if (result)
        for (int c = 0; c < 12; c++) { PyTuple_SET_ITEM(result, c, cols[c]); cols[c] = NULL; }
done:
    for (int c = 0; c < 12; c++) Py_XDECREF(cols[c]);
    Py_XDECREF(ft); Py_XDECREF(fk);
    PyMem_Free(pos); PyMem_Free(nt_arr); PyMem_Free(w_arr);
    return result;
}

/* ---- put_rows ----------------------------------------------------------------------------- */

/* out[rows[k], :] = values[k] for a C-contiguous float64 matrix of ``width`` columns, from
 * Python sequences of numbers. numpy's own assignment of a list of lists first discovers the
 * nested shape and converts every item through its generic path, which cost more (about 45 us
 * a story in ``eval``) than the columns' arithmetic. */
static PyObject *put_rows(PyObject *self, PyObject *args)
{
    Py_buffer out;
    Py_ssize_t width;
    PyObject *rows_obj, *values_obj;
    if (!PyArg_ParseTuple(args, "w*nOO", &out, &width, &rows_obj, &values_obj)) return NULL;
    PyObject *result = NULL, *fv = NULL;
    Py_ssize_t *rows = NULL, n_rows = 0;
    double *o = out.buf;
    if (!(rows = as_indices(rows_obj, &n_rows, "rows"))) goto done;
    if (!(fv = PySequence_Fast(values_obj, "values"))) goto done;
    Py_ssize_t row_bytes = width * (Py_ssize_t)sizeof(double);
    if (width == 0 && out.len == 0) { result = Py_NewRef(Py_None); goto done; }  /* no columns */
    Py_ssize_t height = row_bytes > 0 ? out.len / row_bytes : 0;
    if (width < 1 || height * row_bytes != out.len || PySequence_Fast_GET_SIZE(fv) != n_rows) {
        PyErr_SetString(PyExc_ValueError, "put_rows: arguments do not match");
        goto done;
    }
    for (Py_ssize_t k = 0; k < n_rows; k++) {
        if (rows[k] < 0 || rows[k] >= height) {
            PyErr_SetString(PyExc_ValueError, "put_rows: row out of range");
            goto done;
        }
        double *vals = as_doubles(PySequence_Fast_GET_ITEM(fv, k), width, "values");
        if (!vals) goto done;
        memcpy(o + rows[k] * width, vals, (size_t)row_bytes);
        PyMem_Free(vals);
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(fv);
    PyMem_Free(rows);
    PyBuffer_Release(&out);
    return result;
}

/* ---- shingle_overlap ---------------------------------------------------------------------- */

#define MAX_SHINGLE 8
/* A run of words as ids; unused places are 0 after a full run of k < MAX_SHINGLE words, and
 * 0xFFFFFFFF (never an id) after a text shorter than k, so the two kinds never compare equal. */
typedef struct { unsigned int w[MAX_SHINGLE]; } Shingle;

static int cmp_shingle(const void *a, const void *b)
{
    const unsigned int *x = ((const Shingle *)a)->w, *y = ((const Shingle *)b)->w;
    for (Py_ssize_t k = 0; k < MAX_SHINGLE; k++)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

/* Shingles as one 64-bit key each when every word id fits in 60 / k bits (a story of fewer
 * than 4,096 distinct words, for k = 5): equal keys are equal runs, exactly, and a story's keys
 * sort and merge as plain integers. A text shorter than k is one run of its words, keyed with
 * the top bit set and its length, so it never equals a full run. */
static Py_ssize_t packed_shingles(const unsigned int *wid, Py_ssize_t len, Py_ssize_t k,
                                  unsigned long long *out)
{
    const int b = (int)(60 / k);
    if (len < k) {
        unsigned long long key = (1ull << 63) | ((unsigned long long)len << 56);
        for (Py_ssize_t q = 0; q < len; q++) key |= (unsigned long long)wid[q] << (b * q);
        out[0] = key;
        return 1;
    }
    for (Py_ssize_t q = 0; q + k <= len; q++) {
        unsigned long long key = 0;
        for (Py_ssize_t r = 0; r < k; r++) key = (key << b) | wid[q + r];
        out[q] = key;
    }
    return len - k + 1;
}

/* newsbrief.screen.find_copies' shingle sets: for each article (a sequence of words), its
 * distinct runs of ``k`` consecutive words (a text shorter than ``k`` is one run of all its
 * words), and for every pair of articles how many runs they share. Words are told apart by
 * equality, so the counts are those of the Python sets of tuples. Returns (sizes, common) with
 * common[i][j] the shared count of articles i and j. */
static PyObject *shingle_overlap(PyObject *self, PyObject *args)
{
    PyObject *articles;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "On", &articles, &k)) return NULL;
    if (k < 1 || k > MAX_SHINGLE) {
        PyErr_SetString(PyExc_ValueError, "shingle_overlap: width must be 1 to 8");
        return NULL;
    }
    PyObject *fast = PySequence_Fast(articles, "articles"), *result = NULL, *sizes = NULL;
    PyObject *common = NULL;
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast), total = 0;
    WordIds ids = {NULL, 0, 0};
    Shingle *sh = NULL;
    unsigned long long *keys = NULL;
    unsigned int *wid = NULL;
    Py_ssize_t *start = PyMem_Malloc(sizeof(Py_ssize_t) * (n + 1));
    Py_ssize_t *wstart = PyMem_Malloc(sizeof(Py_ssize_t) * (n + 1));
    if (!start || !wstart) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len = PyObject_Length(PySequence_Fast_GET_ITEM(fast, i));
        if (len < 0) goto done;
        total += len + 1;
    }
    if (word_ids_init(&ids, total) < 0) goto done;
    wid = PyMem_Malloc(sizeof(unsigned int) * (total ? total : 1));
    if (!wid) { PyErr_NoMemory(); goto done; }
    /* Every word's id first: whether the ids fit a packed key is known only at the end. */
    Py_ssize_t w_at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *words = PySequence_Fast(PySequence_Fast_GET_ITEM(fast, i), "words");
        if (!words) goto done;
        Py_ssize_t len = PySequence_Fast_GET_SIZE(words);
        if (w_at + len > total) {  /* the sequence grew since it was measured */
            Py_DECREF(words);
            PyErr_SetString(PyExc_ValueError, "shingle_overlap: an article changed size");
            goto done;
        }
        wstart[i] = w_at;
        for (Py_ssize_t q = 0; q < len; q++) {
            Py_ssize_t id = word_id(&ids, PySequence_Fast_GET_ITEM(words, q));
            if (id < 0) { Py_DECREF(words); goto done; }
            wid[w_at++] = (unsigned int)id;
        }
        Py_DECREF(words);
    }
    wstart[n] = w_at;
    int packed = ids.size <= ((Py_ssize_t)1 << (60 / k));
    if (packed) {
        keys = PyMem_Malloc(sizeof(unsigned long long) * (total ? total : 1));
        if (!keys) { PyErr_NoMemory(); goto done; }
    }
    else {
        sh = PyMem_Calloc((size_t)(total ? total : 1), sizeof(Shingle));
        if (!sh) { PyErr_NoMemory(); goto done; }
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const unsigned int *w = wid + wstart[i];
        Py_ssize_t len = wstart[i + 1] - wstart[i];
        start[i] = at;
        if (packed) {
            at += packed_shingles(w, len, k, keys + at);
            at = start[i] + sort_unique(keys + start[i], at - start[i]);
            continue;
        }
        if (len < k) {  /* the whole text is one run */
            for (Py_ssize_t q = 0; q < MAX_SHINGLE; q++) sh[at].w[q] = q < len ? w[q] : 0xFFFFFFFFu;
            at++;
        }
        else
            for (Py_ssize_t q = 0; q + k <= len; q++, at++)
                for (Py_ssize_t r = 0; r < MAX_SHINGLE; r++)
                    sh[at].w[r] = r < k ? w[q + r] : 0u;
        qsort(sh + start[i], (size_t)(at - start[i]), sizeof(Shingle), cmp_shingle);
        Py_ssize_t u = start[i];
        for (Py_ssize_t q = start[i]; q < at; q++)
            if (q == start[i] || cmp_shingle(&sh[q], &sh[u - 1]) != 0) sh[u++] = sh[q];
        at = u;
    }
    start[n] = at;
    if (!(sizes = PyList_New(n)) || !(common = PyList_New(n))) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *size = PyLong_FromSsize_t(start[i + 1] - start[i]), *row = PyList_New(n);
        if (!size || !row) { Py_XDECREF(size); Py_XDECREF(row); goto done; }
        PyList_SET_ITEM(sizes, i, size);
        PyList_SET_ITEM(common, i, row);
        for (Py_ssize_t j = 0; j < n; j++) {
            Py_ssize_t c;
            if (packed)
                c = count_common(keys + start[i], start[i + 1] - start[i], keys + start[j],
                                 start[j + 1] - start[j]);
            else {
                Py_ssize_t a = start[i], b = start[j];
                c = 0;
                while (a < start[i + 1] && b < start[j + 1]) {
                    int d = cmp_shingle(&sh[a], &sh[b]);
                    if (d < 0) a++;
                    else if (d > 0) b++;
                    else { c++; a++; b++; }
                }
            }
            PyObject *v = PyLong_FromSsize_t(c);
            if (!v) goto done;
            PyList_SET_ITEM(row, j, v);
        }
    }
    result = Py_BuildValue("OO", sizes, common);
done:
    Py_XDECREF(sizes); Py_XDECREF(common); Py_DECREF(fast);
    PyMem_Free(ids.slots); PyMem_Free(sh); PyMem_Free(keys); PyMem_Free(wid);
    PyMem_Free(start); PyMem_Free(wstart);
    return result;
}

/* ---- greedy_select_many ------------------------------------------------------------------- */

/* How many items of ``a`` are in ``b`` (iterating the smaller), stopping at ``enough``. */
static Py_ssize_t common_items(PyObject *a, PyObject *b, Py_ssize_t enough)
{
    if (PySet_GET_SIZE(a) > PySet_GET_SIZE(b)) { PyObject *t = a; a = b; b = t; }
    PyObject *it = PyObject_GetIter(a), *key;
    if (!it) return -1;
    Py_ssize_t c = 0;
    while (c < enough && (key = PyIter_Next(it))) {
        int in = PySet_Contains(b, key);
        Py_DECREF(key);
        if (in < 0) { Py_DECREF(it); return -1; }
        c += in;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : c;
}

/* A sentence's distinct consecutive term pairs, as select._pairs' set holds them, built only
 * when the loop first asks (most candidates are never compared): borrowed references into
 * the caller's term tuples, with the pair's hash to skip most comparisons. */
typedef struct { Py_hash_t h; PyObject *a, *b; } Pair;
/* sig: one bit per pair, at its hash's low 8 bits. A pair whose bit another sentence's sig
 * lacks is not among that sentence's pairs, so most comparisons end at one AND: a sentence
 * pair shares few of its dozen pairs, and the all-against-all scan below was most of the
 * reranker's candidate time (docs/benchmarks.md, "Round 20"). */
#define PAIR_SIG_WORDS 4
typedef struct { Py_ssize_t n; Pair *items; int built; uint64_t sig[PAIR_SIG_WORDS]; } Pairs;

static inline int pair_sig_has(const uint64_t *sig, Py_hash_t h)
{
    unsigned int bit = (unsigned int)((Py_uhash_t)h & 255u);
    return (int)((sig[bit >> 6] >> (bit & 63u)) & 1u);
}

static inline void pair_sig_add(uint64_t *sig, Py_hash_t h)
{
    unsigned int bit = (unsigned int)((Py_uhash_t)h & 255u);
    sig[bit >> 6] |= (uint64_t)1 << (bit & 63u);
}

static int same_str(PyObject *x, PyObject *y)
{
    return x == y ? 1 : PyObject_RichCompareBool(x, y, Py_EQ);
}

/* 1 when ``p`` is among ``set``'s ``n`` pairs, 0 when not, -1 on error. */
static int pair_in(const Pair *p, const Pair *set, Py_ssize_t n)
{
    for (Py_ssize_t k = 0; k < n; k++) {
        if (set[k].h != p->h) continue;
        int e = same_str(set[k].a, p->a);
        if (e > 0) e = same_str(set[k].b, p->b);
        if (e != 0) return e;
    }
    return 0;
}

static int build_pairs(Pairs *out, PyObject *terms)
{
    out->built = 1;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(terms);
    if (m < 2) return 0;
    PyObject **t = PySequence_Fast_ITEMS(terms);
    if (!(out->items = PyMem_Malloc(sizeof(Pair) * (size_t)(m - 1)))) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k + 1 < m; k++) {
        Py_hash_t ha = PyObject_Hash(t[k]), hb = PyObject_Hash(t[k + 1]);
        if (ha == -1 || hb == -1) return -1;
        Pair p = {(Py_hash_t)((Py_uhash_t)ha * 1000003u ^ (Py_uhash_t)hb), t[k], t[k + 1]};
        int dup = pair_sig_has(out->sig, p.h) ? pair_in(&p, out->items, out->n) : 0;
        if (dup < 0) return -1;
        if (!dup) {
            out->items[out->n++] = p;
            pair_sig_add(out->sig, p.h);
        }
    }
    return 0;
}

/* How many of ``a``'s pairs ``b`` has, stopping at ``enough`` (len(a & b), capped). A dozen
 * pairs a side: comparing hashes all against all costs less than sorting them, and ``b``'s
 * sig skips the pairs it cannot have. */
static Py_ssize_t common_pairs(const Pairs *a, const Pairs *b, Py_ssize_t enough)
{
    Py_ssize_t c = 0;
    for (Py_ssize_t k = 0; k < a->n && c < enough; k++) {
        if (!pair_sig_has(b->sig, a->items[k].h)) continue;
        int in = pair_in(&a->items[k], b->items, b->n);
        if (in < 0) return -1;
        c += in;
    }
    return c;
}

/* What the greedy runs of one story share: each candidate's pairs and quoted pairs, and, per
 * chosen sentence, the similarity of every candidate to it and which candidates repeat it,
 * all made when a run first asks. Several runs (newsbrief.select.variants: other settings,
 * other values) choose from one story, so each costs a loop over cached numbers. */
typedef struct {
    Py_ssize_t n, V, words, shared_pairs;
    Py_ssize_t *size;
    const double *vec;
    PyObject *terms, *texts, *quoted_of;
    Pairs *pairs;
    PyObject **quoted;
    double **sims;          /* per chosen sentence b: sims[b][i], or NULL until needed */
    signed char **repeats;  /* per chosen sentence b: whether i repeats it (strict test) */
    Py_ssize_t *nz;
} Greedy;

static void greedy_free(Greedy *g)
{
    for (Py_ssize_t i = 0; i < g->n; i++) {
        if (g->pairs) PyMem_Free(g->pairs[i].items);
        if (g->quoted) Py_XDECREF(g->quoted[i]);
        if (g->sims) PyMem_Free(g->sims[i]);
        if (g->repeats) PyMem_Free(g->repeats[i]);
    }
    PyMem_Free(g->pairs); PyMem_Free(g->quoted); PyMem_Free(g->sims); PyMem_Free(g->repeats);
    PyMem_Free(g->size); PyMem_Free(g->nz);
    Py_XDECREF(g->terms);
}

/* Parse the arguments every run shares; 0, or -1 with an exception set (free with
 * greedy_free either way). */
static int greedy_init(Greedy *g, PyObject *sizes_obj, Py_buffer *vec_buf, Py_ssize_t V,
                       Py_ssize_t words, PyObject *terms_obj, PyObject *texts,
                       PyObject *quoted_of, Py_ssize_t shared_pairs)
{
    memset(g, 0, sizeof(*g));
    g->V = V; g->words = words; g->shared_pairs = shared_pairs;
    g->texts = texts; g->quoted_of = quoted_of;
    if (!(g->size = as_indices(sizes_obj, &g->n, "sizes"))) return -1;
    Py_ssize_t n = g->n;
    if (!(g->terms = PySequence_Fast(terms_obj, "terms"))) return -1;
    if (V < 1 || vec_buf->len != n * V * (Py_ssize_t)sizeof(double)
        || PySequence_Fast_GET_SIZE(g->terms) != n || PyList_GET_SIZE(texts) != n) {
        PyErr_SetString(PyExc_ValueError, "greedy runs: arguments do not match");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PySequence_Fast_GET_ITEM(g->terms, i);
        if (!PyTuple_Check(t) && !PyList_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "greedy runs: terms must be tuples or lists");
            return -1;
        }
    }
    g->vec = vec_buf->buf;
    size_t m = (size_t)(n ? n : 1);
    g->pairs = PyMem_Calloc(m, sizeof(Pairs));
    g->quoted = PyMem_Calloc(m, sizeof(PyObject *));
    g->sims = PyMem_Calloc(m, sizeof(double *));
    g->repeats = PyMem_Calloc(m, sizeof(signed char *));
    g->nz = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)V);
    if (!g->pairs || !g->quoted || !g->sims || !g->repeats || !g->nz) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* The similarity of every candidate to ``b`` (a dot product over b's terms, in index order,
 * where numpy's BLAS sums in its own order), made once. */
static const double *greedy_sims(Greedy *g, Py_ssize_t b)
{
    if (g->sims[b]) return g->sims[b];
    double *row = PyMem_Malloc(sizeof(double) * (size_t)(g->n ? g->n : 1));
    if (!row) { PyErr_NoMemory(); return NULL; }
    const double *vb = g->vec + b * g->V;
    Py_ssize_t k = 0;
    for (Py_ssize_t v = 0; v < g->V; v++)
        if (vb[v] != 0.0) g->nz[k++] = v;
    for (Py_ssize_t i = 0; i < g->n; i++) {
        const double *vi = g->vec + i * g->V;
        double s = 0.0;
        for (Py_ssize_t q = 0; q < k; q++) s += vi[g->nz[q]] * vb[g->nz[q]];
        row[i] = s;
    }
    return g->sims[b] = row;
}

static int greedy_pairs(Greedy *g, Py_ssize_t i)
{
    return g->pairs[i].built ? 0 : build_pairs(&g->pairs[i], PySequence_Fast_GET_ITEM(g->terms, i));
}

static PyObject *empty_frozenset;

static PyObject *greedy_quoted(Greedy *g, Py_ssize_t i)
{
    if (!g->quoted[i]) {
        PyObject *text = PyList_GET_ITEM(g->texts, i);
        /* Text without a double quote (straight or curly) quotes nothing: select._quoted_pairs
         * gives an empty set for it, without the call. */
        Py_ssize_t len = PyUnicode_Check(text) ? PyUnicode_GET_LENGTH(text) : -1;
        if (len >= 0 && PyUnicode_FindChar(text, 0x22, 0, len, 1) == -1
            && PyUnicode_FindChar(text, 0x201C, 0, len, 1) == -1)
            g->quoted[i] = Py_NewRef(empty_frozenset);
        else if (!(g->quoted[i] = PyObject_CallOneArg(g->quoted_of, text)))
            return NULL;
    }
    if (!PyAnySet_Check(g->quoted[i])) {
        PyErr_SetString(PyExc_TypeError, "greedy runs: quoted_of must return a set");
        return NULL;
    }
    return g->quoted[i];
}

/* Whether candidate ``i`` repeats the chosen ``b`` in the strict pass: enough shared word
 * pairs, or a quoted pair in common (only when b has pairs at all). 1, 0, or -1 on error. */
static int greedy_repeats(Greedy *g, Py_ssize_t b, Py_ssize_t i)
{
    if (!g->repeats[b]) {
        if (!(g->repeats[b] = PyMem_Malloc((size_t)(g->n ? g->n : 1)))) {
            PyErr_NoMemory();
            return -1;
        }
        memset(g->repeats[b], -1, (size_t)g->n);
    }
    if (g->repeats[b][i] >= 0) return g->repeats[b][i];
    if (greedy_pairs(g, b) < 0) return -1;
    int r = 0;
    if (g->pairs[b].n > 0) {
        if (greedy_pairs(g, i) < 0) return -1;
        PyObject *said = greedy_quoted(g, b);
        if (!said) return -1;
        Py_ssize_t c = common_pairs(&g->pairs[i], &g->pairs[b], g->shared_pairs);
        if (c < 0) return -1;
        if (c < g->shared_pairs && PySet_GET_SIZE(said) > 0) {
            PyObject *mine = greedy_quoted(g, i);
            if (!mine) return -1;
            Py_ssize_t q = common_items(mine, said, 1);
            if (q < 0) return -1;
            if (q > 0) c = g->shared_pairs;
        }
        r = c >= g->shared_pairs;
    }
    return g->repeats[b][i] = (signed char)r;
}

/* newsbrief.select.select's greedy loop with one sentence value per candidate and one
 * setting: the same passes, tests and tie-breaking. A new list of the chosen indices, best
 * first, or NULL with an exception set. */
static PyObject *greedy_run(Greedy *g, const double *value, double strict_limit,
                            double lax_limit, double mmr)
{
    Py_ssize_t n = g->n;
    PyObject *chosen = PyList_New(0);
    double *max_sim = PyMem_Calloc((size_t)(n ? n : 1), sizeof(double));
    char *flags = PyMem_Calloc((size_t)(2 * n + 1), 1);  /* available (n), repeats (n) */
    Py_ssize_t *picked = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n ? n : 1));
    if (!chosen || !max_sim || !flags || !picked) {
        if (chosen) PyErr_NoMemory();
        goto fail;
    }
    char *available = flags, *repeats = flags + n;
    Py_ssize_t used = 0, n_picked = 0;
    for (int pass = 0; pass < 2; pass++) {
        int strict = pass == 0;
        double limit = strict ? strict_limit : lax_limit;
        memset(available, 1, (size_t)n);
        for (Py_ssize_t c = 0; c < n_picked; c++) available[picked[c]] = 0;
        for (;;) {
            Py_ssize_t left = g->words - used, best = -1;
            double best_gain = 0.0;
            for (Py_ssize_t i = 0; i < n; i++) {
                if (!available[i]) continue;
                if (!(g->size[i] <= left && max_sim[i] <= limit) || (strict && repeats[i])) {
                    available[i] = 0;  /* for the rest of this pass: it only gets worse */
                    continue;
                }
                double gain = value[i] * (1.0 - mmr * max_sim[i]);
                if (best < 0 || gain > best_gain) { best = i; best_gain = gain; }
            }
            if (best < 0) break;
            available[best] = 0;
            picked[n_picked++] = best;
            PyObject *b = PyLong_FromSsize_t(best);
            if (!b || PyList_Append(chosen, b) < 0) { Py_XDECREF(b); goto fail; }
            Py_DECREF(b);
            used += g->size[best];
            const double *sims = greedy_sims(g, best);
            if (!sims) goto fail;
            for (Py_ssize_t i = 0; i < n; i++)
                if (!(max_sim[i] >= sims[i])) max_sim[i] = sims[i];
            if (!strict) continue;
            for (Py_ssize_t i = 0; i < n; i++) {
                if (!available[i]) continue;
                int r = greedy_repeats(g, best, i);
                if (r < 0) goto fail;
                if (r) repeats[i] = 1;
            }
        }
    }
    PyMem_Free(max_sim); PyMem_Free(flags); PyMem_Free(picked);
    return chosen;
fail:
    Py_XDECREF(chosen);
    PyMem_Free(max_sim); PyMem_Free(flags); PyMem_Free(picked);
    return NULL;
}

/* Several greedy runs on one story (newsbrief.select.select_many): ``values`` and
 * ``settings`` (strict, lax, mmr) one per run; the chosen indices of each run, best first
 * (newsbrief.select._greedy's loop: the same passes, tests and tie-breaking), sharing the
 * similarities and repeat tests between runs. A sentence's word pairs and quoted pairs are made
 * when the repeat test first needs them: ``quoted_of(text)`` is select._quoted_pairs. */
static PyObject *greedy_select_many(PyObject *self, PyObject *args)
{
    PyObject *values_obj, *sizes_obj, *terms_obj, *texts, *quoted_of, *settings_obj;
    Py_buffer vec_buf;
    Py_ssize_t V, words, shared_pairs;
    if (!PyArg_ParseTuple(args, "OOy*nnOO!OOn", &values_obj, &sizes_obj, &vec_buf, &V, &words,
                          &terms_obj, &PyList_Type, &texts, &quoted_of, &settings_obj,
                          &shared_pairs))
        return NULL;
    PyObject *result = NULL, *values = NULL, *settings = NULL;
    double *value = NULL;
    Greedy g;
    if (greedy_init(&g, sizes_obj, &vec_buf, V, words, terms_obj, texts, quoted_of,
                    shared_pairs) < 0)
        goto done;
    if (!(values = PySequence_Fast(values_obj, "values"))
        || !(settings = PySequence_Fast(settings_obj, "settings")))
        goto done;
    Py_ssize_t runs = PySequence_Fast_GET_SIZE(values);
    if (PySequence_Fast_GET_SIZE(settings) != runs) {
        PyErr_SetString(PyExc_ValueError, "greedy_select_many: one setting per run");
        goto done;
    }
    if (!(result = PyList_New(runs))) goto done;
    for (Py_ssize_t r = 0; r < runs; r++) {
        double lim[3];
        PyObject *set = PySequence_Fast_GET_ITEM(settings, r);
        if (!PyArg_ParseTuple(set, "ddd", &lim[0], &lim[1], &lim[2])) goto fail;
        if (!(value = as_doubles(PySequence_Fast_GET_ITEM(values, r), g.n, "values"))) goto fail;
        PyObject *chosen = greedy_run(&g, value, lim[0], lim[1], lim[2]);
        PyMem_Free(value);
        value = NULL;
        if (!chosen) goto fail;
        PyList_SET_ITEM(result, r, chosen);
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    Py_XDECREF(values); Py_XDECREF(settings);
    PyMem_Free(value);
    greedy_free(&g);
    PyBuffer_Release(&vec_buf);
    return result;
}

/* Whether two chosen lists hold the same sentences (each list without repeats). */
static int same_set(PyObject *a, PyObject *b, char *mark, Py_ssize_t n)
{
    Py_ssize_t m = PyList_GET_SIZE(a);
    if (PyList_GET_SIZE(b) != m) return 0;
    for (Py_ssize_t j = 0; j < m; j++) mark[PyLong_AsSsize_t(PyList_GET_ITEM(a, j))] = 1;
    int same = 1;
    for (Py_ssize_t j = 0; j < m && same; j++) {
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(b, j));
        same = i >= 0 && i < n && mark[i];
    }
    for (Py_ssize_t j = 0; j < m; j++) mark[PyLong_AsSsize_t(PyList_GET_ITEM(a, j))] = 0;
    return same;
}

/* newsbrief.rerank.candidates: greedy_select_many with drops, each run's values made here
 * (scores[i] * tables[run][sizes[i]], as select_many makes them from the same numpy-computed
 * powers), and only the first run of each distinct set of sentences kept: a list of
 * (chosen tuple, run, dropped), runs numbered as ``settings``, ``dropped`` k > 0 for the
 * first run without its k-th sentence. Empty when the first run chooses nothing. */
static PyObject *greedy_candidates(PyObject *self, PyObject *args)
{
    PyObject *sizes_obj, *terms_obj, *texts, *quoted_of, *settings_obj;
    Py_buffer sb, tb, vec_buf;
    Py_ssize_t V, words, shared_pairs;
    if (!PyArg_ParseTuple(args, "y*y*Oy*nnOO!OOn", &sb, &tb, &sizes_obj, &vec_buf, &V, &words,
                          &terms_obj, &PyList_Type, &texts, &quoted_of, &settings_obj,
                          &shared_pairs))
        return NULL;
    PyObject *result = NULL, *settings = NULL, *picks = NULL;
    double *value = NULL, *base = NULL;
    char *mark = NULL;
    Py_ssize_t *origin = NULL;
    Greedy g;
    if (greedy_init(&g, sizes_obj, &vec_buf, V, words, terms_obj, texts, quoted_of,
                    shared_pairs) < 0)
        goto done;
    Py_ssize_t n = g.n;
    if (!(settings = PySequence_Fast(settings_obj, "settings"))) goto done;
    Py_ssize_t runs = PySequence_Fast_GET_SIZE(settings);
    Py_ssize_t width = runs > 0 ? tb.len / (Py_ssize_t)sizeof(double) / runs : 0;
    if (runs < 1 || sb.len != n * (Py_ssize_t)sizeof(double)
        || tb.len != runs * width * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "greedy_candidates: arguments do not match");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (g.size[i] < 0 || g.size[i] >= width) {
            PyErr_SetString(PyExc_ValueError, "greedy_candidates: a size beyond the tables");
            goto done;
        }
    const double *score = sb.buf, *table = tb.buf;
    value = PyMem_Malloc(sizeof(double) * (size_t)(n ? n : 1));
    base = PyMem_Malloc(sizeof(double) * (size_t)(n ? n : 1));
    mark = PyMem_Calloc((size_t)(n ? n : 1), 1);
    origin = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(2 * (runs + n) + 2));
    if (!value || !base || !mark || !origin) { PyErr_NoMemory(); goto done; }
    if (!(picks = PyList_New(0))) goto done;
    double first[3] = {0, 0, 0};
    Py_ssize_t n_picks = 0;
    /* origin[2p], origin[2p + 1]: the run and the dropped sentence of picks[p] */
#define KEEP(chosen, run, dropped)                                                          \
    do {                                                                                    \
        int dup_ = 0;                                                                       \
        if (PyList_GET_SIZE(chosen) == 0) dup_ = 1;                                         \
        for (Py_ssize_t q_ = 0; q_ < n_picks && !dup_; q_++)                                \
            dup_ = same_set(PyList_GET_ITEM(picks, q_), chosen, mark, n);                   \
        if (!dup_) {                                                                        \
            if (PyList_Append(picks, chosen) < 0) { Py_DECREF(chosen); goto done; }         \
            origin[2 * n_picks] = run; origin[2 * n_picks + 1] = dropped; n_picks++;        \
        }                                                                                   \
        Py_DECREF(chosen);                                                                  \
    } while (0)
    for (Py_ssize_t r = 0; r < runs; r++) {
        double lim[3];
        PyObject *set = PySequence_Fast_GET_ITEM(settings, r);
        if (!PyArg_ParseTuple(set, "ddd", &lim[0], &lim[1], &lim[2])) goto done;
        double *v = r == 0 ? base : value;
        for (Py_ssize_t i = 0; i < n; i++) v[i] = score[i] * table[r * width + g.size[i]];
        PyObject *chosen = greedy_run(&g, v, lim[0], lim[1], lim[2]);
        if (!chosen) goto done;
        if (r == 0) {
            memcpy(first, lim, sizeof(first));
            if (PyList_GET_SIZE(chosen) == 0) {  /* nothing fits: no candidates */
                Py_DECREF(chosen);
                Py_CLEAR(picks);
                result = PyList_New(0);
                goto done;
            }
        }
        KEEP(chosen, r, 0);
    }
    PyObject *greedy = PyList_GET_ITEM(picks, 0);
    Py_ssize_t m = PyList_GET_SIZE(greedy);
    for (Py_ssize_t c = 0; c < m; c++) {
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(greedy, c));
        double keep = base[i];
        base[i] = 0.0;
        PyObject *chosen = greedy_run(&g, base, first[0], first[1], first[2]);
        base[i] = keep;
        if (!chosen) goto done;
        KEEP(chosen, 0, c + 1);
    }
#undef KEEP
    if (!(result = PyList_New(n_picks))) goto done;
    for (Py_ssize_t p = 0; p < n_picks; p++) {
        PyObject *chosen = PyList_AsTuple(PyList_GET_ITEM(picks, p));
        PyObject *item = chosen ? Py_BuildValue("(Nnn)", chosen, origin[2 * p], origin[2 * p + 1])
                                : NULL;
        if (!item) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, p, item);
    }
done:
    Py_XDECREF(picks); Py_XDECREF(settings);
    PyMem_Free(value); PyMem_Free(base); PyMem_Free(mark); PyMem_Free(origin);
    greedy_free(&g);
    PyBuffer_Release(&sb); PyBuffer_Release(&tb); PyBuffer_Release(&vec_buf);
    return result;
}

/* ---- summary_features --------------------------------------------------------------------- */

/* newsbrief.rerank.features' columns (rerank.SUMMARY_FEATURES, then the sentence rows averaged
 * over the chosen words), and each as its difference from the first candidate's, for the
 * candidate summaries ``chosen`` (lists of sentence indices) of one story: the loops of
 * rerank._python_features, sum for sum in the same order, so the two give the same bits.
 * Buffers are C-contiguous float64: scores (n), vectors (n x V, TF-IDF rows), rows (n x R),
 * out (k x 2F); words, positions, term counts and article ids are sequences of n numbers,
 * settings of 4 per candidate. */
#define SUMMARY_OWN 27
static PyObject *summary_features(PyObject *self, PyObject *args)
{
    PyObject *chosen_obj, *arts_obj, *words_obj, *pos_obj, *terms_obj, *set_obj;
    Py_buffer sb, vb, rb, ob;
    Py_ssize_t V, R;
    double budget;
    if (!PyArg_ParseTuple(args, "Oy*OOOOy*ny*nOdw*", &chosen_obj, &sb, &words_obj, &pos_obj,
                          &terms_obj, &arts_obj, &vb, &V, &rb, &R, &set_obj, &budget, &ob))
        return NULL;
    PyObject *result = NULL, *chosen = NULL;
    Py_ssize_t n = sb.len / (Py_ssize_t)sizeof(double), n_arts = 0, k = 0, n_art = 0;
    Py_ssize_t *art = NULL, *members = NULL, *nz = NULL, *nz_start = NULL, *touched = NULL;
    double *spread = NULL, *rank = NULL, *cent = NULL, *scent = NULL, *summ = NULL;
    double *share = NULL;
    char *seen = NULL, *art_seen = NULL;
    Py_ssize_t *slot = NULL, n_slots = 0;
    double *gram = NULL;
    double *w = NULL, *pos = NULL, *nt = NULL, *set = NULL;
    const double *s = sb.buf, *vec = vb.buf, *rows = rb.buf;
    double *out = ob.buf;
    Py_ssize_t F = SUMMARY_OWN + R;
    if (!(chosen = PySequence_Fast(chosen_obj, "chosen"))) goto done;
    k = PySequence_Fast_GET_SIZE(chosen);
    if (!(art = as_indices(arts_obj, &n_arts, "articles"))) goto done;
    if (n < 1 || V < 1 || n_arts != n || vb.len != n * V * (Py_ssize_t)sizeof(double)
        || rb.len != n * R * (Py_ssize_t)sizeof(double)
        || ob.len != k * 2 * F * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "summary_features: arguments do not match");
        goto done;
    }
    if (!(w = as_doubles(words_obj, n, "words")) || !(pos = as_doubles(pos_obj, n, "positions"))
        || !(nt = as_doubles(terms_obj, n, "n_terms"))
        || !(set = as_doubles(set_obj, 4 * k, "settings")))
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {  /* article ids are 0, 1, ... in order of first use */
        if (art[i] < 0 || art[i] > n_art) {
            PyErr_SetString(PyExc_ValueError, "summary_features: article out of range");
            goto done;
        }
        if (art[i] == n_art) n_art++;
    }
    members = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)n);
    nz = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n * V));
    nz_start = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    spread = PyMem_Calloc((size_t)V, sizeof(double));
    rank = PyMem_Malloc(sizeof(double) * (size_t)n);
    cent = PyMem_Calloc((size_t)V, sizeof(double));
    scent = PyMem_Calloc((size_t)V, sizeof(double));
    summ = PyMem_Calloc((size_t)V, sizeof(double));
    share = PyMem_Malloc(sizeof(double) * (size_t)n_art);
    seen = PyMem_Calloc((size_t)V, 1);
    art_seen = PyMem_Malloc((size_t)n_art);
    touched = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)V);
    slot = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)n);
    /* Slots for the sentences the candidates use (at most n, usually a dozen or two). */
    Py_ssize_t used_max = 0;
    for (Py_ssize_t r = 0; r < k; r++) {
        Py_ssize_t len = PySequence_Size(PySequence_Fast_GET_ITEM(chosen, r));
        if (len < 0) goto done;
        used_max += len;
    }
    if (used_max > n) used_max = n;
    gram = PyMem_Malloc(sizeof(double) * (size_t)(used_max * n + 1));
    if (!members || !nz || !nz_start || !spread || !rank || !cent || !scent || !summ || !share
        || !seen || !art_seen || !touched || !slot || !gram) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) slot[i] = -1;
    for (Py_ssize_t q = 0; q < used_max * n; q++) gram[q] = NAN;
    /* Each sentence's nonzero columns; in how many articles each term occurs. */
    nz_start[0] = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t c = nz_start[i];
        const double *vi = vec + i * V;
        for (Py_ssize_t v = 0; v < V; v++)
            if (vi[v] != 0.0) nz[c++] = v;
        nz_start[i + 1] = c;
    }
    for (Py_ssize_t a = 0; a < n_art; a++) {
        memset(seen, 0, (size_t)V);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (art[i] != a) continue;
            for (Py_ssize_t q = nz_start[i]; q < nz_start[i + 1]; q++)
                if (vec[i * V + nz[q]] > 0 && !seen[nz[q]]) { seen[nz[q]] = 1; spread[nz[q]] += 1; }
        }
    }
    memset(seen, 0, (size_t)V);  /* each candidate's terms below start from none */
    double extra_total = 0, shared_total = 0;
    for (Py_ssize_t v = 0; v < V; v++) {
        extra_total += spread[v] > 1 ? spread[v] - 1 : 0;
        shared_total += spread[v] >= 2;
    }
    if (extra_total < 1) extra_total = 1;
    if (shared_total < 1) shared_total = 1;
    /* The story's centroids (by words, and by words times score), unit length. */
    double s_max = s[0], s_mean = 0, s_var = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s[i] > s_max) s_max = s[i];
        s_mean += s[i];
        for (Py_ssize_t q = nz_start[i]; q < nz_start[i + 1]; q++) {
            double x = vec[i * V + nz[q]];
            cent[nz[q]] += w[i] * x;
            scent[nz[q]] += w[i] * s[i] * x;
        }
    }
    s_mean /= (double)n;
    for (Py_ssize_t i = 0; i < n; i++) s_var += (s[i] - s_mean) * (s[i] - s_mean);
    double s_std = sqrt(s_var / (double)n), cn = 0, sn = 0;
    for (Py_ssize_t v = 0; v < V; v++) { cn += cent[v] * cent[v]; sn += scent[v] * scent[v]; }
    cn = sqrt(cn); sn = sqrt(sn);
    for (Py_ssize_t v = 0; v < V; v++) {
        if (cn > 0) cent[v] /= cn;
        if (sn > 0) scent[v] /= sn;
    }
    if (ranks(s, n, 1, rank, 1.0) < 0) goto done;
    for (Py_ssize_t r = 0; r < k; r++) {
        PyObject *c_obj = PySequence_Fast_GET_ITEM(chosen, r);
        PyObject *c_fast = PySequence_Fast(c_obj, "chosen");
        if (!c_fast) goto done;
        Py_ssize_t m = PySequence_Fast_GET_SIZE(c_fast);
        if (m > n) m = n;
        for (Py_ssize_t j = 0; j < m; j++)
            members[j] = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(c_fast, j));
        Py_DECREF(c_fast);
        for (Py_ssize_t j = 0; j < m; j++)
            if (members[j] < 0 || members[j] >= n) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "summary_features: index out of range");
                goto done;
            }
        double *o = out + r * 2 * F;
        double total = 0, dens = 0, ssum = 0, lo = INFINITY, hi = -INFINITY, psum = 0, leads = 0;
        double rsum = 0, rmax = -1, tsum = 0;
        memset(share, 0, sizeof(double) * (size_t)n_art);
        /* summ and seen are all zero here: only the touched terms are set, then reset. */
        Py_ssize_t n_touched = 0;
        double cross = 0, common = 0, spread_sum = 0, covered = 0;
        for (Py_ssize_t j = 0; j < m; j++) {
            Py_ssize_t i = members[j];
            total += w[i]; dens += w[i] * s[i]; ssum += s[i];
            if (s[i] < lo) lo = s[i];
            if (s[i] > hi) hi = s[i];
            share[art[i]] += w[i];
            psum += pos[i]; leads += pos[i] == 0; rsum += rank[i];
            if (rank[i] > rmax) rmax = rank[i];
            tsum += nt[i];
            for (Py_ssize_t q = nz_start[i]; q < nz_start[i + 1]; q++) {
                Py_ssize_t v = nz[q];
                summ[v] += w[i] * vec[i * V + v];
                if (!seen[v]) {  /* TF-IDF weights are never negative: nonzero means > 0 */
                    seen[v] = 1; touched[n_touched++] = v;
                    covered += 1; spread_sum += spread[v];
                    cross += spread[v] > 1 ? spread[v] - 1 : 0;
                    common += spread[v] >= 2;
                }
            }
        }
        double used = 0, best_share = 0, norm = 0, cs = 0, ss = 0, inner = 0;
        double inner_max = -INFINITY;
        for (Py_ssize_t a = 0; a < n_art; a++)
            if (share[a] > best_share) best_share = share[a];
        /* Articles used: those with a chosen sentence (a sentence of no words counts too). */
        memset(art_seen, 0, (size_t)n_art);
        for (Py_ssize_t j = 0; j < m; j++)
            if (!art_seen[art[members[j]]]) { art_seen[art[members[j]]] = 1; used += 1; }
        for (Py_ssize_t t = 0; t < n_touched; t++) {
            Py_ssize_t v = touched[t];
            norm += summ[v] * summ[v]; cs += summ[v] * cent[v]; ss += summ[v] * scent[v];
            summ[v] = 0.0; seen[v] = 0;
        }
        norm = sqrt(norm);
        if (norm < 1e-12) norm = 1e-12;
        for (Py_ssize_t a = 0; a < m; a++)
            for (Py_ssize_t b = 0; b < m; b++) {
                if (a == b) continue;
                Py_ssize_t i = members[a], j = members[b];
                /* Similarities are cached per pair of sentences: candidates share most of
                 * their sentences. */
                if (slot[i] < 0) slot[i] = n_slots++;
                if (slot[j] < 0) slot[j] = n_slots++;
                double *d = &gram[slot[i] * n + slot[j]];
                if (isnan(*d)) {
                    double x = 0;
                    for (Py_ssize_t q = nz_start[i]; q < nz_start[i + 1]; q++)
                        x += vec[i * V + nz[q]] * vec[j * V + nz[q]];
                    *d = x;
                }
                inner += *d;
                if (*d > inner_max) inner_max = *d;
            }
        double pairs = (double)m * (double)(m - 1);
        double count = m > 0 ? (double)m : 1.0, words_ = total > 1 ? total : 1.0;
        double own[SUMMARY_OWN] = {
            cross / extra_total, common / shared_total, spread_sum / (covered > 1 ? covered : 1),
            dens / budget, ssum / count, lo, hi, (total < budget ? total : budget) / budget,
            (double)m, used, best_share / words_, cs / norm, ss / norm,
            inner / (pairs > 1 ? pairs : 1), pairs > 0 ? inner_max : 0.0,
            psum / count, leads, rsum / count, rmax, covered / (tsum > 1 ? tsum : 1),
            set[r * 4], set[r * 4 + 1], set[r * 4 + 2], set[r * 4 + 3],
            (double)n, s_max, s_std,
        };
        memcpy(o, own, sizeof(own));
        for (Py_ssize_t f = 0; f < R; f++) {
            double a = 0;
            for (Py_ssize_t j = 0; j < m; j++) a += w[members[j]] * rows[members[j] * R + f];
            o[SUMMARY_OWN + f] = a / words_;
        }
    }
    for (Py_ssize_t r = 0; r < k; r++)
        for (Py_ssize_t f = 0; f < F; f++)
            out[r * 2 * F + F + f] = out[r * 2 * F + f] - out[f];
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(chosen);
    PyMem_Free(art); PyMem_Free(members); PyMem_Free(nz); PyMem_Free(nz_start);
    PyMem_Free(spread); PyMem_Free(rank); PyMem_Free(cent); PyMem_Free(scent); PyMem_Free(summ);
    PyMem_Free(share); PyMem_Free(seen); PyMem_Free(art_seen); PyMem_Free(touched);
    PyMem_Free(slot); PyMem_Free(gram);
    PyMem_Free(w); PyMem_Free(pos); PyMem_Free(nt); PyMem_Free(set);
    PyBuffer_Release(&sb); PyBuffer_Release(&vb); PyBuffer_Release(&rb); PyBuffer_Release(&ob);
    return result;
}

/* ---- module ------------------------------------------------------------------------------- */

/* ---- pair_table, pair_prior_features ---------------------------------------------------- */

/* The summary prior of adjacent token pairs (newsbrief.pair_prior): keys "a b" (two
 * tokens and a space) in an open-addressing table on FNV-1a hashes of their UTF-8 bytes, so a
 * pair is looked up without making the joined str. Two str are equal exactly when their
 * UTF-8 bytes are, so a look-up in the exact layout finds what the Python dict of (a, b)
 * tuples would; the compact layout (below) compares 48 bits of the hash instead. */
typedef struct { uint64_t hash; uint32_t off, len; double value; } PairSlot;
/* Two layouts. Exact: 24-byte slots with each key's bytes in ``blob`` (29 MB for the shipped
 * 374,000 pairs). Compact, when it can be built (``fp`` not NULL): one 8-byte word a slot,
 * the top 48 bits of the key's hash and, below them, 1 + the index of its value among the
 * table's distinct values (``values``): 8 MB, one cache line a look-up and no key bytes.
 * ``eval`` runs two workers, each with its own table, beside the other systems in a 32 MB
 * last-level cache, which two exact tables alone would overfill. A pair the table
 * lacks is taken for a listed one only when the two share all 48 bits and the look-up passes
 * that slot: about 1e-14 a look-up (a few of every 1e6 look-ups pass a slot, 2^-48 each). */
typedef struct {
    PairSlot *slots;
    char *blob;
    Py_ssize_t mask;
    uint64_t *fp;
    double *values;
    Py_ssize_t fmask;
} PairTable;

#define FP_HIGH 0xFFFFFFFFFFFF0000ULL

#define PAIR_TABLE_CAPSULE "newsbrief._kernels.PairTable"
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv1a(const char *s, Py_ssize_t n, uint64_t h)
{
    for (Py_ssize_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= FNV_PRIME; }
    return h;
}

static uint64_t pair_hash(const char *a, Py_ssize_t na, const char *b, Py_ssize_t nb)
{
    return fnv1a(b, nb, fnv1a(" ", 1, fnv1a(a, na, FNV_OFFSET)));
}

static void pair_table_release(PairTable *t)
{
    if (!t) return;
    PyMem_Free(t->slots); PyMem_Free(t->blob); PyMem_Free(t->fp); PyMem_Free(t->values);
    PyMem_Free(t);
}

static void pair_table_free(PyObject *capsule)
{
    pair_table_release(PyCapsule_GetPointer(capsule, PAIR_TABLE_CAPSULE));
}

/* The value slot of the compact table for hash h, or NULL when the table lacks it. */
static const uint64_t *pair_find_compact(const PairTable *t, uint64_t h)
{
    for (Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->fmask);; i = (i + 1) & t->fmask) {
        uint64_t w = t->fp[i];
        if (!w) return NULL;
        if ((w & FP_HIGH) == (h & FP_HIGH)) return &t->fp[i];
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One key line of pair_table's input: its hash, where it starts in ``keys`` and its line
 * number (which also orders repeats: the first keeps its value). */
typedef struct { uint64_t hash; uint32_t start, line; } PairLine;

static int cmp_pair_line(const void *a, const void *b)
{
    const PairLine *x = a, *y = b;
    uint64_t fx = x->hash & FP_HIGH, fy = y->hash & FP_HIGH;
    if (fx != fy) return fx < fy ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Whether key lines starting at a and b of ``keys`` are the same bytes. */
static int same_line(const char *keys, uint32_t a, uint32_t b)
{
    const char *x = keys + a, *y = keys + b;
    while (*x == *y && *x != '\n') { x++; y++; }
    return *x == '\n' && *y == '\n';
}

/* Build t's compact layout (see PairTable) straight from the key lines, without the exact
 * table: 1 when built, 0 when it cannot be (two different keys sharing their top 48 hash
 * bits, more than 65,535 distinct values, a NaN or -0.0 value), -1 on no memory. Sorts
 * ``lines`` in place. */
static int pair_table_compact(PairTable *t, const char *keys, PairLine *lines, Py_ssize_t n,
                              const double *v)
{
    qsort(lines, (size_t)n, sizeof *lines, cmp_pair_line);
    /* Repeats dropped (the first line of a key keeps its value), collisions refused. */
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t run = kept;  /* the kept lines of this fingerprint start here */
        while (run > 0 && (lines[run - 1].hash & FP_HIGH) == (lines[i].hash & FP_HIGH)) run--;
        int repeat = 0;
        for (Py_ssize_t q = run; q < kept && !repeat; q++) {
            if (!same_line(keys, lines[q].start, lines[i].start)) return 0;
            repeat = 1;
        }
        if (!repeat) lines[kept++] = lines[i];
    }
    double *sorted = PyMem_Malloc(sizeof(double) * (size_t)(kept ? kept : 1));
    if (!sorted) { PyErr_NoMemory(); return -1; }
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; i < kept; i++) {
        double x = v[lines[i].line];
        if (isnan(x) || (x == 0.0 && signbit(x))) { PyMem_Free(sorted); return 0; }
        sorted[i] = x;
    }
    qsort(sorted, (size_t)kept, sizeof(double), cmp_double);
    for (Py_ssize_t i = 0; i < kept; i++)
        if (!distinct || sorted[i] != sorted[distinct - 1]) sorted[distinct++] = sorted[i];
    if (distinct > 65535) { PyMem_Free(sorted); return 0; }
    double *fewer = PyMem_Realloc(sorted, sizeof(double) * (size_t)(distinct ? distinct : 1));
    if (fewer) sorted = fewer;  /* the distinct values only (13,051 of 373,900 shipped) */
    Py_ssize_t cap = 16;
    while (cap < kept * 2) cap <<= 1;  /* at most half full: most look-ups stay in one line */
    uint64_t *fp = PyMem_Calloc((size_t)cap, sizeof(uint64_t));
    if (!fp) { PyMem_Free(sorted); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < kept; i++) {
        double x = v[lines[i].line];
        Py_ssize_t lo = 0, hi = distinct - 1;  /* the value's index among ``sorted`` */
        while (lo < hi) {
            Py_ssize_t mid = (lo + hi) / 2;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        uint64_t h = lines[i].hash;
        Py_ssize_t at = (Py_ssize_t)(h & (uint64_t)(cap - 1));
        while (fp[at]) at = (at + 1) & (cap - 1);
        fp[at] = (h & FP_HIGH) | (uint64_t)(lo + 1);
    }
    t->fp = fp; t->fmask = cap - 1; t->values = sorted;
    return 1;
}

/* Whether slot s holds the key "a b". */
static int pair_key_is(const PairTable *t, const PairSlot *s, const char *a, Py_ssize_t na,
                       const char *b, Py_ssize_t nb)
{
    const char *k = t->blob + s->off;
    return memcmp(k, a, (size_t)na) == 0 && k[na] == ' ' && memcmp(k + na + 1, b, (size_t)nb) == 0;
}

/* The slot of the pair (a, b), or NULL when the table lacks it. Keys are never empty, so a
 * slot of length 0 is free. */
static const PairSlot *pair_find_hashed(const PairTable *t, uint64_t h, const char *a,
                                        Py_ssize_t na, const char *b, Py_ssize_t nb)
{
    Py_ssize_t n = na + 1 + nb;
    for (Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->mask);; i = (i + 1) & t->mask) {
        const PairSlot *s = &t->slots[i];
        if (!s->len) return NULL;
        if (s->hash == h && s->len == (uint32_t)n && pair_key_is(t, s, a, na, b, nb)) return s;
    }
}

/* The first slot whose hash and length are the pair's (the one pair_find_hashed returns
 * unless two keys of one length share a 64-bit hash), or NULL at a free slot: the slots
 * alone, so the key's bytes can be prefetched before pair_key_is compares them. */
static const PairSlot *pair_probe(const PairTable *t, uint64_t h, Py_ssize_t n)
{
    for (Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->mask);; i = (i + 1) & t->mask) {
        const PairSlot *s = &t->slots[i];
        if (!s->len) return NULL;
        if (s->hash == h && s->len == (uint32_t)n) return s;
    }
}

/* The key line of ``keys`` that starts at ``start``: where it ends (its newline) and the
 * lengths of its two words; 0 when it is not two words and a space. */
static int key_line(const char *keys, Py_ssize_t start, Py_ssize_t *end, Py_ssize_t *na,
                    Py_ssize_t *nb)
{
    Py_ssize_t e = start;
    while (keys[e] != '\n') e++;
    const char *line = keys + start, *space = memchr(line, ' ', (size_t)(e - start));
    if (!space || space == line || space == keys + e - 1) return 0;
    *end = e;
    *na = space - line;
    *nb = e - start - *na - 1;
    return 1;
}

/* pair_table(keys, values, compact=True): a capsule holding the pairs of ``keys`` (UTF-8 "a b"
 * lines, each ending in a newline) with the doubles of ``values`` (one per line, in order), in
 * the compact layout when ``compact`` and it can be built, else the exact one (PairTable). */
static PyObject *pair_table(PyObject *self, PyObject *args)
{
    Py_buffer keys, values;
    int compact = 1;
    if (!PyArg_ParseTuple(args, "y*y*|p", &keys, &values, &compact)) return NULL;
    PyObject *result = NULL;
    PairTable *t = NULL;
    PairLine *entries = NULL;
    const char *k = keys.buf;
    Py_ssize_t n = values.len / (Py_ssize_t)sizeof(double), lines = 0;
    for (Py_ssize_t i = 0; i < keys.len; i++) lines += k[i] == '\n';
    if (values.len % (Py_ssize_t)sizeof(double) || lines != n || keys.len > (Py_ssize_t)UINT32_MAX
        || (keys.len && k[keys.len - 1] != '\n')) {
        PyErr_SetString(PyExc_ValueError, "pair_table: one value per key line");
        goto done;
    }
    if (!(t = PyMem_Calloc(1, sizeof *t))) { PyErr_NoMemory(); goto done; }
    if (!(entries = PyMem_Malloc(sizeof(PairLine) * (size_t)(n ? n : 1)))) {
        PyErr_NoMemory();
        goto done;
    }
    const double *v = values.buf;
    Py_ssize_t start = 0;
    for (Py_ssize_t j = 0; j < n; j++) {  /* every line checked and hashed */
        Py_ssize_t end, na, nb;
        if (!key_line(k, start, &end, &na, &nb)) {
            PyErr_SetString(PyExc_ValueError, "pair_table: a key is not two words and a space");
            goto done;
        }
        entries[j] = (PairLine){pair_hash(k + start, na, k + start + na + 1, nb),
                                (uint32_t)start, (uint32_t)j};
        start = end + 1;
    }
    int built = compact ? pair_table_compact(t, k, entries, n, v) : 0;
    if (built < 0) goto done;
    if (!built) {  /* the exact layout */
        Py_ssize_t cap = 16;
        while (cap * 3 < n * 5) cap <<= 1;  /* at most 60% full */
        t->slots = PyMem_Calloc((size_t)cap, sizeof(PairSlot));
        t->blob = PyMem_Malloc((size_t)(keys.len ? keys.len : 1));
        t->mask = cap - 1;
        if (!t->slots || !t->blob) { PyErr_NoMemory(); goto done; }
        memcpy(t->blob, k, (size_t)keys.len);
        start = 0;  /* the lines again, in their order (a compact attempt sorts ``entries``) */
        for (Py_ssize_t j = 0; j < n; j++) {
            Py_ssize_t end, na, nb;
            key_line(t->blob, start, &end, &na, &nb);  /* checked above */
            const char *line = t->blob + start, *b = line + na + 1;
            uint64_t h = pair_hash(line, na, b, nb);
            if (!pair_find_hashed(t, h, line, na, b, nb)) {  /* a repeat keeps its first value */
                Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->mask);
                while (t->slots[i].len) i = (i + 1) & t->mask;
                t->slots[i] = (PairSlot){h, (uint32_t)start, (uint32_t)(end - start), v[j]};
            }
            start = end + 1;
        }
    }
    result = PyCapsule_New(t, PAIR_TABLE_CAPSULE, pair_table_free);
done:
    if (!result) pair_table_release(t);
    PyMem_Free(entries);
    PyBuffer_Release(&keys); PyBuffer_Release(&values);
    return result;
}

/* A sentence's adjacent pair: its hash and where its first word is. */
typedef struct { uint64_t hash; Py_ssize_t at; } PairAt;

static int cmp_pair_at(const void *x, const void *y)
{
    uint64_t a = ((const PairAt *)x)->hash, b = ((const PairAt *)y)->hash;
    return a < b ? -1 : a > b;
}

/* pair_table_layout(table): "compact" or "exact" (PairTable), for tests and diagnostics. */
static PyObject *pair_table_layout(PyObject *self, PyObject *capsule)
{
    const PairTable *t = PyCapsule_GetPointer(capsule, PAIR_TABLE_CAPSULE);
    if (!t) return NULL;
    return PyUnicode_FromString(t->fp ? "compact" : "exact");
}

/* pair_prior_features(table, base, sentences, out): newsbrief.pair_prior.features with the
 * table packed by pair_table: for each sentence (a sequence of str tokens), over its distinct
 * adjacent pairs, the mean, max and sum of the prior (``base`` for a pair the table lacks)
 * and the share the table has; then the mean's stable descending rank over the story divided
 * by max(1, n - 1), and its gap to the story's largest mean. ``out`` is n x 6 doubles.
 *
 * Each pair's hash is computed once: it prefetches the pair's slot (the table is tens of MB,
 * so most look-ups miss the cache, and issuing them all first overlaps the misses), then tells
 * repeated pairs apart: by their 64-bit hashes, so two different pairs of one sentence with
 * one hash (odds about 1e-17) would count as one. Pairs are summed in hash order, not the
 * Python set's, so the last bits can differ. */
static PyObject *pair_prior_features(PyObject *self, PyObject *args)
{
    PyObject *capsule, *sentences;
    double base;
    Py_buffer out;
    if (!PyArg_ParseTuple(args, "OdOw*", &capsule, &base, &sentences, &out)) return NULL;
    PyObject *result = NULL, *seq = NULL;
    const char **utf = NULL;
    Py_ssize_t *ulen = NULL;
    PairAt *pairs = NULL;
    const PairSlot **found = NULL;
    double *mean = NULL, *rank = NULL;
    const PairTable *t = PyCapsule_GetPointer(capsule, PAIR_TABLE_CAPSULE);
    if (!t) goto done;
    if (!(seq = PySequence_Fast(sentences, "pair_prior_features: sentences must be a sequence")))
        goto done;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), longest = 0;
    if (out.len != n * 6 * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "pair_prior_features: out must be n x 6 doubles");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t m = PyObject_Length(PySequence_Fast_GET_ITEM(seq, i));
        if (m < 0) goto done;
        if (m > longest) longest = m;
    }
    utf = PyMem_Malloc(sizeof(char *) * (size_t)(longest + 1));
    ulen = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(longest + 1));
    pairs = PyMem_Malloc(sizeof(PairAt) * (size_t)(longest + 1));
    found = PyMem_Malloc(sizeof(PairSlot *) * (size_t)(longest + 1));
    mean = PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    rank = PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    if (!utf || !ulen || !pairs || !found || !mean || !rank) { PyErr_NoMemory(); goto done; }
    double *o = out.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *toks = PySequence_Fast(PySequence_Fast_GET_ITEM(seq, i),
                                         "pair_prior_features: a sentence must be a sequence");
        if (!toks) goto done;
        Py_ssize_t m = PySequence_Fast_GET_SIZE(toks), np_ = 0;
        for (Py_ssize_t j = 0; j < m; j++) {
            PyObject *w = PySequence_Fast_GET_ITEM(toks, j);
            if (!PyUnicode_Check(w)) {
                PyErr_SetString(PyExc_TypeError, "pair_prior_features: tokens must be str");
                Py_DECREF(toks);
                goto done;
            }
            utf[j] = PyUnicode_AsUTF8AndSize(w, &ulen[j]);
            if (!utf[j]) {  /* a lone surrogate: in no pair of the table, but still a pair */
                if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                    Py_DECREF(toks);
                    goto done;
                }
                PyErr_Clear();
                ulen[j] = -1;
            }
        }
        for (Py_ssize_t j = 0; j + 1 < m; j++) {
            uint64_t h;
            if (ulen[j] < 0 || ulen[j + 1] < 0) {
                /* Unencodable: hash the objects' own hashes (never looked up, only told
                 * apart from the sentence's other pairs). */
                Py_hash_t ha = PyObject_Hash(PySequence_Fast_GET_ITEM(toks, j));
                Py_hash_t hb = PyObject_Hash(PySequence_Fast_GET_ITEM(toks, j + 1));
                if (ha == -1 || hb == -1) { Py_DECREF(toks); goto done; }
                h = ((uint64_t)ha * FNV_PRIME) ^ (uint64_t)hb ^ 0x9E3779B97F4A7C15ULL;
            } else {
                h = pair_hash(utf[j], ulen[j], utf[j + 1], ulen[j + 1]);
                if (t->fp) __builtin_prefetch(&t->fp[h & (uint64_t)t->fmask]);
                else __builtin_prefetch(&t->slots[h & (uint64_t)t->mask]);
            }
            pairs[np_++] = (PairAt){h, j};
        }
        double *row = o + 6 * i;
        for (int c = 0; c < 6; c++) row[c] = 0.0;
        mean[i] = 0.0;
        if (!np_) { Py_DECREF(toks); continue; }
        if (np_ > 64) qsort(pairs, (size_t)np_, sizeof *pairs, cmp_pair_at);
        else  /* a sentence's few dozen pairs: insertion sort, without qsort's calls */
            for (Py_ssize_t p = 1; p < np_; p++) {
                PairAt v = pairs[p];
                Py_ssize_t q = p;
                for (; q > 0 && pairs[q - 1].hash > v.hash; q--) pairs[q] = pairs[q - 1];
                pairs[q] = v;
            }
        /* Each pair's slot found by its hash, and the key's bytes prefetched, before any is
         * compared: a found key's bytes are in the 4.6 MB blob, a second miss that otherwise
         * waits on the slot's. */
        for (Py_ssize_t p = 0; p < np_ && !t->fp; p++) {
            Py_ssize_t j = pairs[p].at;
            found[p] = NULL;
            if (ulen[j] < 0 || ulen[j + 1] < 0) continue;
            found[p] = pair_probe(t, pairs[p].hash, ulen[j] + 1 + ulen[j + 1]);
            if (found[p]) __builtin_prefetch(t->blob + found[p]->off);
        }
        double sum = 0.0, best = -INFINITY;
        Py_ssize_t known = 0, distinct = 0;
        for (Py_ssize_t p = 0; p < np_; p++) {
            Py_ssize_t j = pairs[p].at;
            if (p && pairs[p].hash == pairs[p - 1].hash) continue;  /* a repeat */
            int listed;
            double v = base;
            if (t->fp) {
                const uint64_t *w = ulen[j] < 0 || ulen[j + 1] < 0 ? NULL
                                    : pair_find_compact(t, pairs[p].hash);
                if ((listed = w != NULL)) v = t->values[(*w & ~FP_HIGH) - 1];
            } else {
                const PairSlot *s = found[p];
                if (s && !pair_key_is(t, s, utf[j], ulen[j], utf[j + 1], ulen[j + 1]))
                    /* another key of this hash and length first: the full search */
                    s = pair_find_hashed(t, pairs[p].hash, utf[j], ulen[j], utf[j + 1],
                                         ulen[j + 1]);
                if ((listed = s != NULL)) v = s->value;
            }
            known += listed;
            distinct++;
            sum += v;
            if (v > best) best = v;
        }
        Py_DECREF(toks);
        row[0] = mean[i] = sum / (double)distinct;
        row[1] = best;
        row[2] = sum;
        row[3] = (double)known / (double)distinct;
    }
    if (n) {
        if (ranks(mean, n, 1, rank, (double)(n > 1 ? n - 1 : 1)) < 0) goto done;
        double top = mean[0];
        for (Py_ssize_t i = 1; i < n; i++) if (mean[i] > top) top = mean[i];
        for (Py_ssize_t i = 0; i < n; i++) { o[6 * i + 4] = rank[i]; o[6 * i + 5] = top - mean[i]; }
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(seq);
    PyMem_Free(utf); PyMem_Free(ulen); PyMem_Free(pairs); PyMem_Free(found); PyMem_Free(mean);
    PyMem_Free(rank);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"forest_predict", forest_predict, METH_VARARGS,
     "forest_predict(x, width, feature, threshold, kids, value, roots, depths, out): the sum "
     "of leaf values over the trees per row of x, written into out."},
    {"heap_predict", heap_predict, METH_VARARGS,
     "heap_predict(x, width, feature, threshold, value, trees, depth, out): forest_predict "
     "on newsbrief.trees' perfect-tree layout."},
    {"sentence_features", sentence_features, METH_VARARGS,
     "sentence_features(tokens, lengths, V, idf, prior, articles, n_articles, columns, "
     "rel_base, rel_rank, rel_gap_base, rel_gap, keywords, cols, vec): newsbrief.score's "
     "numeric features, written into cols (features x sentences) and vec (TF-IDF rows)."},
    {"greedy_select_many", greedy_select_many, METH_VARARGS,
     "greedy_select_many(values, sizes, vectors, V, words, terms, texts, quoted_of, settings, "
     "shared_pairs): newsbrief.select's greedy loop once per (values, (strict, lax, mmr)) "
     "pair, sharing "
     "similarities and repeat tests; a list of chosen index lists."},
    {"greedy_candidates", greedy_candidates, METH_VARARGS,
     "greedy_candidates(scores, tables, sizes, vectors, V, words, terms, texts, quoted_of, "
     "settings, shared_pairs): newsbrief.rerank.candidates' runs (values scores x "
     "tables[run][size], then the first run without each of its sentences), one per distinct "
     "set of sentences: [(chosen, run, dropped)]."},
    {"summary_features", summary_features, METH_VARARGS,
     "summary_features(chosen, scores, words, positions, n_terms, articles, vectors, V, rows, "
     "R, settings, budget, out): newsbrief.rerank.features of the candidate summaries chosen "
     "(articles: ids in order of first use; settings: four numbers per candidate), written "
     "into out (k x 2F)."},
    {"best_matches", best_matches, METH_VARARGS,
     "best_matches(mine, groups, own): for each chosen sentence's terms and each group of "
     "sentence terms but its own, (index, Dice overlap) of the first best match "
     "(newsbrief.attribute)."},
    {"terms_of", terms_of, METH_VARARGS,
     "terms_of(tokens, cache, term, rules) -> newsbrief.text.terms_of(tokens)."},
    {"index_terms", index_terms, METH_VARARGS,
     "index_terms(groups, tables, defaults, counted=False) -> (ids, lengths, weights, "
     "counts): a story's "
     "term vocabulary, its terms' ids and their values in each table (a tuple of dicts, or "
     "term_table's packed copy of them)."},
    {"pair_table", pair_table, METH_VARARGS,
     "pair_table(keys, values, compact=True) -> a packed table of token pairs (UTF-8 'a b' "
     "lines) and their values, for pair_prior_features."},
    {"pair_table_layout", pair_table_layout, METH_O,
     "pair_table_layout(table) -> 'compact' or 'exact': which layout pair_table built."},
    {"pair_prior_features", pair_prior_features, METH_VARARGS,
     "pair_prior_features(table, base, sentences, out): newsbrief.score.pair_features, "
     "written into out (sentences x 6)."},
    {"term_table", term_table, METH_VARARGS,
     "term_table(tables) -> a packed copy of one or two dicts of str -> number, for "
     "index_terms."},
    {"count_control", count_control, METH_VARARGS,
     "count_control(text, limit) -> how many of text[:limit] are control characters "
     "U+0000-U+0008 or U+000E-U+001F (newsbrief.ingest.check_text)."},
    {"words", words, METH_O,
     "words(text) -> newsbrief.text.words(text): lowercased word tokens."},
    {"tokens_and_terms", tokens_and_terms, METH_VARARGS,
     "tokens_and_terms(text, cache, term, rules) -> (tuple(words(text)), tuple(terms_of(those "
     "words)))."},
    {"boundary_cuts", boundary_cuts, METH_VARARGS,
     "boundary_cuts(text, begin, end, abbreviations, domains): where segment._BOUNDARY ends a "
     "sentence in text[begin:end], abbreviations left out."},
    {"line_spans", line_spans, METH_VARARGS,
     "line_spans(text, start, end, cuts, paragraph, out): newsbrief.segment.split_spans' "
     "trimmed (start, end, paragraph) pieces of one line, appended to out."},
    {"contains_lowered", contains_lowered, METH_VARARGS,
     "contains_lowered(text, keys) -> any(key in text.lower() for key in keys), ASCII keys."},
    {"count_words", count_words, METH_O,
     "count_words(text) -> len(text.split()), without making the list."},
    {"token_bag", token_bag, METH_VARARGS,
     "token_bag(words, english, junk) -> (distinct, english, digits, junk): newsbrief.screen."
     "_Bag's counts of one article's words."},
    {"shingle_overlap", shingle_overlap, METH_VARARGS,
     "shingle_overlap(articles, k) -> (sizes, common): distinct k-word runs per article and "
     "the runs each pair shares (newsbrief.screen.find_copies)."},
    {"surface", surface, METH_VARARGS,
     "surface(texts, tokens, n_terms, positions, words, first_person, attribution, "
     "pronoun_start): the 12 columns of newsbrief.score._SURFACE."},
    {"pair_support", pair_support, METH_VARARGS,
     "pair_support(sentences, articles, n_articles) -> (mean, max): newsbrief.score's "
     "word-pair support of each sentence over the other articles."},
    {"put_rows", put_rows, METH_VARARGS,
     "put_rows(out, width, rows, values): out[rows[k], :] = values[k] for a C-contiguous "
     "float64 matrix of width columns and sequences of numbers."},
    {"article_features", article_features, METH_VARARGS,
     "article_features(columns, counts, sizes, tokens, V, idf, rows[, surface]): columns 0-7 "
     "of newsbrief.screen.ARTICLE_FEATURES from each article's term counts, written into "
     "rows; columns 8-14 copied from surface (n x 7 numbers, row after row) when given."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_kernels", "Compiled per-story kernels for newsbrief.", -1, methods,
};

PyMODINIT_FUNC PyInit__kernels(void)
{
    const char *marks[5] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "''", "``"};
    for (int m = 0; m < 5; m++)
        if (!(quote_marks[m] = PyUnicode_FromString(marks[m]))) return NULL;
    if (!(colon_str = PyUnicode_FromString(":"))) return NULL;
    if (!(empty_frozenset = PyFrozenSet_New(NULL))) return NULL;
    return PyModule_Create(&module);
}
