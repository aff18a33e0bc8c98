import { opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { NetsleuthError } from '../core/errors.js';
import type { DecodeWarning } from '../core/events.js';
import type { InputSummary } from '../core/report.js';
import { readFile, type ReadOptions } from './readInput.js';

/** The permission probe CloudWatch writes at the root of an export prefix. */
const SKIP_FILES = new Set(['aws-logs-write-test', '.DS_Store']);
const MAX_DEPTH = 32;
const MAX_WARNINGS = 50;
// The folder CreateExportTask names after the task (real AWS), or after each stream (moto): a UUID.
const EXPORT_TASK_DIR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Chunk files of an export: 000000.gz, 000001.gz …
const EXPORT_CHUNK = /^\d{6}(\.gz)?$/;

/** Every file under `root`, in sorted order, without holding more than one directory listing at a time. */
async function* walk(dir: string, depth = 0): AsyncGenerator<string> {
  if (depth > MAX_DEPTH) return;
  const names: Array<{ name: string; isDir: boolean }> = [];
  for await (const entry of await opendir(dir)) {
    if (entry.isDirectory()) names.push({ name: entry.name, isDir: true });
    else if (entry.isFile() && !SKIP_FILES.has(entry.name)) names.push({ name: entry.name, isDir: false });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, isDir } of names) {
    const path = join(dir, name);
    if (isDir) yield* walk(path, depth + 1);
    else yield path;
  }
}

/**
 * The stream a file of an S3 export holds: the folders between the export task's folder and the chunk
 * file (stream names with `/` become nested folders). Other files in a tree are named by their path.
 */
export function streamOfExportPath(root: string, file: string): { stream: string; isExport: boolean } {
  const parts = relative(root, file).split(sep);
  const fileName = parts[parts.length - 1] ?? '';
  const taskDir = parts.findIndex((p) => EXPORT_TASK_DIR.test(p));
  if (EXPORT_CHUNK.test(fileName) && taskDir !== -1 && taskDir < parts.length - 2) {
    return { stream: parts.slice(taskDir + 1, -1).join('/'), isExport: true };
  }
  return { stream: parts.join('/'), isExport: false };
}

/**
 * Reads a directory tree as one input: an S3 export (`<prefix>/<task>/<stream…>/000000.gz`, lines
 * `<ISO time> <message>`, multi-line messages kept whole), or any mix of exports and `.gz` files. Files
 * are read one after the other in sorted order; unreadable files become warnings.
 */
export async function readDirectory(root: string, options: ReadOptions): Promise<InputSummary> {
  const formats = new Set<string>();
  const warnings: DecodeWarning[] = [];
  let events = 0;
  let bytes = 0;
  let files = 0;
  let gzip = false;
  let extraWarnings = 0;
  const warn = (w: DecodeWarning) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(w);
    else extraWarnings++;
  };
  for await (const file of walk(root)) {
    files++;
    const { stream, isExport } = streamOfExportPath(root, file);
    try {
      const offset = events;
      const summary = await readFile(file, {
        format: options.format,
        // one input: number its events across files
        onEvent: (event) => {
          event.index += offset;
          options.onEvent(event);
        },
        stream,
        joinContinuations: isExport,
      });
      events += summary.events;
      bytes += summary.bytes;
      gzip ||= summary.gzip;
      formats.add(isExport && summary.format === 'text' ? 's3-export' : summary.format);
      for (const w of summary.warnings) warn({ ...w, message: `${relative(root, file)}: ${w.message}` });
    } catch (err) {
      if (!(err instanceof NetsleuthError)) throw err;
      warn({ message: err.message });
    }
  }
  if (extraWarnings > 0) warnings.push({ message: `${extraWarnings} more warnings were not listed` });
  if (files === 0) throw new NetsleuthError('INPUT_EMPTY', `${root}: the directory holds no files`);
  if (events === 0 && warnings.length > 0) {
    throw new NetsleuthError(
      'INPUT_UNREADABLE',
      `${root}: no file in the directory could be read (${warnings[0]?.message})`,
    );
  }
  return { name: root, format: [...formats].sort().join('+') || 'directory', gzip, events, bytes, warnings };
}
