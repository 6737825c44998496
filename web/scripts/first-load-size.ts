import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The built web app (`npm run build:web`). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** The budget of each app's first load, gzip (issue 3: ≤ 300 KB each). */
export const FIRST_LOAD_BUDGET_KB = 300;

export interface FirstLoad {
  /** Gzip bytes of the page and every asset it loads before showing anything. */
  gzipBytes: number;
  files: string[];
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/**
 * What a browser fetches to show one app: its HTML page, and the scripts, module preloads and
 * stylesheets that page names (Vite lists every statically imported chunk as a modulepreload).
 */
export function measureFirstLoad(page: 'console' | 'portal', distDir = WEB_DIST_DIR): FirstLoad {
  const htmlPath = join(distDir, page === 'console' ? 'index.html' : 'portal/index.html');
  const html = readFileSync(htmlPath, 'utf8');
  const assets = [
    ...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] as string)),
  ];
  const gzipBytes =
    gzipSize(htmlPath) + assets.reduce((sum, asset) => sum + gzipSize(join(distDir, asset)), 0);
  return { gzipBytes, files: [htmlPath, ...assets] };
}

/** `webBundleKb` of the benchmark: gzip KB of each app's first load. */
export function webBundleKb(distDir = WEB_DIST_DIR): { console: number; portal: number } {
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return {
    console: kb(measureFirstLoad('console', distDir).gzipBytes),
    portal: kb(measureFirstLoad('portal', distDir).gzipBytes),
  };
}
