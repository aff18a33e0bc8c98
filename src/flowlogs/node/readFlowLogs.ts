import { createReadStream } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createGunzip } from 'node:zlib';
import { isGzip } from '../../core/decode/sniff.js';
import { NetsleuthError } from '../../core/errors.js';
import type { DecodeWarning } from '../../core/events.js';
import type { FlowLogFormat } from '../flowLogFormat.js';
import type { FlowRecord } from '../flowRecord.js';
import { type FlowLogInputSummary, readFlowLogBytes } from '../readFlowLogBytes.js';

const MAX_DEPTH = 32;
const MAX_WARNINGS = 50;
/** Files in a delivery tree that are not flow logs. */
const SKIP_FILES = new Set(['aws-logs-write-test', '.DS_Store']);

export interface ReadFlowLogsOptions {
  /** The flow log's format (`--flow-log-format`); header lines of S3 files take precedence. */
  format?: FlowLogFormat;
  onRecord: (record: FlowRecord) => void;
}

/** Totals over all flow log inputs; `files` has one summary per file read. */
export interface FlowLogsReadSummary {
  files: FlowLogInputSummary[];
  records: number;
  badLines: number;
  unformattedLines: number;
  warnings: DecodeWarning[];
}

/**
 * Reads flow log paths (`--flow-logs`, repeatable): plain or gzip text files, S3 delivery trees
 * (`AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/*.log.gz`, walked in sorted order), and CloudWatch
 * exports of a flow log group. One file at a time, streamed. A named path that cannot be read throws; a
 * file inside a tree that cannot be read is a warning. Throws INPUT_WRONG_SHAPE when nothing could be
 * read because the format is unknown, saying what to pass, and INPUT_EMPTY when there was no record at all.
 */
export async function readFlowLogs(
  paths: string[],
  options: ReadFlowLogsOptions,
): Promise<FlowLogsReadSummary> {
  const out: FlowLogsReadSummary = { files: [], records: 0, badLines: 0, unformattedLines: 0, warnings: [] };
  let dropped = 0;
  const warn = (w: DecodeWarning) => {
    if (out.warnings.length < MAX_WARNINGS) out.warnings.push(w);
    else dropped++;
  };
  const add = (s: FlowLogInputSummary) => {
    out.files.push(s);
    out.records += s.records;
    out.badLines += s.badLines;
    out.unformattedLines += s.unformattedLines;
    for (const w of s.warnings) warn(w);
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      throw unreadable(path, err);
    }
    if (!isDir) {
      add(await readFlowLogFile(path, path, options));
      continue;
    }
    let files = 0;
    for await (const file of walk(path)) {
      files++;
      try {
        add(await readFlowLogFile(file, relative(path, file) || file, options));
      } catch (err) {
        if (!(err instanceof NetsleuthError)) throw err;
        warn({ message: err.message });
      }
    }
    if (files === 0)
      throw new NetsleuthError('INPUT_EMPTY', `${path}: the directory holds no flow log files`);
  }
  if (dropped > 0) out.warnings.push({ message: `${dropped} more flow log warnings were not listed` });
  if (out.records === 0 && out.unformattedLines > 0) {
    throw new NetsleuthError(
      'INPUT_WRONG_SHAPE',
      `${paths.join(', ')}: no flow log record could be read: the lines have no header and are not the default version 2 format; pass the flow log's format with --flow-log-format (aws ec2 describe-flow-logs --query 'FlowLogs[].LogFormat')`,
    );
  }
  if (out.records === 0) {
    const why = out.warnings[0]?.message;
    throw new NetsleuthError(
      'INPUT_EMPTY',
      `${paths.join(', ')}: no flow log record found${why !== undefined ? ` (${why})` : ''}`,
    );
  }
  return out;
}

/** Reads one file, gunzipping when its first bytes say gzip (`.log.gz` or not). */
export async function readFlowLogFile(
  path: string,
  name: string,
  options: ReadFlowLogsOptions,
): Promise<FlowLogInputSummary> {
  let gzip: boolean;
  try {
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      gzip = isGzip(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw unreadable(name, err);
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => source.destroy(err));
  const gzipProblem: DecodeWarning[] = [];
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for await (const c of source) yield c as Uint8Array;
    } catch (err) {
      if (!gzip) throw unreadable(name, err);
      // what was decompressed before the damage stands
      gzipProblem.push({
        message: `${name}: the gzip data is damaged or ends early (${(err as Error).message}); records before that point were read`,
      });
    }
  }
  try {
    const summary = await readFlowLogBytes(chunks(), {
      source: name,
      onRecord: options.onRecord,
      ...(options.format ? { format: options.format } : {}),
    });
    summary.warnings.push(...gzipProblem);
    return summary;
  } finally {
    raw.destroy();
  }
}

function unreadable(path: string, err: unknown): NetsleuthError {
  if (err instanceof NetsleuthError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : `cannot read it (${code ?? (err as Error).message})`;
  return new NetsleuthError('INPUT_UNREADABLE', `${path}: ${why}`);
}

/** Files under `dir` in sorted order, one directory listing held at a time. */
async function* walk(dir: string, depth = 0): AsyncGenerator<string> {
  if (depth > MAX_DEPTH) return;
  const entries: Array<{ name: string; isDir: boolean }> = [];
  for await (const e of await opendir(dir)) {
    if (e.isDirectory()) entries.push({ name: e.name, isDir: true });
    else if (e.isFile() && !SKIP_FILES.has(e.name) && !e.name.startsWith('.'))
      entries.push({ name: e.name, isDir: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, isDir } of entries) {
    const path = join(dir, name);
    if (isDir) yield* walk(path, depth + 1);
    else yield path;
  }
}
