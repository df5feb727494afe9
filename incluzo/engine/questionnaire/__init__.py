"""The "Welke bril?" questionnaire: themes, exact OCAI scoring, survey answers."""
