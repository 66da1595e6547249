import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const backend = process.env.BACKEND_URL ?? 'http://localhost:3000';

/** In development, client-side routes under /admin/ are answered with the SPA's index.html. */
const adminFallback = (): Plugin => ({
  name: 'admin-spa-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = req.url?.split('?')[0] ?? '';
      if (path === '/admin' || (path.startsWith('/admin/') && !path.includes('.'))) req.url = '/admin/index.html';
      next();
    });
  },
});

export default defineConfig({
  plugins: [react(), tailwindcss(), adminFallback()],
  // `@/…` imports resolve through the paths in tsconfig.json, the one place they are declared.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: { admin: 'admin/index.html' },
      // Libraries change less often than the app: apart, they stay cached across releases.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'motion', test: /node_modules[\\/](motion|motion-dom|motion-utils|framer-motion)[\\/]/ },
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
      '^/$': { target: backend, changeOrigin: false },
    },
  },
});
