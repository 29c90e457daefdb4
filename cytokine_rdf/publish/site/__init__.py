"""The static ontology site written by ``cytokine-rdf docs``.

``links`` names pages and resolves cross-references, ``model`` reads what the pages show from one
graph (entities, hierarchy, claims, back-links, metadata), ``pages`` renders the HTML and
``search`` the client-side search index. :mod:`cytokine_rdf.publish.docs` ties them together.
"""

from __future__ import annotations
