"""Reading an input: an image file, the canvas' strokes or a photo of paper, turned into what the models read.

images (a file's bytes to an array) -> preprocess (one digit, centred as MNIST's were, 28x28) ; strokes and canvas (the
page's pen paths drawn again, then preprocessed) ; photo (paper cleaned to ink on white) -> segment (a number cut into
its digits). Pictures only: nothing here imports TensorFlow, the models or learning.
"""
