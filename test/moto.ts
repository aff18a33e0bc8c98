/**
 * Test helpers for the end-to-end tests: a throwaway `moto_server` (the AWS emulator) on 127.0.0.1 and the
 * real `aws` CLI pointed at it, with dummy credentials and no access to a developer's own AWS config.
 *
 * Both come with `pip install 'moto[server]' awscli`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOTO_REGION = 'us-east-1';

export interface Moto {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  /** Kills the server by PID and resolves once it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** A directory that holds no AWS config or credentials, so the paths below never exist. */
const NO_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'netsleuth-aws-'));

/**
 * The environment for `aws` and `moto_server`: the caller's environment without any `AWS_*` variable
 * (profiles, session tokens, CA bundles...), plus dummy credentials and config paths that do not exist.
 */
export function awsEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: MOTO_REGION,
    AWS_DEFAULT_REGION: MOTO_REGION,
    AWS_CONFIG_FILE: join(NO_CONFIG_DIR, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(NO_CONFIG_DIR, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a listening socket'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every server still running, killed synchronously if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function tryStart(port: number, timeoutMs: number): Promise<Moto> {
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: awsEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // Drain the request log so moto never blocks on a full pipe; keep the tail for error messages.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exited = child.exitCode !== null || child.signalCode !== null;
  let spawnError: Error | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (e) => {
      spawnError = e;
      exited = true;
      running.delete(child);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exit;
    }
  };

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      if (spawnError) {
        throw new Error(
          `cannot start moto_server (${spawnError.message}); install it with pip install 'moto[server]'`,
        );
      }
      throw new Error(`moto_server exited before answering on port ${port}:\n${output}`);
    }
    try {
      const res = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return { endpoint, port, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
}

/**
 * Starts `moto_server` on a free port of 127.0.0.1 and waits until it answers HTTP (up to ~20 s).
 * Call `stop()` from an `after()` hook.
 */
export async function startMoto(): Promise<Moto> {
  let lastError: unknown;
  // The port is free when picked but could be taken before moto binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await tryStart(await freePort(), 20_000);
    } catch (e) {
      lastError = e;
      if (e instanceof Error && e.message.startsWith('cannot start')) break;
    }
  }
  throw lastError;
}

/**
 * Runs the real `aws` CLI (v1) against `endpoint` with `--region us-east-1 --output json` and dummy
 * credentials. Returns stdout; throws with the command and stderr when it fails.
 */
export function aws(
  endpoint: string,
  args: string[],
  opts: { input?: string; timeoutMs?: number } = {},
): string {
  const argv = [...args, '--endpoint-url', endpoint, '--region', MOTO_REGION, '--output', 'json'];
  const r = spawnSync('aws', argv, {
    env: awsEnv(),
    input: opts.input,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`aws ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`aws ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  }
  return r.stdout;
}

export interface PutEvent {
  stream: string;
  timestamp: number;
  message: string;
}

/**
 * Creates a log group and its streams and puts the events with the real `aws` CLI, each stream's events in
 * time order and in batches of `batch` (PutLogEvents takes at most 10,000 events and 1 MB a call).
 */
export function putLogEvents(endpoint: string, group: string, events: PutEvent[], batch = 10_000): void {
  aws(endpoint, ['logs', 'create-log-group', '--log-group-name', group]);
  const dir = mkdtempSync(join(tmpdir(), 'netsleuth-put-'));
  const streams = [...new Set(events.map((e) => e.stream))];
  streams.forEach((stream, s) => {
    aws(endpoint, ['logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', stream]);
    const own = events.filter((e) => e.stream === stream).sort((a, b) => a.timestamp - b.timestamp);
    for (let i = 0; i < own.length; i += batch) {
      const file = join(dir, `${s}-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify(own.slice(i, i + batch).map((e) => ({ timestamp: e.timestamp, message: e.message }))),
      );
      const args = ['logs', 'put-log-events', '--log-group-name', group, '--log-stream-name', stream];
      aws(endpoint, [...args, '--log-events', `file://${file}`]);
    }
  });
  rmSync(dir, { recursive: true, force: true });
}
