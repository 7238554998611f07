import { defineConfig } from 'vite';

// The UI is plain TypeScript with Preact + htm (tagged templates), so no JSX plugin is needed.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
