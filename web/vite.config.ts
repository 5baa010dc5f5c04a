import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run -w web dev` proxies the API to a running gateway (npm start), so the app and the API share an origin.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: { '/graphql': gateway, '/dev': gateway } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
