"""Search: language analysis (Kyrgyz, Russian, English), folding and transliteration."""
