"""Knowing, profit-seeking and serial buyers, fabricated claims and extortion, both ways.

`profile` reads the buyer's facts once (knowledge, signs of buying to claim, the claims history,
units within a reasonable quantity); `food` decides what a knowing or profit-seeking food buyer's
punitive claim is worth by the assessment date (FDD Art. 3; FDP Arts. 12-13); the fraud
exceptions in fraud.py (CC 148, SPCL-2017) and the seller's promise (punitive/promise.py) decide
from `profile` outside food; `fabricated` voids every remedy for a staged violation (FDP Arts.
15-16, CPL Art. 115(2)); `extortion` weighs a demand against the lawful total (CL Art. 274).
"""

# Nothing is imported here: the rule modules import the submodule they need (the punitive
# regimes import claimants.food and claimants.flags, which must not pull in the engine).
