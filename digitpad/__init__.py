"""digitpad: recognise handwritten digits drawn in the browser, in files, or on paper.

The data's path, one module per step: canvas or file image (images) -> 28x28 model input (preprocess) -> probabilities
(classifier, over model) -> the page (app.py) or the command line (cli). Training: data -> augment -> training.
"""
