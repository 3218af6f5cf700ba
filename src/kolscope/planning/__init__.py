"""Campaign planning: turning a brief and a budget into a media mix."""
