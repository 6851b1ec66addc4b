"""digitpad: recognise handwritten digits drawn in the browser, in files, or on paper.

The data's path, one subpackage per step, imports pointing down it only (docs/design.md): reading (an image file,
the canvas's strokes or a photo -> 28x28 model inputs and pieces) -> models (probabilities, numbers, "not a digit")
-> learning (the data, and training the models) -> serving (the page's pages, a room). config, files and stats are
shared by every step; cli is the command line.
"""
