"""The UI kit: layout, text, colours, widgets, keys and the quadrant map every screen draws with."""
