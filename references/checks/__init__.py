"""The health checks of the reference library: Crossref, PubMed, Retraction Watch and links."""
