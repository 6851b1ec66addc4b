"""The models, and reading with them: 28x28 pictures and pieces in, digits, numbers and verdicts out.

model (the network, saved and loaded safely) and views (the test-time turns) -> classifier (probabilities, with
nondigit's "not a digit" judge) ; pieces (is this piece one whole digit?) -> number (a drawn number read) ; reader (any
image: drawing or photo, one digit or several) ; explain (which ink the answer rests on). Imports reading, never
learning.
"""
