#!/usr/bin/env node
// `node bin/visitnotes.js`, as the repository's scripts, tests and docs run the CLI: the
// command itself is bin/visitnotes.cjs (package.json "bin"), which this only runs.
import './visitnotes.cjs';
