"""A small German-French pair, four sentences translated one to one, with anchors (names,
numbers, dates) the lexical scorer can hold on to; tests add, drop or change sentences."""

from __future__ import annotations

DE = [
    "Die Expedition erreichte am 26. September das Lager auf 6500 Metern.",
    "Mira Murati leitete das Team von OpenAI seit 2018.",
    "Barrett Zoff und Bob McGrew verliessen das Unternehmen im Oktober 2024.",
    "Die Bewertung soll 150 Milliarden Dollar erreichen.",
]
FR = [
    "L'expédition a atteint le camp à 6500 mètres le 26 septembre.",
    "Mira Murati dirigeait l'équipe d'OpenAI depuis 2018.",
    "Barrett Zoff et Bob McGrew ont quitté l'entreprise en octobre 2024.",
    "La valorisation devrait atteindre 150 milliards de dollars.",
]
