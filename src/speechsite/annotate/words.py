"""Word boundaries of Chinese text from a dictionary segmentation (jieba, without its HMM
guesses), so that a pattern found by its shape is not taken to start or end inside a word.

Loading the dictionary takes about a second; one `DictionaryWords` serves a whole run and
remembers the segmentation of each text it was asked about. jieba keeps the loaded dictionary
in `jieba.cache` in our user cache folder (`cache_folder`), not in the shared system temp folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jieba
import jieba.posseg

from ..user_cache import user_cache_folder

NOUN_TAGS = ("n", "s", "vn")  # nouns, places, verbal nouns (综治)
PERSON_NAME = "nr"  # jieba tags a few common words so (杜绝): never taken for a noun


@dataclass
class DictionaryWords:
    _segmented: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @cached_property
    def _tokenizer(self) -> jieba.Tokenizer:
        logging.getLogger("jieba").setLevel(logging.WARNING)  # not its progress messages
        tokenizer = jieba.Tokenizer()
        # jieba writes its dictionary cache (a marshal dump it loads back) into the system temp
        # folder unless told otherwise: shared with every user there, and left behind. Ours goes
        # to the user cache folder; when that cannot be made, jieba's default stays.
        folder = cache_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        else:
            tokenizer.tmp_dir = str(folder)
        tokenizer.initialize()
        return tokenizer

    @cached_property
    def _tags(self) -> dict[str, str]:
        tags: dict[str, str] = jieba.posseg.POSTokenizer(self._tokenizer).word_tag_tab
        return tags

    def tokens(self, text: str) -> list[str]:
        if text not in self._segmented:
            self._segmented[text] = self._tokenizer.lcut(text, HMM=False)
        return self._segmented[text]

    def boundaries(self, text: str) -> frozenset[int]:
        offsets = [0]
        for token in self.tokens(text):
            offsets.append(offsets[-1] + len(token))
        return frozenset(offsets)

    def is_word(self, phrase: str) -> bool:
        return bool(self._tokenizer.FREQ.get(phrase))

    def tag(self, word: str) -> str:
        """jieba's part of speech of a dictionary word ("" for others)."""
        return self._tags.get(word, "")

    def is_noun(self, word: str) -> bool:
        tag = self.tag(word)
        return tag.startswith(NOUN_TAGS) and tag != PERSON_NAME


def cache_folder() -> Path:
    """Where jieba keeps its dictionary cache: speechsite's folder in the user's cache."""
    return user_cache_folder()
