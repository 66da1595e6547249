// The widget loader (/widget.js): one classic script, an IIFE with no imports, that customers'
// pages load with a plain <script> tag. Built after the main build into the same dist/, which it
// must not wipe.
import { defineConfig } from 'vite';
import { precompress } from './precompress';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  plugins: [precompress()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Customers' visitors come with older browsers than our admins do.
    target: 'es2019',
    lib: {
      entry: 'src/widget/loader.ts',
      formats: ['iife'],
      // Vite requires a name for an IIFE; the loader exports nothing, so no global is defined.
      name: 'AIMaxWidget',
      fileName: () => 'widget.js',
    },
  },
});
