import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StreamDecoder } from '../src/core/decode/decoder.js';
import type { LogEvent } from '../src/core/events.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES = join(ROOT, '..', 'shared', 'reference', 'samples');
export const BIN = join(ROOT, 'bin', 'netsleuth.js');

export function sample(rel: string): string {
  return join(SAMPLES, rel);
}

/** Feeds `bytes` to a decoder in chunks of `size` (1 = byte by byte), collecting events. */
export function decodeInChunks(
  make: (onEvent: (e: LogEvent) => void) => StreamDecoder,
  bytes: Uint8Array,
  size: number,
): { events: LogEvent[]; decoder: StreamDecoder } {
  const events: LogEvent[] = [];
  const decoder = make((e) => events.push(e));
  for (let i = 0; i < bytes.length; i += size) decoder.push(bytes.subarray(i, i + size));
  decoder.end();
  return { events, decoder };
}

/** A seeded generator of integers in [0, n) (Park–Miller): the same sequence on every run. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 48271) % 2147483647;
    return state % n;
  };
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function readSample(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(sample(rel)));
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with plain `node`. */
export function runCli(
  args: string[],
  options: { input?: string | Uint8Array; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
