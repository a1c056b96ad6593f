"""The one place that talks to jieba: a private tokenizer with per-document words.

jieba's global ``jieba.dt`` is never touched. Each :class:`Segmenter` owns a
``jieba.Tokenizer`` whose dictionary can be extended for one document (its
glossary terms and the names found in it) and restored afterwards, so that
雪亮工程 or 三供一业 stay whole in that document and nowhere else.

Part-of-speech tags come from jieba's dictionary by lookup (no second HMM
pass): they are hints for entity boundaries, never the entity decision.

The words are exactly jieba's accurate mode with its HMM (``Tokenizer.lcut``), computed in two ways:

* With jieba's own dictionary (no per-document words: nearly every call), the costly part, jieba's word
  graph and best route by log frequency, runs in Rust: :func:`_native_cutter` loads jieba's own words,
  counts and total into jieba-rs (the ``rjieba`` binding), whose ``cut`` without HMM returns the best
  route (the same blocks, graph, sums in the same order and ties). jieba's step after the route stays in
  Python (:meth:`Segmenter._native_words_and_tags`: single characters in a row become a dictionary word, the
  HMM's words, or stay single), with jieba's own HMM (:func:`_hmm_words`; jieba-rs rounds the HMM's table). The
  text is cut at the characters jieba-rs counts as Chinese and jieba does not (:data:`_NATIVE_ONLY_HAN`).
* With per-document words (``extra_words``: jieba's ``add_word`` changes counts and the total) or a
  dictionary changed behind the segmenter's back, :meth:`Segmenter._cut` runs jieba's ``__cut`` block by
  block in Python (:func:`_cut_han`: the word graph walked once per position, the same arithmetic in the
  same order) and remembers each block's words while the dictionary stays as it is: reports repeat
  about a third of their blocks.

The tests check both against jieba on every report of the archive and the corpus and on random text.
Start-up reads jieba's counts and the tag table from one cache file, whole (:func:`_load_dictionary`).
"""
from __future__ import annotations

import contextlib
import gc
import logging
import marshal
import os
import re
import sys
import threading
import zlib
from math import log as _ln
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter
from sys import intern
from pathlib import Path
from typing import NamedTuple, cast

__all__ = ["Token", "Segmenter", "get_segmenter", "try_jieba_import"]

log = logging.getLogger(__name__)

#: Blocks remembered per dictionary state before the memory is emptied (bounds memory on big archives).
BLOCK_MEMO_LIMIT = 100_000


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


#: An entry of the segmenter's table of words: the word's interned string, its tag, its :func:`_word_kind`.
_Entry = tuple[str, str, int]


class Token(NamedTuple):
    """A jieba token with its character offsets and dictionary POS tag ('x' if unknown)."""

    text: str
    start: int
    end: int
    tag: str


def try_jieba_import(posseg: bool = True):
    """Import jieba lazily with an error that says how to get it (as spaCy does); with ``posseg``, its
    part-of-speech module too (whose import reads the whole dictionary file for the tags).

    jieba's ``_compat`` imports ``pkg_resources`` (~0.3 s in every process and worker) only to open its own
    files, and opens them directly when that import fails: it is made to fail while jieba is imported."""
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # (an import of it raises ImportError)
    try:
        import jieba  # noqa: PLC0415
        if posseg:
            import jieba.posseg  # noqa: F401, PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("jieba is required: pip install jieba (or pip install -e . in this project)") from error
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "gov-report-kg")
    path = Path(base)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: jieba then works without a cache file
        pass
    return path


#: Characters jieba-rs puts in its blocks of Chinese text and jieba does not (``re_han_default`` stops at U+9FD5):
#: the rest of the main CJK block and the extensions. jieba yields each alone, so the text is cut at them.
_NATIVE_ONLY_HAN = re.compile("[\u9fd6-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef"
                              "\U0002f800-\U0002fa1f]")

#: What jieba-rs joins into one word where its best route leaves single characters (without its HMM): a run of
#: ASCII letters and digits. jieba's dictionary has no such word of two or more characters (checked when the
#: dictionary is loaded), so a word of this shape is such a run.
_ALNUM_RUN = re.compile("[a-zA-Z0-9]{2,}").fullmatch
#: The characters of jieba's blocks of Chinese text (``re_han_default``).
_HAN_CHARS = frozenset(map(chr, [*range(0x4E00, 0x9FD6), *b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-"]))

#: A dictionary entry that can never be part of a block (whitespace splits blocks): it carries the counts of jieba's
#: repeated dictionary lines, which jieba adds to its total once per line and jieba-rs once per word.
_TOTAL_FILLER = "\n"


def _rjieba_class():
    """rjieba's ``Jieba`` class (None without rjieba), without running the package's ``__init__``: that builds a
    default instance over jieba-rs's own dictionary (~0.15 s of CPU and its memory, in every process that segments)
    which is never used here. The extension module is loaded under its own name (``rjieba.rjieba``) as the package
    would load it, so a later ``import rjieba`` finds it; if that cannot be done the package is imported."""
    module = sys.modules.get("rjieba.rjieba")
    if module is None and "rjieba" not in sys.modules:
        import importlib.machinery  # noqa: PLC0415
        import importlib.util  # noqa: PLC0415

        with contextlib.suppress(ImportError, ValueError, OSError):
            package = importlib.util.find_spec("rjieba")  # (finds the package without importing it)
            locations = package.submodule_search_locations if package else None
            spec = importlib.machinery.PathFinder.find_spec("rjieba.rjieba", list(locations or ()))
            if spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
    if module is None:
        try:
            import rjieba  # noqa: PLC0415
        except ImportError:  # pragma: no cover - depends on the environment
            return None
        return rjieba.Jieba
    return module.Jieba


def _native_cutter(freq: dict[str, int], total: int) -> Callable[[str, bool], list[str]] | None:
    """jieba-rs's ``cut`` (the ``rjieba`` binding) over exactly this dictionary: its words with a count, their
    counts and jieba's total; None without rjieba, when the counts cannot add up to the total, or when a word is a
    run of ASCII letters and digits (:data:`_ALNUM_RUN`).

    jieba-rs computes jieba's word graph and best route in Rust: the same split of a text into blocks of Chinese text
    (but for :data:`_NATIVE_ONLY_HAN`) and the rest, the same words of the graph (those with a count), the same sums
    ``log(count) - log(total) + best[end]`` in the same order and the same ties (to the longer word). Its HMM is
    not used: its emission table is jieba's rounded to six decimals, which turns near ties the other way.
    """
    jieba_rs = _rjieba_class()
    if jieba_rs is None:  # pragma: no cover - depends on the environment
        return None
    # (in the dictionary's order, walked once: a look-up per word would jump about half a million entries)
    words = list(compress(freq, freq.values()))
    counts = list(filter(None, freq.values()))
    rest = total - sum(counts)
    if rest < 0 or _TOTAL_FILLER in freq or any(map(_ALNUM_RUN, filter(str.isascii, words))):
        return None
    native = jieba_rs.empty()
    for _ in map(native.add_word, words, counts, repeat(None)):
        pass
    if rest:
        native.add_word(_TOTAL_FILLER, rest, None)
    return native.cut


#: What a route word is to jieba's step after the route (:meth:`Segmenter._native_words_and_tags`), kept with the
#: word in the segmenter's table of words: 1 a single character of :data:`_HAN_CHARS`, 2 a run of ASCII letters and
#: digits (:data:`_ALNUM_RUN`, what jieba-rs joined of single characters), 0 any other word.
_SINGLE, _JOINED = 1, 2


def _word_kind(word: str) -> int:
    """The :data:`_SINGLE` / :data:`_JOINED` kind of a route word (0 for any other word)."""
    if word in _HAN_CHARS:  # (only single characters are in it)
        return _SINGLE
    return _JOINED if word.isascii() and _ALNUM_RUN(word) else 0


#: The route steps jieba's ``__cut_DAG`` joins, found in the route's kinds as bytes: two or more in a row (single
#: characters of a block, jieba-rs's joined Latin runs), or one joined Latin run (jieba-rs's run of single characters).
_JOINED_STEPS = re.compile(b"[\x01\x02]{2,}|\x02").finditer


def _best_route(sentence: str, freq: dict[str, int], total: int) -> list[int]:
    """For each position, the end of the word jieba's ``calc`` picks there (``route[x][1]``).

    jieba builds ``get_DAG`` (a dict of lists) and then takes, right to left, the max over each
    list of ``(log(freq or 1) - log(total) + route[end + 1], end)``; this walks the dictionary's
    prefixes once per position and keeps the max as it goes (same values, same order, ties to
    the first as ``max`` does).
    """
    logtotal = _ln(total)
    size = len(sentence)
    scores = [0.0] * (size + 1)
    ends = [0] * (size + 1)
    for idx in range(size - 1, -1, -1):
        best_score = best_end = None
        end = idx
        count = freq.get(sentence[idx])
        while count is not None:  # the fragment is a word or a word's prefix
            if count:
                score = _ln(count) - logtotal + scores[end + 1]
                if best_score is None or (score, end) > (best_score, best_end):
                    best_score, best_end = score, end
            end += 1
            if end >= size:
                break
            count = freq.get(sentence[idx:end + 1])
        if best_score is None or best_end is None:  # no word starts here: the character alone
            best_score, best_end = _ln(freq.get(sentence[idx]) or 1) - logtotal + scores[idx + 1], idx
        scores[idx], ends[idx] = best_score, best_end
    return ends


def _cut_han(sentence: str, freq: dict[str, int], total: int, hmm_cut: Callable[[str], Iterable[str]]) -> list[str]:
    """jieba's ``Tokenizer.__cut_DAG`` (accurate mode, HMM on) of one Han block, as a list."""
    ends = _best_route(sentence, freq, total)
    words: list[str] = []
    buf = ""
    x, size = 0, len(sentence)
    while x <= size:
        if x < size:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x:y]
                x = y
                continue
        if buf:  # single characters in a row: one, a dictionary word's letters, or an HMM guess
            if len(buf) == 1:
                words.append(buf)
            elif not freq.get(buf):
                words.extend(hmm_cut(buf))
            else:
                words.extend(buf)
            buf = ""
        if x == size:
            break
        words.append(sentence[x:y])
        x = y
    return words


def _viterbi_states(obs: str, start_p: dict, trans_p: dict, emit_p: dict, min_float: float) -> list[str]:
    """jieba's ``finalseg.viterbi`` state list (B M E S) for ``obs``: the same sums in the same order and the same
    ties (``max`` of (prob, state) tuples keeps the larger state letter), with one back pointer per state and
    character instead of a copied path list per state and character."""
    eB, eM, eS, eE = emit_p["B"], emit_p["M"], emit_p["S"], emit_p["E"]
    tEB, tSB = trans_p["E"].get("B", min_float), trans_p["S"].get("B", min_float)
    tMM, tBM = trans_p["M"].get("M", min_float), trans_p["B"].get("M", min_float)
    tSS, tES = trans_p["S"].get("S", min_float), trans_p["E"].get("S", min_float)
    tBE, tME = trans_p["B"].get("E", min_float), trans_p["M"].get("E", min_float)
    first = obs[0]
    vB, vM = start_p["B"] + eB.get(first, min_float), start_p["M"] + eM.get(first, min_float)
    vE, vS = start_p["E"] + eE.get(first, min_float), start_p["S"] + eS.get(first, min_float)
    back: list[tuple[str, str, str, str]] = []  # per character after the first: the previous state of B, M, E, S
    for char in obs[1:]:
        em = eB.get(char, min_float)
        from_e, from_s = vE + tEB + em, vS + tSB + em  # B follows E or S
        nB, pB = (from_s, "S") if from_s >= from_e else (from_e, "E")
        em = eM.get(char, min_float)
        from_m, from_b = vM + tMM + em, vB + tBM + em  # M follows M or B
        nM, pM = (from_m, "M") if from_m >= from_b else (from_b, "B")
        em = eS.get(char, min_float)
        from_s, from_e = vS + tSS + em, vE + tES + em  # S follows S or E
        nS, pS = (from_s, "S") if from_s >= from_e else (from_e, "E")
        em = eE.get(char, min_float)
        from_b, from_m = vB + tBE + em, vM + tME + em  # E follows B or M
        nE, pE = (from_m, "M") if from_m >= from_b else (from_b, "B")
        vB, vM, vS, vE = nB, nM, nS, nE
        back.append((pB, pM, pE, pS))
    state = "S" if vS >= vE else "E"
    states = [state] * len(obs)
    slot = {"B": 0, "M": 1, "E": 2, "S": 3}
    for t in range(len(obs) - 1, 0, -1):
        state = back[t - 1][slot[state]]
        states[t - 1] = state
    return states


def _hmm_words(run: str, finalseg) -> tuple[str, ...]:
    """jieba's ``finalseg.cut(run)`` (the HMM words of a run the dictionary left single), as a tuple: the same
    blocks, states and forced splits, with :func:`_viterbi_states` for the states."""
    words: list[str] = []
    force_split = finalseg.Force_Split_Words
    re_han, re_skip = finalseg.re_han, finalseg.re_skip
    for block in re_han.split(run):
        if re_han.match(block):
            states = _viterbi_states(block, finalseg.start_P, finalseg.trans_P, finalseg.emit_P, finalseg.MIN_FLOAT)
            cut: list[str] = []
            begin = nexti = 0
            for i, state in enumerate(states):
                if state == "B":
                    begin = i
                elif state == "E":
                    cut.append(block[begin:i + 1])
                    nexti = i + 1
                elif state == "S":
                    cut.append(block[i])
                    nexti = i + 1
            if nexti < len(block):
                cut.append(block[nexti:])
            for word in cut:
                if word not in force_split:
                    words.append(word)
                else:
                    words.extend(word)
        else:
            words.extend(piece for piece in re_skip.split(block) if piece)
    return tuple(words)


_DICTIONARY_CACHE = "jieba-dictionary.marshal"
#: The layout of the cache file, part of its key: a file written by an older layout is written again.
_DICTIONARY_LAYOUT = 2  # 2: the tags keyed by the counts' own strings


def _file_key(path: str) -> tuple[str, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return os.path.abspath(path), stat.st_size, stat.st_mtime_ns


def _load_dictionary(tokenizer, jieba) -> dict[str, str]:
    """Fill ``tokenizer`` (a fresh ``jieba.Tokenizer``) with jieba's word counts and return a copy of
    ``jieba.posseg``'s tag table (word → POS tag of jieba's dictionary), both read from one cache file while the
    dictionary files are unchanged.

    jieba itself reads its counts from its own cache with ``marshal.load`` on the open file, which reads object by
    object (~0.7 s here), and ``jieba.posseg`` parses the 350,000 lines of the dictionary file in Python for the tags
    (~0.35 s), in every process that segments, each worker too. Counts, total and tags are the same each time, so
    they are kept in one file read whole and decoded by one ``marshal.loads``, keyed by jieba's version, the path,
    size and modification time of the dictionary files (the tokenizer's, and ``jieba.dt``'s for the tags) and the
    file's layout (:data:`_DICTIONARY_LAYOUT`). A
    missing, stale or unreadable cache falls back to jieba (``Tokenizer.initialize`` and ``jieba.posseg``) and is
    written again; in a read-only cache folder jieba is asked every time. While ``jieba.posseg`` is imported its own
    table is copied (it may hold tags added since).
    """
    default = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    files = (tokenizer.dictionary or default, jieba.dt.dictionary or default)
    stats = tuple(map(_file_key, files))
    key = None if None in stats else (jieba.__version__, *stats, _DICTIONARY_LAYOUT)
    # one file per pair of dictionary paths (several environments share the cache folder)
    cache = _cache_dir() / f"{_DICTIONARY_CACHE}-{zlib.crc32(repr(tuple(map(os.path.abspath, files))).encode()):08x}"
    if key is not None:
        try:
            with open(cache, "rb") as handle:
                stored_key, freq, total, tags = marshal.loads(handle.read())
            if stored_key == key and isinstance(freq, dict) and freq and isinstance(total, int) and isinstance(tags, dict):
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
                return _posseg_tags() if "jieba.posseg" in sys.modules else tags
        except (OSError, EOFError, ValueError, TypeError):
            pass
    tokenizer.initialize()
    tags = _posseg_tags()
    if key is not None and (jieba.dt.dictionary or None) == (jieba.posseg.dt.tokenizer.dictionary or None):
        temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        try:  # written whole, then moved into place: a reader never sees half a file
            # (the tags keyed by the very strings of the counts, and each tag one string: marshal writes a reference
            # for an object it wrote already, so each word is decoded once, and a tag once, when the file is read)
            same = {word: word for word in tokenizer.FREQ}
            shared = {same.get(word, word): intern(tag) for word, tag in tags.items()}
            with open(temporary, "wb") as handle:
                marshal.dump((key, tokenizer.FREQ, tokenizer.total, shared), handle)
            os.replace(temporary, cache)
        except OSError:  # a read-only cache folder: jieba is asked next time too
            with contextlib.suppress(OSError):
                os.remove(temporary)
    return tags


def _posseg_tags() -> dict[str, str]:
    """A copy of ``jieba.posseg``'s tag table (importing it reads the dictionary file)."""
    posseg = try_jieba_import().posseg
    if not posseg.dt.word_tag_tab:
        posseg.dt.initialize()
    return dict(posseg.dt.word_tag_tab)


class Segmenter:
    """A private jieba tokenizer; :meth:`extra_words` extends it for one document."""

    def __init__(self) -> None:
        jieba = try_jieba_import(posseg=False)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(_cache_dir())  # (where jieba keeps its own cache when it is asked)
        # the word counts into the tokenizer, and our own copy of jieba.posseg's tags: per-document tags go into it (and
        # come out again) without touching jieba's
        self._tags: dict[str, str] = _load_dictionary(self._tokenizer, jieba)
        self._re_han, self._re_skip = jieba.re_han_default, jieba.re_skip_default  # what Tokenizer.cut splits on
        self._finalseg = jieba.finalseg
        self._word_table: dict[str, _Entry] = {}  # word → (its interned string, its tag now, its _word_kind)
        self._hmm_memo: dict[str, tuple[str, ...]] = {}  # a run of single characters → jieba's HMM words for it
        # a run of route steps jieba joins → the entries of its words: made and read on the native path only, where
        # the dictionary and the tags are jieba's own (extra_words puts its tags back when its block ends)
        self._run_memo: dict[str, tuple[_Entry, ...]] = {}
        self._force_split = len(jieba.finalseg.Force_Split_Words)
        self._memo: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # block → (words, tags)
        self._scope = 0  # which extra_words block the dictionary is in (0: none); a fresh number per block
        self._scopes_opened = 0
        self._memo_state = self._dictionary_state()
        self._base = (self._memo_state, self._memo)
        # jieba-rs for the best routes while the dictionary is jieba's own (no extra words)
        self._native = _native_cutter(self._tokenizer.FREQ, self._tokenizer.total)
        # one thread at a time: extra_words changes the shared dictionary for its whole block, and a Dask worker
        # (`dask worker` runs as many threads as cores) would otherwise segment one report with another's words
        self._lock = threading.RLock()

    def _dictionary_state(self) -> tuple[int, int, int]:
        # what add_word changes (the total count, the number of words and prefixes) and the extra_words block:
        # two documents' extra words may leave the same counts with other words
        return self._tokenizer.total, len(self._tokenizer.FREQ), self._scope

    def _block_memo(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """The remembered blocks of the dictionary as it is now (a new memory when words were added)."""
        state = self._dictionary_state()
        if state != self._memo_state:
            base_state, base_memo = self._base
            self._memo_state, self._memo = state, (base_memo if state == base_state else {})
        return self._memo

    def _hmm_cut(self, run: str) -> tuple[str, ...]:
        """jieba's HMM words (``finalseg.cut``) for a run of characters the dictionary left single, remembered
        (more than half of the runs recur)."""
        found = self._hmm_memo.get(run)
        if found is None:
            found = _hmm_words(run, self._finalseg)
            if len(self._hmm_memo) >= BLOCK_MEMO_LIMIT:
                self._hmm_memo.clear()
            self._hmm_memo[run] = found
        return found

    def _entries(self, cut: Sequence[str]) -> list[_Entry]:
        """The table entries of the words of ``cut``: each word as an interned string (one string per distinct word:
        memory), its tag and its :func:`_word_kind`, by one look-up each in a table of the words seen so far (smaller
        than the interpreter's table of interned strings and the dictionary's tag table, which a new word would
        otherwise search both)."""
        table = self._word_table
        entries = list(map(table.get, cut))
        if None in entries:
            words = list(cut)
            tag_of = self._tags.get
            if len(table) >= BLOCK_MEMO_LIMIT:
                table.clear()
            for i, entry in enumerate(entries):
                if entry is None:
                    word = intern(words[i])
                    entry = table.get(word)
                    if entry is None:
                        entry = table[word] = (word, tag_of(word, "x"), _word_kind(word))
                    entries[i] = entry
        return cast("list[_Entry]", entries)  # (every None replaced above)

    def _words_and_tags(self, cut: list[str]) -> tuple[list[str], list[str]]:
        """The words of ``cut`` as interned strings and their tags (:meth:`_entries`)."""
        entries = self._entries(cut)
        return list(map(_FIRST, entries)), list(map(_SECOND, entries))

    def _native_words_and_tags(self, text: str,
                               native: Callable[[str, bool], list[str]]) -> tuple[list[str], list[str]]:
        """``tokenizer.lcut(text)`` and the words' tags: the best route's words by jieba-rs, then jieba's
        ``__cut_DAG`` step for the characters it leaves single (a run of them is one word if the dictionary has it,
        else the HMM's words, else each alone). The text is cut at each character of :data:`_NATIVE_ONLY_HAN` (a block
        boundary for jieba).

        The route's words are looked up in the table of words once (their tags and kinds); the runs to join are
        found in C in the bytes of their kinds (:data:`_JOINED_STEPS`, one step in fifteen), and each run's words
        are remembered with their entries (most runs recur): the words between runs are not visited in Python."""
        if _NATIVE_ONLY_HAN.search(text) is None:
            route = native(text, False)
        else:
            route = []
            done = 0
            for match in _NATIVE_ONLY_HAN.finditer(text):
                if done < match.start():
                    route += native(text[done:match.start()], False)
                route.append(match.group())
                done = match.end()
            if done < len(text):
                route += native(text[done:], False)
        entries = self._entries(route)
        joined: list[_Entry] = []
        done = 0
        memo, freq = self._run_memo, self._tokenizer.FREQ
        for steps in _JOINED_STEPS(bytes(map(_THIRD, entries))):
            begin, end = steps.span()
            joined += entries[done:begin]
            run = "".join(route[begin:end])
            found = memo.get(run)
            if found is None:
                # a dictionary word's letters one by one, else the HMM's words (jieba's __cut_DAG)
                found = tuple(self._entries(self._hmm_cut(run) if not freq.get(run) else run))
                if len(memo) >= BLOCK_MEMO_LIMIT:
                    memo.clear()
                memo[run] = found
            joined += found
            done = end
        if done:
            joined += entries[done:]
            entries = joined
        return list(map(_FIRST, entries)), list(map(_SECOND, entries))

    def _cut(self, text: str, tags: list[str] | None = None) -> list[str]:
        """:meth:`_cut_unlocked` while no other thread segments or changes the dictionary."""
        with self._lock:
            return self._cut_unlocked(text, tags)

    def _cut_unlocked(self, text: str, tags: list[str] | None = None) -> list[str]:
        """``list(tokenizer.cut(text))`` (accurate mode, HMM on); with ``tags``, each word's tag ('x' if none) is
        appended to it. With jieba's own dictionary, by jieba-rs (:meth:`_native_words_and_tags`); with per-document words,
        block by block, each Han block's words and their dictionary tags remembered."""
        memo = self._block_memo()
        if len(self._finalseg.Force_Split_Words) != self._force_split:  # what the HMM words depend on besides the run
            self._force_split = len(self._finalseg.Force_Split_Words)
            self._hmm_memo.clear()
            self._run_memo.clear()
        if self._native is not None and self._memo_state == self._base[0] and not self._force_split:
            words, labels = self._native_words_and_tags(text, self._native)
            if tags is not None:
                tags += labels
            return words
        tokenizer, hmm_cut, tag_of = self._tokenizer, self._hmm_cut, self._tags.get
        re_han, re_skip = self._re_han, self._re_skip
        words = []
        extend = words.extend
        for block in re_han.split(text):
            if not block:
                continue
            if re_han.match(block):
                found = memo.get(block)
                if found is None:
                    # (the tags change only with the dictionary's words, and the memory with them: _block_memo)
                    cut_words, cut_tags = self._words_and_tags(_cut_han(block, tokenizer.FREQ, tokenizer.total, hmm_cut))
                    found = (tuple(cut_words), tuple(cut_tags))
                    if len(memo) >= BLOCK_MEMO_LIMIT:
                        memo.clear()
                    memo[block] = found
                extend(found[0])
                if tags is not None:
                    tags.extend(found[1])
            else:
                for piece in re_skip.split(block):
                    if re_skip.match(piece):
                        piece = intern(piece)
                        words.append(piece)
                        if tags is not None:
                            tags.append(tag_of(piece, "x"))
                    elif piece:
                        chars = list(map(intern, piece))  # one character at a time, as jieba yields them
                        extend(chars)
                        if tags is not None:
                            tags.extend(map(tag_of, chars, repeat("x")))
        return words

    @property
    def tokenizer(self):
        """The private ``jieba.Tokenizer`` (for tests and advanced use)."""
        return self._tokenizer

    def tag_of(self, word: str) -> str:
        """The dictionary POS tag of a word (a per-document tag while one is set), or 'x' if unknown."""
        with self._lock:
            return self._tags.get(word, "x")

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary counts ``word`` as a word (0 if it is no word there)."""
        with self._lock:
            return int(self._tokenizer.FREQ.get(word) or 0)

    def tokens(self, text: str) -> list[Token]:
        """Segment ``text`` into tokens with offsets and POS hints.

        The same tokens as ``tokenize()`` (offsets are running sums of word lengths), built
        with C-level map/zip: this runs for every word of every report.
        """
        return self.tokens_and_lengths(text)[0]

    def tokens_and_lengths(self, text: str) -> tuple[list[Token], list[int]]:
        """:meth:`tokens`, and the length of each token's text (what a :class:`extractors.names.TokenIndex` is built
        from without a second pass over the tokens)."""
        labels: list[str] = []
        with self._lock:  # (the collector's switch below is process-wide too)
            words = self._cut_unlocked(text, labels)  # interned: one string per distinct word (memory); tags too
            lengths = list(map(len, words))
            ends = list(accumulate(lengths))
            starts = [0, *ends[:-1]]
            # tuple.__new__ builds the named tuples in C (Token(...) would call a Python __new__ per word). The cyclic
            # garbage collector waits meanwhile: a Token (a tuple subclass, never untracked) holds strings and ints
            # only, so it can close no cycle, but ten thousand new ones at once set off collections that walk the
            # whole heap.
            collecting = gc.isenabled()
            gc.disable()
            try:
                return list(map(tuple.__new__, repeat(Token), zip(words, starts, ends, labels))), lengths
            finally:
                if collecting:
                    gc.enable()

    def words(self, text: str) -> list[str]:
        """Segment ``text`` into words only (jieba's ``lcut``)."""
        return self._cut(text)

    @contextmanager
    def extra_words(self, words: Iterable[tuple[str, str]]) -> Iterator[None]:
        """Add ``(word, tag)`` pairs to the dictionary for the ``with`` block only (other threads of the process
        wait to segment until the block ends)."""
        with self._lock:
            yield from self._extra_words_unlocked(words)

    def _extra_words_unlocked(self, words: Iterable[tuple[str, str]]) -> Iterator[None]:
        freq = self._tokenizer.FREQ
        saved_total = self._tokenizer.total
        saved: dict[str, int | None] = {}
        saved_tags: dict[str, str | None] = {}
        outer_scope = self._scope
        for word, tag in words:
            if len(word) < 2:
                continue
            if self._scope == outer_scope:  # the first word added: the dictionary of a new block
                self._scopes_opened += 1
                self._scope = self._scopes_opened
            for i in range(1, len(word) + 1):
                frag = word[:i]
                if frag not in saved:
                    saved[frag] = freq.get(frag)
            self._tokenizer.add_word(word, None, None)
            if tag and word not in saved_tags:
                saved_tags[word] = self._tags.get(word)
                self._tags[word] = tag
                self._word_table.pop(word, None)  # its tag changed: looked up again
        try:
            yield
        finally:
            for frag, old in saved.items():
                if old is None:
                    freq.pop(frag, None)
                else:
                    freq[frag] = old
            self._tokenizer.total = saved_total
            self._scope = outer_scope
            for word, old_tag in saved_tags.items():
                self._word_table.pop(word, None)  # its tag changes back
                if old_tag is None:
                    self._tags.pop(word, None)
                else:
                    self._tags[word] = old_tag


@lru_cache(maxsize=1)
def get_segmenter() -> Segmenter:
    """The process-wide segmenter (its dictionary loads once per process)."""
    return Segmenter()
