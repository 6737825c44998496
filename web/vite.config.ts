import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Where `npm run dev:web` forwards API calls: a running `rollcall serve`. */
const apiTarget = process.env.ROLLCALL_API_URL ?? 'http://localhost:3000';

/**
 * In development, deep links behave as in production (src/api/app.ts): paths under `/portal`
 * load the portal's page, every other page path the console's.
 */
function spaFallback(): Plugin {
  return {
    name: 'rollcall-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const path = url.split('?')[0] ?? '/';
        const isPage = req.method === 'GET' && !path.includes('.') && !path.startsWith('/@');
        if (isPage && !path.startsWith('/api/')) {
          req.url = path === '/portal' || path.startsWith('/portal/') ? '/portal/index.html' : '/index.html';
        }
        next();
      });
    },
  };
}

// Two entries, two bundles: the console at `/`, the portal at `/portal/`; shared code is split out.
export default defineConfig(({ mode }) => ({
  root: webRoot,
  appType: 'mpa',
  plugins: [react(), spaFallback()],
  resolve: {
    // react-router's package exports point every condition at its development build.
    alias:
      mode === 'production'
        ? [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(
                new URL('../node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            },
          ]
        : [],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget that matters is each app's gzip first load (web/scripts/first-load-size.ts).
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        console: fileURLToPath(new URL('index.html', import.meta.url)),
        portal: fileURLToPath(new URL('portal/index.html', import.meta.url)),
      },
      // Libraries change less often than screens: one long-cached chunk shared by both apps.
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
            { name: 'shared', test: /[\\/]web[\\/]src[\\/](auth|lib|ui|styles)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': apiTarget, '/healthz': apiTarget },
  },
}));
