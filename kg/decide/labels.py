"""Gold labels for candidates: which annotated event of its article a report is, if any.

A report is matched to the article's gold events as the scorer matches exported events
(:func:`kg.evaluate.match_events`: enough participants named alike, one to one, best first); its
label is the status of its gold event, or ``none``.  Reports matched to an event the annotators
marked optional are left out of training (neither right nor wrong), and so are repeats: a report
that would match one of the article's gold events on its own but lost the one-to-one match to
another report of that event (the merge makes them one event; calling the repeat "not an event"
would teach the decider to drop real reports)."""

from __future__ import annotations

from collections.abc import Sequence

from ..evaluate import GoldEvent, PredictedEvent, match_events
from ..model import Mention

NONE = "none"
SKIP = "skip"


def as_predicted(i: int, m: Mention) -> PredictedEvent:
    return PredictedEvent(iri=str(i), kind=m.kind, statuses={m.status},
                          actors={a.key: {a.name, *a.alt_names} for a in m.actors},
                          places={m.place.name} if m.place else set(),
                          begin=m.begin.value if m.begin else None)


def label_mentions(golds: Sequence[GoldEvent], mentions: Sequence[Mention]) -> list[str]:
    """One label per mention: a status, ``none``, or ``skip`` (matched an optional gold event)."""
    preds = [as_predicted(i, m) for i, m in enumerate(mentions)]
    labels = [NONE] * len(mentions)
    for gi, pi in match_events(list(golds), preds, need_status=False):
        labels[pi] = SKIP if golds[gi].optional else golds[gi].status
    for pi, pred in enumerate(preds):
        if labels[pi] == NONE and match_events(list(golds), [pred], need_status=False):
            labels[pi] = SKIP  # a repeat of an event another report matched
    return labels
