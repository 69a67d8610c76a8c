"""Who is who: the knowledge base and the resolution of phrases to actors and places."""
