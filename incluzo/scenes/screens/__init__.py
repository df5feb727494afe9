"""The game's screens for one group and solo practice, shared by every mode, and the group director."""
