"""Property tests: the classifier is total, and templated cues always win."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.model import Modality
from dyadwatch.modality import classify

SUBJECTS = ["Pakistan", "Iran", "The Indian army", "Chinese officials", "Kenyan police",
            "The Turkish government", "Russian forces", "Ukraine"]
#: (past tense, base form) of event verbs
VERBS = [("expelled", "expel"), ("attacked", "attack"), ("condemned", "condemn"),
         ("recalled", "recall"), ("shelled", "shell"), ("sanctioned", "sanction"),
         ("criticised", "criticise"), ("arrested", "arrest"), ("blocked", "block")]
OBJECTS = ["the envoy", "the militants", "a border post", "the convoy", "two diplomats",
           "its neighbour"]
#: template -> the modality it must produce for the verb
FRAMES = {
    "{s} {past} {o}.": Modality.ASSERTED,
    "{s} did not {base} {o}.": Modality.NEGATED,
    "{s} never {past} {o}.": Modality.NEGATED,
    "{s} refused to {base} {o}.": Modality.NEGATED,
    "{s} could {base} {o}.": Modality.HYPOTHETICAL,
    "{s} might {base} {o} next week.": Modality.HYPOTHETICAL,
    "{s} will {base} {o}.": Modality.FUTURE,
    "{s} plans to {base} {o}.": Modality.FUTURE,
    "If {s} {past} {o}, the talks would collapse.": Modality.CONDITIONAL,
    "Officials said {s} {past} {o}.": Modality.ASSERTED,
}

fast = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@fast
@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(OBJECTS),
       st.sampled_from(sorted(FRAMES)))
def test_templated_cue_decides(nlp, subj, verb, obj, frame) -> None:
    past, base = verb
    text = frame.format(s=subj, past=past, base=base, o=obj)
    doc = nlp(text)
    trig = next(t for t in doc if t.lower_ in (past, base) and t.pos_ in ("VERB", "NOUN", "ADJ"))
    modality, info = classify(trig)
    assert modality == FRAMES[frame], (text, info)


@fast
@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(OBJECTS))
def test_negating_an_asserted_sentence_never_keeps_it_asserted(nlp, subj, verb, obj) -> None:
    past, base = verb
    plain = nlp(f"{subj} {past} {obj}.")
    negated = nlp(f"{subj} did not {base} {obj}.")
    assert classify(next(t for t in plain if t.lower_ == past))[0] == Modality.ASSERTED
    assert classify(next(t for t in negated if t.lower_ == base))[0] != Modality.ASSERTED


WORDS = st.sampled_from(
    "if unless not never no will would could may might should had were Iran Pakistan "
    "strike strikes attack said refused to of from without rather than instead the a "
    "talks ? , . and but whether plans expected failure threatened".split())


@fast
@given(st.lists(WORDS, min_size=1, max_size=18), st.text(max_size=40))
def test_classify_is_total(nlp, words, noise) -> None:
    # any parse of any token soup: every token classifies to a Modality with evidence
    doc = nlp(" ".join(words) + " " + noise)
    for tok in doc:
        modality, info = classify(tok)
        assert isinstance(modality, Modality)
        assert {"cue", "rule", "speaker", "hedge"} <= set(info)
