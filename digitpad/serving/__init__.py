"""Serving the page: app.py's pages (draw_page, photo_page, wall_page) and what they share (loaders: the models, loaded
once; widgets: a reading and "was it right?"); preload (the models loaded as Streamlit starts, `digitpad app`) and room
(several processes behind nginx for a room of people, `digitpad room`)."""
