// The profiling driver's entry point (see Profile.swift; built by scripts/profile.sh, not by SwiftPM).
Profile.runIfAsked()
Fixture.note("set QUOTE_PROFILE to a case: one-line, twenty-lines, wall, json, cold-open, each -demo or -100k")
