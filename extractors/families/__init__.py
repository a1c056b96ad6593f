"""The vocabulary of each entity-rule family: one module, one data file, one typed vocabulary.

Each module here names its data file in ``extractors/patterns/``, declares the file's keys
as a frozen dataclass (or, for the quote and span checks, an exact key schema) and loads it
with the one strict loader (:mod:`extractors.vocabulary`): a missing, unknown or misspelt
key is an error naming the file and the line, never a rule silently switched off.
:func:`extractors.rules.load_rules` gathers them into the :class:`~extractors.rules.RuleBook`.

======================  ==================================  ===============================
family                  rule code                           data file (extractors/patterns)
======================  ==================================  ===============================
name boundaries         extractors.names                    names.json
suffix checks           extractors.suffixes                 suffix_checks.json
place-name checks       extractors.suffixes, .entities      place_names.json
firms                   extractors.firms, .lists            firms.json
quotes                  extractors.quotes                   quotes.json
span checks             extractors.spans, .lists            spans.json
======================  ==================================  ===============================
"""
from extractors.families.firms import FirmVocabulary, load_firm_vocabulary
from extractors.families.names import NameVocabulary, load_name_vocabulary
from extractors.families.place_names import PlaceNameVocabulary, load_place_name_vocabulary
from extractors.families.quotes import load_quote_vocabulary
from extractors.families.spans import load_span_vocabulary
from extractors.families.suffix_checks import SuffixCheckVocabulary, load_suffix_check_vocabulary

__all__ = ["FirmVocabulary", "NameVocabulary", "PlaceNameVocabulary", "SuffixCheckVocabulary",
           "load_firm_vocabulary", "load_name_vocabulary", "load_place_name_vocabulary", "load_quote_vocabulary",
           "load_span_vocabulary", "load_suffix_check_vocabulary"]
