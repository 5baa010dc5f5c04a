import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run -w web dev` proxies the API to a running gateway (npm start), so the app and the API share an origin.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: { '/graphql': gateway, '/dev': gateway } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Monaco, GraphiQL's editor, is one large chunk; it loads only on the developers' GraphiQL page.
    chunkSizeWarningLimit: 3_000,
    // The app, and GraphiQL for developers (the gateway serves graphiql.html outside production only).
    rollupOptions: {
      input: { app: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's React Compiler hints ("use no memo") are meaningless in a bundle; say nothing about them.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
