import { defineConfig } from 'vite';

/**
 * The reference chat page. `npm run build` writes it to web/dist, which the service serves
 * at `/`; `npm run dev:web` serves it with hot reload and sends the API to the service on
 * :3000 (PORT), so the visitor cookie stays first-party.
 */
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  // @vitejs/plugin-react's peer dependencies do not resolve with vite 8 yet: Vite's own JSX transform is enough.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // swr (inside @ai-sdk/react) marks itself 'use client' for React Server Components; meaningless in a page bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/v1': api, '/health': api } },
});
