"""What happened: the event lexicon, triggers, arguments, and event records."""
