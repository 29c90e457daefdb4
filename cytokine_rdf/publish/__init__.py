"""Layer 4, publishing: export, canonical Turtle, diffs, diagrams, GO-CAM, the HTML site, pushes to stores."""
