"""Learning: the data, and training the models that digitpad.models loads.

data (MNIST, the pen-drawn digits, the real photos) ; augment (random warps) ; drawn (pen digits drawn as the page
would) ; negatives (made-up non-digits) -> training, piece_training, nondigit_training (the recipes in config) -> plots
and cards beside each model ; feedback (the page's users' answers, a store the page writes and training reads).
"""
