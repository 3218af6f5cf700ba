"""What a click is: the visitor class, bots and previews, hashed visitors, unique clicks and
bursts (pure)."""
