"""NetScore Atlas: a curated registry of ImageNet networks, their metrics, and the reference site built from it."""
