import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './precompress';

const backend = process.env.BACKEND_URL ?? 'http://localhost:3000';

/**
 * In development, client-side routes under /admin/ are answered with the SPA's index.html, and the
 * widget frame's address (/widget/frame?key=…, as the loader names it) with the frame's page.
 */
const pageFallbacks = (): Plugin => ({
  name: 'page-fallbacks',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [path = '', query] = req.url?.split('?') ?? [];
      if (path === '/admin' || (path.startsWith('/admin/') && !path.includes('.'))) req.url = '/admin/index.html';
      if (path === '/widget/frame') req.url = `/widget/frame.html${query === undefined ? '' : `?${query}`}`;
      next();
    });
  },
});

export default defineConfig({
  plugins: [react(), tailwindcss(), pageFallbacks(), precompress()],
  // `@/…` imports resolve through the paths in tsconfig.json, the one place they are declared.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The admin SPA and the widget's chat frame (the loader, /widget.js, is vite.loader.config.ts).
      input: { admin: 'admin/index.html', frame: 'widget/frame.html' },
      // Libraries change less often than the app: apart, they stay cached across releases. Each
      // group is split by which pages use it, so a visitor's chat never downloads the router or
      // the parts of motion only the admin panel uses.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              entriesAware: true,
            },
            {
              name: 'motion',
              test: /node_modules[\\/](motion|motion-dom|motion-utils|framer-motion)[\\/]/,
              entriesAware: true,
            },
          ],
        },
      },
    },
  },
  server: {
    // The Host header is kept, so the API sees the origin the browser is on and its same-origin
    // check passes (Vite's shorthand form would rewrite it to the backend's).
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      // The loader is a built classic script; the backend serves it (run `npm run build` once).
      '/widget.js': { target: backend, changeOrigin: false },
      '^/$': { target: backend, changeOrigin: false },
    },
  },
});
