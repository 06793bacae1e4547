"""A span of years written short ("1950-53") is the years in full ("von 1950 bis 1953")."""

from __future__ import annotations

import pytest
from flagged import flagged_numbers

# ntrex-dev (NTREX-128, CC BY-SA 4.0)
ENGLISH = (
    "North Korea has been seeking a formal end to the 1950-53 Korea War, but the United States "
    "has said Pyongyang must give up its nuclear weapons first."
)
GERMAN = (
    "Nordkorea strebt ein offizielles Ende des von 1950 bis 1953 geführten Korea-Kriegs an, "
    "aber die Vereinigten Staaten haben gesagt, dass Pjöngjang zuerst seine Atomwaffen "
    "aufgeben muss."
)


def test_a_short_span_of_years_is_the_years_in_full():
    assert flagged_numbers("en", ENGLISH, "de", GERMAN) == set()


@pytest.mark.parametrize(
    ("english", "german", "flagged"),
    [
        # another end year is a change
        (ENGLISH, GERMAN.replace("1953", "1954"), {("source", "53"), ("target", "1954")}),
        # a score is no span of years: "1-0" is no 2001
        ("They won 1-0 in 2001.", "Sie gewannen 2001 mit 1 zu 0.", set()),
    ],
)
def test_only_a_later_year_of_the_same_century_is_read_so(english, german, flagged):
    assert flagged_numbers("en", english, "de", german) == flagged
