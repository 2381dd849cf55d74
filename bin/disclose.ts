#!/usr/bin/env node
// The disclose command. Runs on Node 22.18+ or 24, which run TypeScript directly.
import { main } from '../src/cli/main.ts';
import { processIo } from '../src/cli/io.ts';

process.exitCode = await main(process.argv.slice(2), processIo);
