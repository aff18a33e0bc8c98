// Bundles the page and its analysis worker (src/core runs in the worker) into dist/web with esbuild.
import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

const out = 'dist/web';
await mkdir(out, { recursive: true });
await build({
  entryPoints: { page: 'src/web/page.ts', worker: 'src/web/analyzeWorker.ts' },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  sourcemap: true,
  loader: { '.md': 'text' },
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile('src/web/index.html', `${out}/index.html`);
await copyFile('src/web/style.css', `${out}/style.css`);
