"""Research figures the lessons quote about people and machines spotting deepfakes, in one place.

Groh, Epstein, Firestone & Picard, "Deepfake detection by human crowds,
machines, and machine-informed crowds", PNAS 119 (2022): in one experiment
people chose the deepfake from a pair of videos (from the Deepfake Detection
Challenge, DFDC) and were right about 80% of the time; judging *single*
videos, as a viewer usually must, they were right 66-72% of the time. The
challenge's leading model scored 65% on videos it had never seen, and people
shown the model's opinion did better (66% to 73%), though a wrong opinion
also misled some of them.

Nightingale & Farid, "AI-synthesized faces are indistinguishable from real
faces and more trustworthy", PNAS 119 (2022): on StyleGAN2 faces people were
right 48% of the time, 59% after training.
"""

from __future__ import annotations

#: (what, share right) for the bar chart of Lesson 05; shares are 0-1.
HUMANS_AND_MACHINES = (
    ("people, one video at a time (low end)", 0.66),
    ("people, one video at a time (high end)", 0.72),
    ("leading challenge model, unseen videos", 0.65),
    ("people shown the model's opinion", 0.73),
)

#: People picking the fake from a real/fake pair of videos.
PAIR_OF_VIDEOS = 0.80
#: People on StyleGAN2 faces, before and after training.
GENERATED_FACES = (0.48, 0.59)

SOURCES = (
    "Groh et al., PNAS 119 (2022), e2110013119",
    "Nightingale & Farid, PNAS 119 (2022), e2120481119",
)

__all__ = ["GENERATED_FACES", "HUMANS_AND_MACHINES", "PAIR_OF_VIDEOS", "SOURCES"]
