import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NetsleuthError } from '../core/errors.js';
import { emptyModel, type NetworkModel } from '../network/model.js';
import { addJsonFile, firstKey, looksLikeConfiguration } from '../network/snapshot.js';

/**
 * JSON text as the AWS CLI wrote it: UTF-8, with or without a byte-order mark, or UTF-16 (what Windows
 * PowerShell 5 makes of `aws … > file.json`).
 */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function head(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, 512, 0);
    return decodeText(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Larger files are looked at before they are parsed: a log export left in the directory is skipped by its first key. */
const SNIFF_ABOVE_BYTES = 1024 * 1024;

async function jsonFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsonFiles(path, depth + 1)));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.push(path);
    if (out.length > MAX_FILES) break;
  }
  return out;
}

/**
 * `--config PATH`: a directory of JSON files as the AWS CLI prints them, recognised by content, or one
 * snapshot file. Files that are not JSON or not a known output become warnings in the model.
 */
export async function loadConfig(path: string): Promise<NetworkModel> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new NetsleuthError('INPUT_UNREADABLE', `--config ${path}: no such file or directory.`);
  }
  const files = info.isDirectory() ? await jsonFiles(path) : [path];
  if (info.isDirectory() && files.length === 0) {
    throw new NetsleuthError(
      'INPUT_EMPTY',
      `--config ${path}: the directory holds no .json files (save each "aws ... describe-*" output as a .json file there, or run "netsleuth snapshot").`,
    );
  }
  const model = emptyModel();
  for (const file of files.slice(0, MAX_FILES)) {
    const size = (await stat(file)).size;
    if (size > MAX_FILE_BYTES) {
      model.warnings.push(`${file}: ${size} bytes is more than a configuration file should hold; skipped`);
      continue;
    }
    // A log export left in the same directory is not parsed whole: its first key gives it away.
    // Small files are parsed whatever their first key (key order varies: jq -S, other tools).
    const start = info.isDirectory() && size > SNIFF_ABOVE_BYTES ? await head(file) : '';
    if (start !== '' && !looksLikeConfiguration(start)) {
      const key = firstKey(start);
      model.warnings.push(
        `${file}: ${key ? `its first key "${key}" is not` : 'does not start like'} an aws describe-* output; skipped`,
      );
      continue;
    }
    const text = decodeText(await readFile(file));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const message = `${file}: not valid JSON (${(e as Error).message})`;
      if (!info.isDirectory()) throw new NetsleuthError('INPUT_INVALID_JSON', `--config ${message}.`);
      model.warnings.push(`${message}; skipped`);
      continue;
    }
    addJsonFile(model, json, file);
  }
  if (files.length > MAX_FILES)
    model.warnings.push(`${path}: more than ${MAX_FILES} files; only the first ${MAX_FILES} were read`);
  if (model.present.size === 0) {
    throw new NetsleuthError(
      'INPUT_WRONG_SHAPE',
      `--config ${path}: no AWS CLI describe-* output found (${model.warnings[0] ?? 'nothing recognised'}).`,
    );
  }
  return model;
}
